// Which display renditions an <img> uses (docs/api.md, "Display sizes"). Only the sizes the photo
// JSON lists are used, so the page never asks for an original: the owner's original keeps its
// EXIF (GPS position included), and nobody else may have it at all.

/** Widths of the non-square renditions, smallest first. */
const WIDE = ['small', 'medium', 'large'];

/**
 * The src, srcset and intrinsic size for showing the photo whole (photo page, feed), or null
 * while no rendition exists yet (sizes_state pending or failed).
 */
export function displayImage(photo) {
  return pick(photo, WIDE, 'medium');
}

/** The same for a square grid cell: the 150 square thumbnail, then wider ones for dense screens. */
export function gridImage(photo) {
  return pick(photo, ['thumb', ...WIDE.slice(0, 2)], 'thumb');
}

function pick(photo, names, preferred) {
  const sizes = photo?.sizes ?? {};
  const present = names.filter((name) => sizes[name]?.url && sizes[name].width > 0);
  if (present.length === 0) return null;
  const chosen = sizes[present.includes(preferred) ? preferred : present[0]];
  return {
    src: chosen.url,
    srcset: present.map((name) => `${sizes[name].url} ${sizes[name].width}w`).join(', '),
    width: chosen.width,
    height: chosen.height,
  };
}
