package io.picshare.api.domain.photo;

import static java.util.Objects.requireNonNull;

/**
 * The stored photo, and whether it was created by an earlier request with the same idempotency key.
 */
public record UploadResult(StoredPhoto photo, boolean replayed) {
  public UploadResult {
    requireNonNull(photo, "photo is null");
  }
}
