package io.picshare.api.config;

/**
 * Limits on uploaded photos.
 *
 * @param maxBytes larger uploads are refused with 413 ({@code max-upload-bytes}, default 20 MiB)
 * @param maxPixels images declaring more pixels are refused with 422 before anything decodes
 *     them: the decompression-bomb guard ({@code max-upload-pixels}, default 50 million)
 */
public record UploadConfig(long maxBytes, long maxPixels) {
  static UploadConfig from(ConfigValues values) {
    return new UploadConfig(
        values.integer("max-upload-bytes", 20 * 1024 * 1024, 1024, Integer.MAX_VALUE),
        values.integer("max-upload-pixels", 50_000_000, 1, Integer.MAX_VALUE));
  }
}
