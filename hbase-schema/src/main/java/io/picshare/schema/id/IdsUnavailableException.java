package io.picshare.schema.id;

/**
 * No id can be issued now: the worker lease lapsed, or the clock is far behind the reserved range.
 */
public final class IdsUnavailableException extends IllegalStateException {
  public IdsUnavailableException(String message) {
    super(message);
  }
}
