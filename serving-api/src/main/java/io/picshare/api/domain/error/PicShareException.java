package io.picshare.api.domain.error;

import static java.util.Objects.requireNonNull;

/** A request the domain refuses, with a stable code and a detail fit to show the client. */
public class PicShareException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public PicShareException(ErrorCode code, String detail) {
    super(detail);
    this.code = requireNonNull(code, "code is null");
  }

  public ErrorCode code() {
    return code;
  }

  public static PicShareException invalid(String detail) {
    return new PicShareException(ErrorCode.VALIDATION_FAILED, detail);
  }

  public static PicShareException notFound(String detail) {
    return new PicShareException(ErrorCode.NOT_FOUND, detail);
  }
}
