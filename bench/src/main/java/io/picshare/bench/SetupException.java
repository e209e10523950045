package io.picshare.bench;

/** The benchmark could not start: the API is unreachable, not ready, or refused a setup call. */
public final class SetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SetupException(String message) {
    super(message);
  }
}
