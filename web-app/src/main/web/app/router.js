// History-API routing: links within the app change the view without reloading the page. The read
// server answers the same paths with index.html (WebAppRoutes), so reloads and shared links work.

const routes = [];
let render = () => {};
let leaving = null;

/** Adds a route: pattern like '/users/:username/followers'. */
export function route(pattern, view) {
  const names = [];
  const regex = new RegExp(
    '^' +
      pattern.replace(/:([a-z]+)/g, (_, name) => {
        names.push(name);
        return '([^/]+)';
      }) +
      '/?$',
  );
  routes.push({ regex, names, view });
}

export function match(pathname) {
  for (const candidate of routes) {
    const found = candidate.regex.exec(pathname);
    if (found) {
      const params = {};
      candidate.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1]);
      });
      return { view: candidate.view, params };
    }
  }
  return null;
}

/** Starts routing; show(view, params, query, signal) renders a view. */
export function start(show) {
  render = show;
  window.addEventListener('popstate', () => current());
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (
      !link ||
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      link.target ||
      link.hasAttribute('download') ||
      link.getAttribute('href').startsWith('#') ||
      link.origin !== location.origin ||
      link.pathname.startsWith('/v1/')
    ) {
      return;
    }
    event.preventDefault();
    navigate(link.pathname + link.search + link.hash);
  });
  current();
}

/** Shows path (and adds it to the history unless replace). */
export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  current();
}

/** Renders the current location again (e.g. after logging in or out). */
export function current() {
  leaving?.abort();
  leaving = new AbortController();
  const found = match(location.pathname);
  render(found, new URLSearchParams(location.search), leaving.signal);
}
