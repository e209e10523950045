// Builds DOM nodes. Text always becomes Text nodes and values attributes, never markup: nothing
// here (or anywhere in the app) assigns innerHTML, so a title like <img src=x onerror=...> shows
// as the characters it is. The server's Trusted Types policy would refuse such an assignment anyway.

/**
 * h('a', {href: '/x', class: 'link', onClick: fn}, 'text', child) → the element. Props named
 * on<Event> become listeners; false/null props and children are skipped; true sets an empty
 * attribute.
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'value' && 'value' in element) {
      element.value = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  element.append(...nodes(children));
  return element;
}

function nodes(children) {
  return children
    .flat(Infinity)
    .filter((child) => child !== null && child !== undefined && child !== false)
    .map((child) => (child instanceof Node ? child : document.createTextNode(String(child))));
}

/** Replaces the children of element. */
export function replace(element, ...children) {
  element.replaceChildren(...nodes(children));
}

/** "1 like", "3 likes". */
export function count(n, one, many) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** A friendly date: "3 Dec 2026". */
export function date(iso) {
  const value = new Date(iso);
  return Number.isNaN(value.getTime())
    ? ''
    : value.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** The path of a user's page; usernames are [a-z0-9_], encoded all the same. */
export function userPath(username, tail = '') {
  return `/users/${encodeURIComponent(username)}${tail}`;
}

export function photoPath(id) {
  return `/photos/${encodeURIComponent(id)}`;
}

const SVG = 'http://www.w3.org/2000/svg';

/** A decorative icon (hidden from screen readers: its control carries the name) from one path. */
export function icon(path) {
  const svg = document.createElementNS(SVG, 'svg');
  for (const [name, value] of Object.entries({
    viewBox: '0 0 24 24',
    width: '20',
    height: '20',
    'aria-hidden': 'true',
    focusable: 'false',
  })) {
    svg.setAttribute(name, value);
  }
  const shape = document.createElementNS(SVG, 'path');
  shape.setAttribute('d', path);
  shape.setAttribute('fill', 'currentColor');
  svg.append(shape);
  return svg;
}
