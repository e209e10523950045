package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How one timed request ended: a success with its latency and body size, or a failure under an
 * error key (the HTTP status such as {@code 429}, or {@code timeout}, {@code connect}, {@code io},
 * {@code size-mismatch}) with a detail worth showing once.
 */
public record Outcome(
    Optional<String> errorKey, long latencyMicros, long bodyBytes, String detail) {
  public Outcome {
    requireNonNull(errorKey, "errorKey is null");
    requireNonNull(detail, "detail is null");
    if (latencyMicros < 0) {
      throw new IllegalArgumentException("latencyMicros must not be negative");
    }
  }

  public static Outcome success(long latencyMicros, long bodyBytes) {
    return new Outcome(Optional.empty(), latencyMicros, bodyBytes, "");
  }

  public static Outcome failure(String errorKey, long latencyMicros, String detail) {
    return new Outcome(Optional.of(errorKey), latencyMicros, 0, detail);
  }

  /** The same outcome with another latency (an open loop measures from the intended start). */
  public Outcome withLatency(long micros) {
    return new Outcome(errorKey, micros, bodyBytes, detail);
  }

  public boolean succeeded() {
    return errorKey.isEmpty();
  }

  /**
   * Judges one reply: success if the status is {@code expectedStatus} and, when {@code
   * expectedBytes >= 0}, the body had exactly that many bytes.
   */
  public static Outcome of(
      Reply reply, Throwable failure, long latencyMicros, int expectedStatus, long expectedBytes) {
    if (failure != null) {
      return failure(transportErrorKey(failure), latencyMicros, String.valueOf(unwrap(failure)));
    }
    if (reply.status() != expectedStatus) {
      return failure(Integer.toString(reply.status()), latencyMicros, reply.text());
    }
    if (expectedBytes >= 0 && reply.bodyBytes() != expectedBytes) {
      return failure(
          "size-mismatch",
          latencyMicros,
          "expected " + expectedBytes + " bytes, got " + reply.bodyBytes());
    }
    return success(latencyMicros, reply.bodyBytes());
  }

  /** Microseconds since {@code startedNanos} on the {@link System#nanoTime()} scale. */
  public static long microsSince(long startedNanos) {
    return Math.max(0, (System.nanoTime() - startedNanos) / 1000);
  }

  static String transportErrorKey(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
      return "connect";
    }
    if (cause instanceof HttpTimeoutException) {
      return "timeout";
    }
    return cause instanceof IOException ? "io" : "error";
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
