package io.picshare.batch.search;

import io.picshare.data.search.PhotoDocument;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.table.PhotosTable;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * What one row of {@code picshare:photos} (read with families {@code m} and {@code c}) gives the
 * search index: a live photo and its like count, or nothing (with the counter that says why). A row
 * is live as the API reads it: committed ({@code m:sh}) and not marked deleted ({@code m:x}).
 */
sealed interface PhotoIndexRow {
  /** A live photo to index. */
  record Live(PhotoRecord photo, long likes) implements PhotoIndexRow {
    /** The photo's document, its owner called {@code owner}. */
    PhotoDocument document(String owner) {
      return new PhotoDocument(
          photo.photoId(), photo.ownerId(), owner, photo.title(), photo.createdAtMillis(), likes);
    }
  }

  /** A row that gives no document. */
  record Skipped(ReindexCounters reason) implements PhotoIndexRow {}

  static PhotoIndexRow of(Result row) {
    if (!row.containsColumn(PhotosTable.METADATA, PhotosTable.SHA256)
        || row.containsColumn(PhotosTable.METADATA, PhotosTable.DELETION_EVENT)) {
      return new Skipped(ReindexCounters.DELETED_PHOTOS_SKIPPED);
    }
    byte[] likes = row.getValue(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT);
    if (likes != null && likes.length != Long.BYTES) {
      return new Skipped(ReindexCounters.BAD_ROWS);
    }
    try {
      return new Live(PhotoRecord.fromResult(row), likes == null ? 0 : Bytes.toLong(likes));
    } catch (IllegalArgumentException e) {
      return new Skipped(ReindexCounters.BAD_ROWS);
    }
  }
}
