package io.picshare.media;

import static java.util.Objects.requireNonNull;

/**
 * One display rendition: a baseline JPEG of {@code width × height} pixels, upright (the EXIF
 * orientation applied) and without any metadata. The array is not copied: treat it as immutable.
 */
public record Rendition(DisplaySize size, int width, int height, byte[] jpeg) {
  public Rendition {
    requireNonNull(size, "size is null");
    requireNonNull(jpeg, "jpeg is null");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
    }
  }
}
