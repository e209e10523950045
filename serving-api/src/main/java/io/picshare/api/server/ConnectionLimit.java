package io.picshare.api.server;

import static java.util.Objects.requireNonNull;

import io.picshare.api.metrics.ApiMetrics;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the connections open on all of a process's HTTP servers together: a connection beyond
 * {@code max} is closed as it arrives (and counted as refused), so one role cannot exhaust the host.
 */
final class ConnectionLimit {
  private final int max;
  private final ApiMetrics metrics;
  private final AtomicInteger open = new AtomicInteger();

  ConnectionLimit(int max, ApiMetrics metrics) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, got " + max);
    }
    this.max = max;
    this.metrics = requireNonNull(metrics, "metrics is null");
  }

  /** Guards {@code server}; {@code openOnServer} counts the connections it holds. */
  void guard(HttpServer server, AtomicInteger openOnServer) {
    server.connectionHandler(connection -> {
      if (open.incrementAndGet() > max) {
        open.decrementAndGet();
        metrics.connectionRefused();
        connection.close();
        return;
      }
      openOnServer.incrementAndGet();
      connection.closeHandler(closed -> {
        openOnServer.decrementAndGet();
        open.decrementAndGet();
      });
    });
  }
}
