package io.picshare.api.config;

import java.util.Locale;

/**
 * Which part of the system a process runs: the read or write half of the API (they scale and fail
 * independently), both ({@code all}), or the event consumers ({@code workers}, whose public port
 * serves only health and the API document).
 */
public enum ServerRole {
  READ,
  WRITE,
  ALL,
  WORKERS;

  public static ServerRole parse(String value) {
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("role must be read, write, all or workers, got: " + value);
    }
  }

  public boolean servesReads() {
    return this == READ || this == ALL;
  }

  public boolean servesWrites() {
    return this == WRITE || this == ALL;
  }
}
