package io.picshare.bench;

import static java.util.Objects.requireNonNull;

/**
 * A photo the benchmark uploaded, how many bytes its content has, and its owner's token (only the
 * owner may download the original; left out of {@link #toString()}).
 */
public record UploadedPhoto(String id, long size, String ownerToken) {
  public UploadedPhoto {
    requireNonNull(id, "id is null");
    requireNonNull(ownerToken, "ownerToken is null");
    if (size < 1) {
      throw new IllegalArgumentException("size must be positive");
    }
  }

  @Override
  public String toString() {
    return "UploadedPhoto[" + id + ", " + size + " bytes]";
  }
}
