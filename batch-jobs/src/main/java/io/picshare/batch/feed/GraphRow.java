package io.picshare.batch.feed;

import io.picshare.schema.key.PairRowKey;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.table.FollowsTable;
import io.picshare.schema.table.PhotosTable;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * What one row of {@code picshare:follows} or {@code picshare:photos} contributes to the feed
 * build, decoded with the schema's row-key classes: an edge, an ended edge, a candidate photo, or
 * nothing (with the counter that says why).
 */
public sealed interface GraphRow {
  /** {@code followerId} follows {@code followeeId}. */
  record Follow(long followerId, long followeeId) implements GraphRow {}

  /** {@code followerId} followed someone once and unfollowed. */
  record Unfollowed(long followerId) implements GraphRow {}

  /** A live photo inside the window, with its like count. */
  record Photo(long photoId, long ownerId, long createdAtMillis, long likes) implements GraphRow {}

  /** A row that gives no edge and no candidate. */
  record Skipped(FeedBuildCounters reason) implements GraphRow {}

  /** A row of {@code picshare:follows} read with {@code f:e}. */
  static GraphRow ofFollow(Result row) {
    PairRowKey key;
    try {
      key = PairRowKey.decode(row.getRow());
    } catch (IllegalArgumentException e) {
      return new Skipped(FeedBuildCounters.BAD_ROWS);
    }
    byte[] edge = row.getValue(FollowsTable.EDGE, FollowsTable.EDGE_ID);
    if (edge != null && edge.length == 0) {
      return new Unfollowed(key.ownerId());
    }
    if (edge == null || edge.length != Long.BYTES || key.ownerId() == key.memberId()) {
      return new Skipped(FeedBuildCounters.BAD_ROWS);
    }
    return new Follow(key.ownerId(), key.memberId());
  }

  /**
   * A row of {@code picshare:photos} read with {@code m:sh}, {@code m:c}, {@code m:x} and {@code
   * c:l}. Like the API's reads, a row without {@code m:sh} (an upload not committed, or a counter
   * left by a like racing a purge) or with a deletion mark is absent.
   */
  static GraphRow ofPhoto(Result row, FeedWindow window) {
    UserPhotoRowKey key;
    try {
      key = UserPhotoRowKey.decode(row.getRow());
    } catch (IllegalArgumentException e) {
      return new Skipped(FeedBuildCounters.BAD_ROWS);
    }
    if (!row.containsColumn(PhotosTable.METADATA, PhotosTable.SHA256)
        || row.containsColumn(PhotosTable.METADATA, PhotosTable.DELETION_EVENT)) {
      return new Skipped(FeedBuildCounters.PHOTOS_ABSENT);
    }
    byte[] created = row.getValue(PhotosTable.METADATA, PhotosTable.CREATED_AT);
    byte[] likes = row.getValue(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT);
    if (created == null
        || created.length != Long.BYTES
        || (likes != null && likes.length != Long.BYTES)) {
      return new Skipped(FeedBuildCounters.BAD_ROWS);
    }
    long createdAt = Bytes.toLong(created);
    return switch (window.position(createdAt)) {
      case BEFORE_WINDOW -> new Skipped(FeedBuildCounters.PHOTOS_OUTSIDE_WINDOW);
      case AFTER_CUTOFF -> new Skipped(FeedBuildCounters.PHOTOS_AFTER_CUTOFF);
      case INSIDE ->
          new Photo(
              key.photoId(),
              key.userId(),
              createdAt,
              likes == null ? 0 : Math.max(0, Bytes.toLong(likes)));
    };
  }
}
