package io.picshare.media;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What inspecting an accepted upload found. Width and height are as stored, before the EXIF
 * orientation (1–8, 1 when absent) is applied; the location is the EXIF GPS position when present.
 */
public record ImageInfo(
    ImageFormat format, int width, int height, int orientation, Optional<GeoPoint> location) {
  public ImageInfo {
    requireNonNull(format, "format is null");
    requireNonNull(location, "location is null");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
    }
    if (orientation < 1 || orientation > 8) {
      throw new IllegalArgumentException("orientation must be within [1, 8]: " + orientation);
    }
  }
}
