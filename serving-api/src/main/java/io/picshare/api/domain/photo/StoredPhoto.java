package io.picshare.api.domain.photo;

import static java.util.Objects.requireNonNull;

import io.picshare.data.PhotoRow;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.record.RenditionSet;
import java.util.Optional;

/**
 * A photo as stored, with its owner's username, its like count, and its display renditions once
 * built (or the reason they could not be).
 */
public record StoredPhoto(
    PhotoRecord record,
    String ownerUsername,
    long likeCount,
    Optional<RenditionSet> renditions,
    Optional<String> renditionFailure) {
  public StoredPhoto {
    requireNonNull(record, "record is null");
    requireNonNull(ownerUsername, "ownerUsername is null");
    requireNonNull(renditions, "renditions is null");
    requireNonNull(renditionFailure, "renditionFailure is null");
  }

  /** A photo whose renditions are not built yet (e.g. one just uploaded). */
  public StoredPhoto(PhotoRecord record, String ownerUsername, long likeCount) {
    this(record, ownerUsername, likeCount, Optional.empty(), Optional.empty());
  }

  public static StoredPhoto of(PhotoRow row, String ownerUsername) {
    return new StoredPhoto(
        row.record(), ownerUsername, row.likeCount(), row.renditions(), row.renditionFailure());
  }

  /** A strong entity tag of the original: the SHA-256 of the bytes, which never change. */
  public String etag() {
    return "\"" + record.sha256() + "\"";
  }
}
