package io.picshare.api.domain.photo;

import static java.util.Objects.requireNonNull;

import io.picshare.schema.record.PhotoRecord;

/** A photo as stored, with its owner's username and its like count. */
public record StoredPhoto(PhotoRecord record, String ownerUsername, long likeCount) {
  public StoredPhoto {
    requireNonNull(record, "record is null");
    requireNonNull(ownerUsername, "ownerUsername is null");
  }

  /** A strong entity tag: the SHA-256 of the bytes, which never change. */
  public String etag() {
    return "\"" + record.sha256() + "\"";
  }
}
