package io.picshare.api.config;

/**
 * Limits on uploaded photos.
 *
 * @param maxBytes larger uploads are refused with 413 ({@code max-upload-bytes}, default 20 MiB)
 * @param maxPixels images declaring more pixels are refused with 422 before anything decodes them:
 *     the decompression-bomb guard ({@code max-upload-pixels}, default 50 million)
 * @param maxBytesInFlight upload bytes this instance holds in memory at once, counted by the {@code
 *     Content-Length} each upload declares (or {@code maxBytes} plus the multipart allowance if it
 *     declares none); an upload that would exceed it is refused with {@code 503} and {@code
 *     Retry-After} before its body is read ({@code max-upload-bytes-in-flight}, default 128 MiB:
 *     with the three copies an upload briefly needs, 384 MiB, which with the 256 MiB content cache
 *     fits the 1 GiB heap the launcher gives the API). At least {@code maxBytes} plus the multipart
 *     allowance.
 */
public record UploadConfig(long maxBytes, long maxPixels, long maxBytesInFlight) {
  /** What a multipart envelope may add to the photo's bytes (boundaries, part headers, title). */
  public static final long MULTIPART_ALLOWANCE_BYTES = 64 * 1024;

  public UploadConfig {
    if (maxBytesInFlight < maxBytes + MULTIPART_ALLOWANCE_BYTES) {
      throw new ConfigException(
          "max-upload-bytes-in-flight ("
              + maxBytesInFlight
              + ") must be at least max-upload-bytes + "
              + MULTIPART_ALLOWANCE_BYTES
              + " ("
              + (maxBytes + MULTIPART_ALLOWANCE_BYTES)
              + "), or no large upload could ever start");
    }
  }

  /** The most an upload without a {@code Content-Length} can make this instance hold. */
  public long worstCaseRequestBytes() {
    return maxBytes + MULTIPART_ALLOWANCE_BYTES;
  }

  static UploadConfig from(ConfigValues values) {
    return new UploadConfig(
        values.integer("max-upload-bytes", 20 * 1024 * 1024, 1024, Integer.MAX_VALUE),
        values.integer("max-upload-pixels", 50_000_000, 1, Integer.MAX_VALUE),
        values.integer("max-upload-bytes-in-flight", 128 * 1024 * 1024, 1, Integer.MAX_VALUE));
  }
}
