package io.picshare.bench;

import static java.util.Objects.requireNonNull;

/** A photo the benchmark uploaded, and how many bytes its content has. */
public record UploadedPhoto(String id, long size) {
  public UploadedPhoto {
    requireNonNull(id, "id is null");
    if (size < 1) {
      throw new IllegalArgumentException("size must be positive");
    }
  }
}
