// The app's shell: header and navigation, live notifications, and the views the router shows.
import '../styles/app.css';
import { ApiError } from './api.js';
import { heading, loginPath, message } from './components.js';
import { h, icon, photoPath, replace, userPath } from './dom.js';
import { notifications } from './notifications.js';
import { current, navigate, route, start } from './router.js';
import { session } from './session.js';
import { loginView, signUpView } from './views/auth.js';
import { homeView } from './views/feed.js';
import { photoView } from './views/photo.js';
import { profileView, userListView } from './views/profile.js';
import { searchView } from './views/search.js';
import { uploadView } from './views/upload.js';

const BELL =
  'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6v-5a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z';

/** Views only a logged-in user can see: the others send them to log in first. */
const NEEDS_LOGIN = new Set([uploadView]);

route('/', homeView);
route('/login', loginView);
route('/signup', signUpView);
route('/upload', uploadView);
route('/search', searchView);
route('/photos/:id', photoView);
route('/users/:username', profileView);
route('/users/:username/followers', userListView('followers'));
route('/users/:username/following', userListView('following'));

const main = document.getElementById('main');
const nav = h('nav', { class: 'primary', 'aria-label': 'Main' });
const bell = h('button', { type: 'button', class: 'bell', 'aria-expanded': 'false', 'aria-controls': 'notice-panel' });
const panel = h('section', { id: 'notice-panel', class: 'notice-panel', hidden: true, 'aria-label': 'Notifications' });
const toasts = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
const header = h(
  'header',
  { class: 'site-header' },
  h('a', { href: '/', class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), 'PicShare'),
  nav,
  bell,
);
document.getElementById('app').prepend(header, panel);
document.body.append(toasts);

function link(href, label, extra = {}) {
  const here = location.pathname === href.split('?')[0];
  return h('a', { href, 'aria-current': here ? 'page' : null, ...extra }, label);
}

function renderNav() {
  const user = session.user();
  replace(
    nav,
    h(
      'ul',
      {},
      user ? h('li', {}, link('/', 'Feed')) : null,
      h('li', {}, link('/search', 'Search')),
      user ? h('li', {}, link('/upload', 'Upload')) : null,
      user ? h('li', {}, link(userPath(user.username), 'Profile', { 'data-username': user.username })) : null,
      user
        ? h('li', {}, h('button', { type: 'button', class: 'link-button', onClick: logOut }, 'Log out'))
        : h('li', {}, link(loginPath(), 'Log in')),
      user ? null : h('li', {}, link('/signup', 'Sign up')),
    ),
  );
  bell.hidden = !user;
}

function logOut() {
  session.end('logged-out');
  navigate('/');
}

function noticeItem(notice) {
  const target = notice.photo ? photoPath(notice.photo.id) : notice.actor ? userPath(notice.actor.username) : null;
  const text = notice.text ?? notice.type;
  return h('li', {}, target ? h('a', { href: target }, text) : text, notice.photo?.title ? h('span', { class: 'muted' }, ` — ${notice.photo.title}`) : null);
}

notifications.onChange(({ notices, unread, connected, latest }) => {
  replace(
    bell,
    icon(BELL),
    h('span', { class: 'visually-hidden' }, 'Notifications'),
    unread > 0 ? h('span', { class: 'badge' }, String(unread)) : null,
  );
  bell.setAttribute('aria-label', unread > 0 ? `Notifications, ${unread} new` : 'Notifications');
  bell.classList.toggle('live', connected);
  replace(
    panel,
    h('h2', {}, 'Notifications'),
    notices.length === 0
      ? message(connected ? 'Nothing yet: follows, likes and new photos show up here as they happen.' : 'Connecting…')
      : h('ul', { class: 'notices' }, notices.map(noticeItem)),
  );
  if (latest) {
    const toast = h('div', { class: 'toast' }, latest.text ?? latest.type);
    toasts.append(toast);
    setTimeout(() => toast.remove(), 6000);
  }
});

bell.addEventListener('click', () => {
  const open = panel.hidden;
  panel.hidden = !open;
  bell.setAttribute('aria-expanded', String(open));
  if (open) notifications.markRead();
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !panel.hidden) {
    panel.hidden = true;
    bell.setAttribute('aria-expanded', 'false');
    bell.focus();
  }
});

let firstRender = true;

async function show(found, query, signal) {
  renderNav();
  panel.hidden = true;
  bell.setAttribute('aria-expanded', 'false');
  if (found && NEEDS_LOGIN.has(found.view) && !session.user()) {
    navigate(loginPath(), { replace: true });
    return;
  }
  main.setAttribute('aria-busy', 'true');
  let result;
  try {
    result = found
      ? await found.view({ params: found.params, query, signal })
      : { title: 'Not found · PicShare', node: notFound() };
  } catch (error) {
    result =
      error instanceof ApiError && error.code === 'not-found'
        ? { title: 'Not found · PicShare', node: notFound() }
        : { title: 'Error · PicShare', node: h('section', {}, heading('Something went wrong'), message(error.message, 'error')) };
  }
  if (signal.aborted) return;
  main.setAttribute('aria-busy', 'false');
  document.title = result.title;
  replace(main, result.node);
  if (!firstRender) main.querySelector('.view-heading')?.focus();
  firstRender = false;
}

function notFound() {
  return h('section', {}, heading('Not found'), h('p', {}, 'There is nothing here. ', h('a', { href: '/' }, 'Go home')));
}

session.onChange((user, reason) => {
  if (reason === 'expired') navigate(`${loginPath()}${loginPath().includes('?') ? '&' : '?'}expired=1`, { replace: true });
  else if (reason === 'other-tab') current();
  else renderNav();
});

notifications.start();
start(show);
