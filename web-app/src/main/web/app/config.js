// What the read server tells the page about its deployment (meta tags it fills in index.html).

function meta(name) {
  return document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';
}

/** Default cap of the API (max-upload-bytes) when the page does not say. */
const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export const config = Object.freeze({
  /** Origin that takes writes (POST, PUT, DELETE); '' means this page's own origin. */
  writeUrl: meta('picshare-write-url').replace(/\/+$/, ''),
  maxUploadBytes: Number(meta('picshare-max-upload-bytes')) || DEFAULT_MAX_UPLOAD_BYTES,
});
