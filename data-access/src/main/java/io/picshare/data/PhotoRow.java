package io.picshare.data;

import static java.util.Objects.requireNonNull;

import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.record.RenditionSet;
import java.util.Optional;

/**
 * A live photo's row: its metadata, its like count, and its display renditions once built (or why
 * they could not be: a {@code RenditionFailedException} reason code).
 */
public record PhotoRow(
    PhotoRecord record,
    long likeCount,
    Optional<RenditionSet> renditions,
    Optional<String> renditionFailure) {
  public PhotoRow {
    requireNonNull(record, "record is null");
    requireNonNull(renditions, "renditions is null");
    requireNonNull(renditionFailure, "renditionFailure is null");
  }

  /** A row whose renditions are not built yet. */
  public PhotoRow(PhotoRecord record, long likeCount) {
    this(record, likeCount, Optional.empty(), Optional.empty());
  }
}
