package io.picshare.api.domain.feed;

import io.picshare.api.domain.error.PicShareException;
import java.util.Locale;

/** The two orders of the feed: {@code top} (ranked, the default) and {@code recent}. */
public enum FeedOrder {
  TOP,
  RECENT;

  /** {@code top} when absent; {@code VALIDATION_FAILED} for anything but top or recent. */
  public static FeedOrder parse(String value) {
    if (value == null) {
      return TOP;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "top" -> TOP;
      case "recent" -> RECENT;
      default -> throw PicShareException.invalid("order must be top or recent");
    };
  }
}
