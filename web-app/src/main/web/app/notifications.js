// Live notifications: the WebSocket GET /v1/stream of the logged-in user (docs/api.md). The
// token travels as the subprotocol bearer.<token> next to picshare.v1, the only way a browser can
// send it on a WebSocket without putting it in the URL. A dropped stream reconnects with backoff;
// the server sends no replay, so what arrives is shown as it comes.
import { session } from './session.js';

const MAX_KEPT = 50;
const listeners = new Set();
let socket = null;
let retryTimer = null;
let retryDelay = 1000;
let notices = [];
let unread = 0;
let connected = false;

function emit(latest) {
  for (const listener of listeners) listener({ notices, unread, connected, latest });
}

function streamUrl() {
  const url = new URL('/v1/stream', location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

function connect() {
  const token = session.token();
  if (!token || socket) return;
  const ws = new WebSocket(streamUrl(), ['picshare.v1', `bearer.${token}`]);
  socket = ws;
  ws.addEventListener('message', (event) => {
    let notice;
    try {
      notice = JSON.parse(event.data);
    } catch {
      return;
    }
    if (notice.type === 'ready') {
      connected = true;
      retryDelay = 1000;
      emit(null);
      return;
    }
    notices = [notice, ...notices].slice(0, MAX_KEPT);
    unread += 1;
    emit(notice);
  });
  ws.addEventListener('close', () => {
    if (socket !== ws) return;
    socket = null;
    connected = false;
    emit(null);
    if (session.token()) {
      retryTimer = setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    }
  });
}

function disconnect() {
  clearTimeout(retryTimer);
  const ws = socket;
  socket = null;
  connected = false;
  notices = [];
  unread = 0;
  ws?.close(1000);
  emit(null);
}

export const notifications = {
  start() {
    session.onChange(() => {
      disconnect();
      connect();
    });
    connect();
  },
  /** listener({notices, unread, connected, latest}); latest is the notice just received. */
  onChange(listener) {
    listeners.add(listener);
    listener({ notices, unread, connected, latest: null });
  },
  markRead() {
    unread = 0;
    emit(null);
  },
};
