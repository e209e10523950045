package io.picshare.api.domain.photo;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.error.PicShareException;
import io.picshare.media.DisplaySize;

/**
 * What {@code GET /v1/photos/{id}/content} was asked for: the {@code size} parameter ({@code
 * thumb}, {@code small}, {@code medium}, {@code large} or {@code original}), or none.
 */
public sealed interface ContentSize {
  /** No {@code size}: the original for its owner, {@code large} for everyone else. */
  record Default() implements ContentSize {}

  /** The bytes as uploaded, EXIF and all: for the owner only. */
  record Original() implements ContentSize {}

  record Display(DisplaySize size) implements ContentSize {
    public Display {
      requireNonNull(size, "size is null");
    }
  }

  /**
   * @param value the query parameter, null when absent
   * @throws PicShareException VALIDATION_FAILED for any other value
   */
  static ContentSize parse(String value) {
    if (value == null) {
      return new Default();
    }
    if (value.equals("original")) {
      return new Original();
    }
    return DisplaySize.ofApiName(value)
        .filter(size -> size.apiName().equals(value))
        .<ContentSize>map(Display::new)
        .orElseThrow(
            () ->
                PicShareException.invalid(
                    "size must be thumb, small, medium, large or original, not '" + value + "'"));
  }
}
