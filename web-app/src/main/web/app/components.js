// Pieces several views share: photo images, cards and grid cells, the like button, paged lists
// that load more as they scroll into view, and status messages.
import { api } from './api.js';
import { count, h, photoPath, replace, userPath } from './dom.js';
import { displayImage, gridImage } from './renditions.js';
import { session } from './session.js';

/** A polite status line, or an alert for errors; screen readers announce both. */
export function message(text, kind = 'info') {
  return h('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

const POLL_MS = 2000;
const POLL_TRIES = 30;

/**
 * The photo's display rendition, lazily loaded, described by its title. While the workers are
 * still building renditions (a second or two after an upload) it shows a placeholder and asks
 * again every 2 s; onReady(photo) hears of the fresh JSON.
 */
export function photoImage(photo, { grid = false, sizes, signal, eager = false, onReady } = {}) {
  const box = h('div', { class: grid ? 'photo-box square' : 'photo-box' });
  const show = (current) => {
    const chosen = grid ? gridImage(current) : displayImage(current);
    if (chosen) {
      replace(
        box,
        h('img', {
          src: chosen.src,
          srcset: chosen.srcset,
          sizes,
          width: chosen.width,
          height: chosen.height,
          alt: current.title || 'Untitled photo',
          loading: eager ? 'eager' : 'lazy',
          decoding: 'async',
        }),
      );
      return true;
    }
    const failed = current.sizes_state === 'failed';
    replace(
      box,
      h(
        'div',
        { class: 'photo-placeholder', role: 'img', 'aria-label': current.title || 'Untitled photo' },
        failed ? 'This photo could not be processed.' : 'Preparing photo…',
      ),
    );
    return failed;
  };
  if (!show(photo)) {
    let tries = 0;
    const timer = setInterval(async () => {
      if (signal?.aborted || ++tries > POLL_TRIES) {
        clearInterval(timer);
        return;
      }
      try {
        const fresh = await api.photo(photo.id);
        if (show(fresh)) {
          clearInterval(timer);
          onReady?.(fresh);
        }
      } catch {
        // try again next tick
      }
    }, POLL_MS);
    signal?.addEventListener('abort', () => clearInterval(timer));
  }
  return box;
}

/** Like / unlike with the count beside it; logged out, a link to log in instead. */
export function likeButton(photo) {
  let liked = photo.liked_by_me === true;
  let likes = photo.like_count ?? 0;
  const label = h('span', { class: 'like-count', 'aria-live': 'polite' });
  const update = () => replace(label, count(likes, 'like', 'likes'));
  update();
  if (!session.user()) {
    return h('div', { class: 'likes' }, label, h('a', { href: loginPath(), class: 'small' }, 'Log in to like'));
  }
  const button = h(
    'button',
    {
      type: 'button',
      class: 'like',
      'aria-pressed': String(liked),
      'aria-label': `Like “${photo.title || 'Untitled photo'}”`,
      onClick: async () => {
        // busy rather than disabled: a disabled button would drop the keyboard focus
        if (button.dataset.busy) return;
        button.dataset.busy = 'true';
        const before = liked;
        liked = !liked;
        likes += liked ? 1 : -1;
        button.setAttribute('aria-pressed', String(liked));
        update();
        try {
          await (liked ? api.like(photo.id) : api.unlike(photo.id));
        } catch (error) {
          liked = before;
          likes += liked ? 1 : -1;
          button.setAttribute('aria-pressed', String(liked));
          update();
          button.after(message(error.message, 'error'));
        } finally {
          delete button.dataset.busy;
        }
      },
    },
    h('span', { class: 'heart', 'aria-hidden': 'true' }, '♥'),
    h('span', { class: 'like-word' }, 'Like'),
  );
  return h('div', { class: 'likes' }, button, label);
}

/** A photo in the feed: owner, picture, likes and title. */
export function photoCard(photo, signal) {
  return h(
    'article',
    { class: 'card', 'aria-label': photo.title || 'Untitled photo' },
    h('header', {}, h('a', { href: userPath(photo.owner), class: 'owner' }, `@${photo.owner}`)),
    h(
      'a',
      { href: photoPath(photo.id), class: 'card-photo' },
      photoImage(photo, { signal, sizes: '(max-width: 640px) 100vw, 600px' }),
    ),
    h('div', { class: 'card-body' }, likeButton(photo), h('p', { class: 'title' }, photo.title)),
  );
}

/** A square grid cell linking to the photo page. */
export function gridCell(photo, signal) {
  return h(
    'li',
    {},
    h(
      'a',
      { href: photoPath(photo.id), class: 'grid-cell', title: photo.title },
      photoImage(photo, { grid: true, signal, sizes: '(max-width: 640px) 33vw, 240px' }),
    ),
  );
}

export function userRow(user) {
  return h('li', {}, h('a', { href: userPath(user.username), class: 'user-link' }, `@${user.username}`));
}

/**
 * A list that loads its next page when its end scrolls into view, or when the "Load more"
 * button is pressed (keyboard users, and browsers without IntersectionObserver).
 * load(cursor) → {items, next_cursor}; item(data) → an element to append.
 */
export function pagedList({ tag = 'ul', className, label, load, item, empty, signal }) {
  const list = h(tag, { class: className, 'aria-label': label, 'aria-busy': 'false' });
  const status = h('div', { class: 'list-status' });
  const more = h('button', { type: 'button', class: 'secondary load-more', hidden: true }, 'Load more');
  const sentinel = h('div', { class: 'sentinel', 'aria-hidden': 'true' });
  const container = h('div', { class: 'paged' }, list, status, more, sentinel);
  let cursor = null;
  let loading = false;
  let done = false;
  let shown = 0;

  async function next() {
    if (loading || done || signal?.aborted) return;
    loading = true;
    more.disabled = true;
    list.setAttribute('aria-busy', 'true');
    replace(status, shown === 0 ? message('Loading…') : null);
    try {
      const page = await load(cursor);
      if (signal?.aborted) return;
      for (const data of page.items) list.append(item(data, signal));
      shown += page.items.length;
      cursor = page.next_cursor;
      done = !cursor || page.items.length === 0;
      if (done) container.dataset.state = 'done';
      replace(status, shown === 0 ? message(empty) : null);
      more.hidden = done;
    } catch (error) {
      if (signal?.aborted) return;
      replace(status, message(error.message, 'error'));
      more.hidden = false;
    } finally {
      loading = false;
      more.disabled = false;
      list.setAttribute('aria-busy', 'false');
    }
    if (!done && visible()) next();
  }

  function visible() {
    const box = sentinel.getBoundingClientRect();
    return box.top < window.innerHeight + 400;
  }

  more.addEventListener('click', next);
  if ('IntersectionObserver' in window) {
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) next();
    }, { rootMargin: '400px' });
    observer.observe(sentinel);
    signal?.addEventListener('abort', () => observer.disconnect());
  }
  next();
  return container;
}

/** /login with a way back to where the user was. */
export function loginPath(next = location.pathname + location.search) {
  return next && next !== '/' && next !== '/login' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}

/** A page heading that takes focus when the view is shown (the router moves focus there). */
export function heading(text, level = 'h1') {
  return h(level, { tabindex: '-1', class: 'view-heading' }, text);
}
