// What the API will refuse, checked before a byte is sent so the message comes at once: the size
// cap (413 payload-too-large) and the types it takes, judged by the file's first bytes as the
// server judges them (415 unsupported-media-type), whatever its name says.

const SIGNATURES = [
  { type: 'JPEG', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'PNG', test: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v) },
  { type: 'GIF', test: (b) => ascii(b, 0, 4) === 'GIF8' },
  { type: 'WebP', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
];

/** How many leading bytes checkFile needs. */
export const HEAD_BYTES = 12;

function ascii(bytes, from, to) {
  return String.fromCharCode(...bytes.slice(from, to));
}

/** "20 MB", "1.5 MB", "900 KB". */
export function megabytes(bytes) {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const value = bytes / (1024 * 1024);
  return `${value >= 10 || Number.isInteger(value) ? Math.round(value) : value.toFixed(1)} MB`;
}

/**
 * Why the API would refuse this file, or null if it would take it: size is the file's length,
 * head its first HEAD_BYTES bytes (a Uint8Array), maxBytes the server's cap.
 */
export function checkFile(size, head, maxBytes) {
  if (size === 0 || !SIGNATURES.some((signature) => signature.test(head))) {
    return 'Not a supported image: PicShare takes JPEG, PNG, GIF and WebP photos.';
  }
  if (size > maxBytes) {
    return `Too large: ${megabytes(size)}. Photos can be up to ${megabytes(maxBytes)}.`;
  }
  return null;
}

/** A title from a file name: "IMG_2041 lisbon.jpg" → "IMG_2041 lisbon", at most 200 characters. */
export function titleFromName(name) {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[_-]+/g, ' ').trim();
  return (base || 'Untitled').slice(0, 200);
}
