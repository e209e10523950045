/**
 * Images, without HTTP: cheap validation of uploads ({@link io.picshare.media.ImageInspector}: the
 * type sniffed from magic bytes, the size read from the container header without decoding pixels,
 * truncated or corrupt files and decompression bombs rejected, EXIF orientation and GPS position
 * extracted) and the display renditions built of every photo ({@link
 * io.picshare.media.RenditionRenderer}: upright, resized, metadata-free JPEGs). Shared by the API,
 * the workers and the batch jobs.
 */
package io.picshare.media;
