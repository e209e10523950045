// Who is logged in: the bearer token from POST /v1/sessions and its user, kept in localStorage
// (never in a URL or a cookie) until it expires or the user logs out. Other tabs follow along.

const KEY = 'picshare.session';
const listeners = new Set();
let current = load();

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (saved && typeof saved.token === 'string' && saved.expiresAt > Date.now()) return saved;
  } catch {
    // unreadable: start logged out
  }
  return null;
}

function changed(reason) {
  for (const listener of listeners) listener(current, reason);
}

window.addEventListener('storage', (event) => {
  if (event.key === KEY) {
    current = load();
    changed('other-tab');
  }
});

export const session = {
  token: () => (current && current.expiresAt > Date.now() ? current.token : null),
  user: () => (current && current.expiresAt > Date.now() ? current.user : null),

  /** Keeps a session answered by POST /v1/sessions. */
  start(answer) {
    current = {
      token: answer.token,
      user: { id: answer.user.id, username: answer.user.username },
      expiresAt: Date.now() + answer.expires_in * 1000,
    };
    localStorage.setItem(KEY, JSON.stringify(current));
    changed('logged-in');
  },

  /** Forgets the token (log out, or the server no longer takes it: reason 'expired'). */
  end(reason = 'logged-out') {
    if (!current) return;
    current = null;
    localStorage.removeItem(KEY);
    changed(reason);
  },

  onChange(listener) {
    listeners.add(listener);
  },
};
