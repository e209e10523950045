package io.picshare.api.server;

import static java.util.Objects.requireNonNull;

import io.picshare.api.http.ConnectionGuard;
import io.picshare.api.metrics.ApiMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One event loop's HTTP server: it listens on the port the process's servers share, with its own
 * router over the shared services. Undeploying it drains it: it accepts no new connection, and the
 * requests in flight may finish within the drain timeout before their connections close.
 */
final class ApiServerVerticle extends VerticleBase {
  private final HttpServerOptions options;
  private final SocketAddress address;
  private final Function<Vertx, Router> routers;
  private final ConnectionGuard connections;
  private final ApiMetrics metrics;
  private final Duration drainTimeout;
  private final AtomicInteger actualPort;

  /** This server's open connections; held here because the metric holds it weakly. */
  private final AtomicInteger open = new AtomicInteger();

  private HttpServer server;

  ApiServerVerticle(
      HttpServerOptions options,
      SocketAddress address,
      Function<Vertx, Router> routers,
      ConnectionGuard connections,
      ApiMetrics metrics,
      Duration drainTimeout,
      AtomicInteger actualPort) {
    this.options = requireNonNull(options, "options is null");
    this.address = requireNonNull(address, "address is null");
    this.routers = requireNonNull(routers, "routers is null");
    this.connections = requireNonNull(connections, "connections is null");
    this.metrics = requireNonNull(metrics, "metrics is null");
    this.drainTimeout = requireNonNull(drainTimeout, "drainTimeout is null");
    this.actualPort = requireNonNull(actualPort, "actualPort is null");
  }

  @Override
  public Future<?> start() {
    metrics.openConnections(Thread.currentThread().getName(), open);
    server = vertx.createHttpServer(options);
    connections.guard(server, open);
    return server
        .requestHandler(routers.apply(vertx))
        .listen(address)
        .onSuccess(listening -> actualPort.set(listening.actualPort()));
  }

  @Override
  public Future<?> stop() {
    return server.shutdown(drainTimeout);
  }
}
