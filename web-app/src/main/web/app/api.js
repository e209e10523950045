// The PicShare REST API (docs/api.md). Reads go to this page's origin (the read server that
// served it); writes go to config.writeUrl, which is this origin too unless the deployment
// sends writes to a separate write server (docs/web-app.md). Errors are ApiErrors carrying the
// problem document's stable code.
import { config } from './config.js';
import { session } from './session.js';

export class ApiError extends Error {
  constructor(status, code, message, retryAfter = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

const NETWORK_ERROR = 'PicShare cannot be reached. Check your connection and try again.';

function headers(json) {
  const result = { Accept: 'application/json, application/problem+json' };
  const token = session.token();
  if (token) result.Authorization = `Bearer ${token}`;
  if (json) result['Content-Type'] = 'application/json';
  return result;
}

function problem(status, body, retryAfter) {
  const code = body?.code ?? (status === 0 ? 'network-error' : 'unexpected-error');
  let message = body?.detail || body?.title || `The server answered ${status}.`;
  if (code === 'rate-limited' && retryAfter) message += ` Try again in ${retryAfter} s.`;
  if (status === 401 && session.token()) session.end('expired');
  return new ApiError(status, code, message, retryAfter);
}

async function call(method, path, body) {
  const base = method === 'GET' ? '' : config.writeUrl;
  let response;
  try {
    response = await fetch(base + path, {
      method,
      headers: headers(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'network-error', NETWORK_ERROR);
  }
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (a proxy's error page): reported by status
  }
  if (!response.ok) throw problem(response.status, parsed, response.headers.get('Retry-After'));
  return parsed;
}

const q = (params) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};
const seg = encodeURIComponent;

export const api = {
  signUp: (username, password) => call('POST', '/v1/users', { username, password }),
  logIn: (username, password) => call('POST', '/v1/sessions', { username, password }),

  profile: (username) => call('GET', `/v1/users/${seg(username)}`),
  userPhotos: (username, cursor) =>
    call('GET', `/v1/users/${seg(username)}/photos${q({ limit: 24, cursor })}`),
  followers: (username, cursor) =>
    call('GET', `/v1/users/${seg(username)}/followers${q({ limit: 30, cursor })}`),
  following: (username, cursor) =>
    call('GET', `/v1/users/${seg(username)}/following${q({ limit: 30, cursor })}`),
  follow: (username) => call('PUT', `/v1/me/following/${seg(username)}`),
  unfollow: (username) => call('DELETE', `/v1/me/following/${seg(username)}`),

  photo: (id) => call('GET', `/v1/photos/${seg(id)}`),
  deletePhoto: (id) => call('DELETE', `/v1/photos/${seg(id)}`),
  like: (id) => call('PUT', `/v1/photos/${seg(id)}/like`),
  unlike: (id) => call('DELETE', `/v1/photos/${seg(id)}/like`),

  feed: (order, cursor) => call('GET', `/v1/feed${q({ order, limit: 12, cursor })}`),
  searchPhotos: (text, cursor) => call('GET', `/v1/search/photos${q({ q: text, limit: 24, cursor })}`),
  searchUsers: (text) => call('GET', `/v1/search/users${q({ q: text, limit: 10 })}`),

  /**
   * POST /v1/photos as multipart (title, then file), reporting progress (0..1) as the bytes go
   * out; XMLHttpRequest because fetch cannot report upload progress.
   */
  upload(file, title, idempotencyKey, onProgress) {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', `${config.writeUrl}/v1/photos`);
      for (const [name, value] of Object.entries(headers(false))) request.setRequestHeader(name, value);
      request.setRequestHeader('Idempotency-Key', idempotencyKey);
      request.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      });
      request.addEventListener('load', () => {
        let body = null;
        try {
          body = JSON.parse(request.responseText);
        } catch {
          // reported by status
        }
        if (request.status === 201 || request.status === 200) resolve(body);
        else reject(problem(request.status, body, request.getResponseHeader('Retry-After')));
      });
      request.addEventListener('error', () => reject(new ApiError(0, 'network-error', NETWORK_ERROR)));
      const form = new FormData();
      form.append('title', title);
      form.append('file', file, file.name);
      request.send(form);
    });
  },
};
