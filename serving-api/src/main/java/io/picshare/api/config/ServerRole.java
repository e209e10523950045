package io.picshare.api.config;

import java.util.Locale;

/** Which half of the API a server runs; read and write servers scale and fail independently. */
public enum ServerRole {
  READ,
  WRITE,
  ALL;

  public static ServerRole parse(String value) {
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("role must be read, write or all, got: " + value);
    }
  }

  public boolean servesReads() {
    return this != WRITE;
  }

  public boolean servesWrites() {
    return this != READ;
  }
}
