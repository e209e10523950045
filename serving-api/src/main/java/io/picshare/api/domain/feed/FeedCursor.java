package io.picshare.api.domain.feed;

import io.picshare.api.domain.error.PicShareException;
import io.picshare.schema.id.PublicIds;
import java.util.OptionalLong;

/**
 * The opaque cursors of the feed. {@code recent}: the public id of the last photo shown (the next
 * page holds older ones). {@code top}: {@code <snapshot id>.<offset>}, a position in the ranking
 * snapshot the first page was cut from.
 */
record FeedCursor(long id, int offset) {
  static FeedCursor recent(long lastPhotoId) {
    return new FeedCursor(lastPhotoId, 0);
  }

  static FeedCursor top(long snapshotId, int offset) {
    return new FeedCursor(snapshotId, offset);
  }

  String encode(FeedOrder order) {
    return order == FeedOrder.RECENT ? PublicIds.encode(id) : PublicIds.encode(id) + "." + offset;
  }

  /**
   * @throws PicShareException {@code VALIDATION_FAILED} unless this API issued it for {@code order}
   */
  static FeedCursor decode(FeedOrder order, String cursor) {
    String id = cursor;
    int offset = 0;
    if (order == FeedOrder.TOP) {
      int dot = cursor.indexOf('.');
      if (dot < 0 || dot == cursor.length() - 1 || cursor.length() - dot > 5) {
        throw invalid();
      }
      id = cursor.substring(0, dot);
      String digits = cursor.substring(dot + 1);
      if (!digits.chars().allMatch(Character::isDigit)) {
        throw invalid();
      }
      offset = Integer.parseInt(digits);
    }
    OptionalLong decoded = PublicIds.decode(id);
    if (decoded.isEmpty()) {
      throw invalid();
    }
    return new FeedCursor(decoded.getAsLong(), offset);
  }

  private static PicShareException invalid() {
    return PicShareException.invalid("cursor is not one this API issued for this order");
  }
}
