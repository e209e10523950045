package io.picshare.data;

import static java.util.Objects.requireNonNull;

import io.picshare.schema.record.PhotoRecord;

/** A live photo's row: its metadata and its like count. */
public record PhotoRow(PhotoRecord record, long likeCount) {
  public PhotoRow {
    requireNonNull(record, "record is null");
  }
}
