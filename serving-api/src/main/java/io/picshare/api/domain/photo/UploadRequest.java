package io.picshare.api.domain.photo;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.auth.Principal;
import java.util.Optional;

/** What a client sent to upload a photo. The bytes are not copied: callers must not change them. */
public record UploadRequest(
    Principal uploader, String title, byte[] bytes, Optional<String> idempotencyKey) {
  public UploadRequest {
    requireNonNull(uploader, "uploader is null");
    requireNonNull(bytes, "bytes is null");
    requireNonNull(idempotencyKey, "idempotencyKey is null");
  }
}
