package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long the HTTP edge waits for clients and for itself. Every limit closes or answers a
 * connection that would otherwise hold one of the {@code max-connections} slots indefinitely.
 *
 * @param headerTimeout a connection must deliver a complete request head within this long of
 *     opening, or of the end of its previous response; otherwise it is closed. This also reaps idle
 *     keep-alive connections ({@code header-timeout-seconds}, default 10)
 * @param bodyTimeout a request body must have arrived in full within this long of its head;
 *     otherwise the request is answered {@code 408 request-timeout} and the connection closed
 *     ({@code body-timeout-seconds}, default 30)
 * @param requestTimeout a request not answered within this long of its head is answered {@code 503
 *     service-unavailable} ({@code request-timeout-seconds}, default 10)
 * @param uploadTimeout the same deadline for {@code POST /v1/photos}; at most 110 s so that it
 *     stays below the two minutes after which an unfinished idempotent upload may be taken over
 *     ({@code upload-timeout-seconds}, default 45)
 * @param idleTimeout a connection on which nothing is read or written for this long is closed, e.g.
 *     a client that stops reading a download; longer than both deadlines, so that a request still
 *     being worked on is answered rather than cut off ({@code idle-timeout-seconds}, default 60)
 */
public record TimeoutConfig(
    Duration headerTimeout,
    Duration bodyTimeout,
    Duration requestTimeout,
    Duration uploadTimeout,
    Duration idleTimeout) {
  /**
   * An unfinished idempotent upload may be taken over after two minutes; the deadline must end
   * before.
   */
  static final int MAX_UPLOAD_TIMEOUT_SECONDS = 110;

  public TimeoutConfig {
    requireNonNull(headerTimeout, "headerTimeout is null");
    requireNonNull(bodyTimeout, "bodyTimeout is null");
    requireNonNull(requestTimeout, "requestTimeout is null");
    requireNonNull(uploadTimeout, "uploadTimeout is null");
    requireNonNull(idleTimeout, "idleTimeout is null");
    if (idleTimeout.compareTo(requestTimeout) <= 0 || idleTimeout.compareTo(uploadTimeout) <= 0) {
      throw new ConfigException(
          "idle-timeout-seconds ("
              + idleTimeout.toSeconds()
              + ") must be longer than request-timeout-seconds and upload-timeout-seconds");
    }
  }

  static TimeoutConfig from(ConfigValues values) {
    return new TimeoutConfig(
        seconds(values, "header-timeout-seconds", 10, 3600),
        seconds(values, "body-timeout-seconds", 30, 3600),
        seconds(values, "request-timeout-seconds", 10, 3600),
        seconds(values, "upload-timeout-seconds", 45, MAX_UPLOAD_TIMEOUT_SECONDS),
        seconds(values, "idle-timeout-seconds", 60, 3600));
  }

  private static Duration seconds(ConfigValues values, String key, int defaultValue, int max) {
    return Duration.ofSeconds(values.integer(key, defaultValue, 1, max));
  }
}
