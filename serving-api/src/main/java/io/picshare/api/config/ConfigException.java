package io.picshare.api.config;

/** The configuration is invalid; the API refuses to start and says why. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
