package io.picshare.api.metrics;

import io.picshare.api.health.ReadinessService;
import io.picshare.api.http.ConnectionGuard;
import io.picshare.api.http.EdgeLimits;
import io.picshare.api.http.UploadBytesInFlight;

/**
 * Registers what the HTTP edge's limits count: refused and timed-out connections, upload bytes in
 * flight, readiness checks.
 */
public final class EdgeMetrics {
  private EdgeMetrics() {}

  public static void register(ApiMetrics metrics, EdgeLimits limits, ReadinessService readiness) {
    metrics.count(
        "picshare.http.connections.refused",
        "connections closed at once because max-connections were open",
        limits.connections(),
        ConnectionGuard::refusedConnections);
    metrics.count(
        "picshare.http.connections.head.timeouts",
        "connections closed for not sending a request head in time",
        limits.connections(),
        ConnectionGuard::headTimeouts);
    metrics.gauge(
        "picshare.upload.bytes.in.flight",
        "upload bytes this instance holds now",
        limits.uploadBytes(),
        UploadBytesInFlight::reserved);
    metrics.count(
        "picshare.readiness.checks",
        "times the backends were asked whether they are ready",
        readiness,
        ReadinessService::checksRun);
  }
}
