package io.picshare.api.domain;

import io.picshare.api.domain.error.PicShareException;
import io.picshare.schema.id.PublicIds;
import java.util.Optional;
import java.util.OptionalLong;

/** The paging rules every list shares: {@code limit} 1–100, cursors are public ids we issued. */
public final class Paging {
  public static final int MAX_LIMIT = 100;

  private Paging() {}

  /**
   * @throws PicShareException {@code VALIDATION_FAILED} unless 1 ≤ limit ≤ 100
   */
  public static int requireLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw PicShareException.invalid("limit must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  /** The id a cursor names; {@code VALIDATION_FAILED} if it is not one this API issued. */
  public static OptionalLong after(Optional<String> cursor) {
    if (cursor.isEmpty()) {
      return OptionalLong.empty();
    }
    OptionalLong id = PublicIds.decode(cursor.get());
    if (id.isEmpty()) {
      throw PicShareException.invalid("cursor is not one this API issued");
    }
    return id;
  }
}
