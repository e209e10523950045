package io.picshare.media;

import java.util.Locale;
import java.util.Optional;

/**
 * The display renditions built of every photo: a square thumbnail and three widths. Names are the
 * API's {@code size} values; codes are what the photo row stores (docs/schema.md). Neither ever
 * changes once released.
 */
public enum DisplaySize {
  /** A centred square crop, 150 × 150 (smaller only when the photo is). */
  THUMB("thumb", 0, 150, true),
  /** 320 pixels wide, the height keeping the aspect ratio. */
  SMALL("small", 1, 320, false),
  /** 640 pixels wide. */
  MEDIUM("medium", 2, 640, false),
  /** 1080 pixels wide. */
  LARGE("large", 3, 1080, false);

  private final String apiName;
  private final int code;
  private final int pixels;
  private final boolean square;

  DisplaySize(String apiName, int code, int pixels, boolean square) {
    this.apiName = apiName;
    this.code = code;
    this.pixels = pixels;
    this.square = square;
  }

  /** The name clients use, e.g. {@code medium}. */
  public String apiName() {
    return apiName;
  }

  /** The byte stored for this size. */
  public int code() {
    return code;
  }

  /** The side of the square, or the width; never more than the photo has. */
  public int pixels() {
    return pixels;
  }

  public boolean square() {
    return square;
  }

  public static Optional<DisplaySize> ofApiName(String name) {
    for (DisplaySize size : values()) {
      if (size.apiName.equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(size);
      }
    }
    return Optional.empty();
  }

  /**
   * @throws IllegalArgumentException if no size has this code
   */
  public static DisplaySize ofCode(int code) {
    for (DisplaySize size : values()) {
      if (size.code == code) {
        return size;
      }
    }
    throw new IllegalArgumentException("no display size has code " + code);
  }
}
