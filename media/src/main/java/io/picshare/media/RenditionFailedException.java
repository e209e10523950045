package io.picshare.media;

import static java.util.Objects.requireNonNull;

/**
 * A photo's renditions cannot be built, for a reason that lies in the photo itself (a retry will
 * fail the same way). Each {@link Reason#code()} is stable: it is stored in the photo row.
 */
public final class RenditionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Why; each code is stable once released. Reasons an upload could also be rejected for share its
   * code.
   */
  public enum Reason {
    /** Not a format any installed decoder reads. */
    UNSUPPORTED_TYPE(ImageRejectedException.Reason.UNSUPPORTED_TYPE.code()),
    /** The decoder found the pixel data damaged, truncated or inconsistent. */
    MALFORMED(ImageRejectedException.Reason.MALFORMED.code()),
    /** More pixels than the renderer will decode (a decompression bomb). */
    TOO_MANY_PIXELS(ImageRejectedException.Reason.TOO_MANY_PIXELS.code()),
    /** Decoding took longer than the time limit and was aborted. */
    TIMED_OUT("timed-out");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final Reason reason;

  RenditionFailedException(Reason reason, String message, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.reason = requireNonNull(reason, "reason is null");
  }

  public Reason reason() {
    return reason;
  }

  static RenditionFailedException of(ImageRejectedException rejected) {
    Reason reason =
        switch (rejected.reason()) {
          case UNSUPPORTED_TYPE -> Reason.UNSUPPORTED_TYPE;
          case MALFORMED -> Reason.MALFORMED;
          case TOO_MANY_PIXELS -> Reason.TOO_MANY_PIXELS;
        };
    return new RenditionFailedException(reason, rejected.getMessage(), rejected);
  }
}
