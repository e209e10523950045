package io.picshare.media;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * An upload is not an image PicShare will store. The message is meant for the API client: it says
 * what is wrong with the file and never carries parser or stack internals.
 */
public final class ImageRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an upload was rejected; each {@link #code()} is stable once released. */
  public enum Reason {
    /** The bytes are not a JPEG, PNG, GIF or WebP image, whatever the file is called. */
    UNSUPPORTED_TYPE("unsupported-image-type"),
    /** The file claims a supported type but is truncated, corrupt or has impossible dimensions. */
    MALFORMED("malformed-image"),
    /** The header declares more pixels than allowed, as a decompression bomb would. */
    TOO_MANY_PIXELS("too-many-pixels");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** A kebab-case identifier for problem responses, e.g. {@code too-many-pixels}. */
    public String code() {
      return code;
    }
  }

  private final Reason reason;

  public ImageRejectedException(Reason reason, String message) {
    this(reason, message, null);
  }

  private ImageRejectedException(Reason reason, String message, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.reason = requireNonNull(reason, "reason is null");
  }

  public Reason reason() {
    return reason;
  }

  static ImageRejectedException unsupportedType() {
    return new ImageRejectedException(
        Reason.UNSUPPORTED_TYPE,
        "The file is not a supported image: upload a JPEG, PNG, GIF or WebP.");
  }

  static ImageRejectedException malformed(ImageFormat format, String detail) {
    return malformed(format, detail, null);
  }

  static ImageRejectedException malformed(ImageFormat format, String detail, Throwable cause) {
    return new ImageRejectedException(
        Reason.MALFORMED,
        "The " + format + " image is damaged or incomplete: " + detail + ".",
        cause);
  }

  static ImageRejectedException tooManyPixels(int width, int height, long maxPixels) {
    return new ImageRejectedException(
        Reason.TOO_MANY_PIXELS,
        String.format(
            Locale.ROOT,
            "The image is %d x %d pixels (%.1f megapixels); at most %.1f megapixels are allowed.",
            width,
            height,
            (double) width * height / 1e6,
            maxPixels / 1e6));
  }
}
