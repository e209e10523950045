/**
 * Cheap validation of uploaded images: the type is sniffed from magic bytes, the size is read from
 * the container header without decoding pixels, truncated or corrupt files and decompression bombs
 * are rejected, and EXIF orientation and GPS position are extracted. Shared by the API and the
 * batch jobs; knows nothing of HTTP.
 */
package io.picshare.media;
