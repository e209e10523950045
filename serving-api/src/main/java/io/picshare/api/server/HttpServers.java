package io.picshare.api.server;

import static java.util.Objects.requireNonNull;

import io.picshare.api.config.HttpConfig;
import io.picshare.api.http.ConnectionGuard;
import io.picshare.api.metrics.ApiMetrics;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The API's HTTP servers: one {@link ApiServerVerticle} per event loop, all on one port (Vert.x
 * hands the port's new connections to them in turn), so that requests use every core. With port 0
 * they share one random port. {@code max-connections} holds for all of them together.
 */
public final class HttpServers {
  /** Vert.x shares a random port between the servers that listen on the same negative id. */
  private static final int SHARED_RANDOM_PORT_ID = 1;

  private final Vertx vertx;
  private final String deploymentId;
  private final int port;
  private final int instances;

  private HttpServers(Vertx vertx, String deploymentId, int port, int instances) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.port = port;
    this.instances = instances;
  }

  /**
   * Deploys one server per event loop of {@code http}, each with {@code options}, guarded by the
   * process's one {@code connections} guard; completes once all of them listen.
   */
  public static Future<HttpServers> deploy(
      Vertx vertx,
      HttpConfig http,
      HttpServerOptions options,
      ConnectionGuard connections,
      Duration drainTimeout,
      Function<Vertx, Router> routers,
      ApiMetrics metrics) {
    requireNonNull(vertx, "vertx is null");
    requireNonNull(http, "http is null");
    requireNonNull(options, "options is null");
    requireNonNull(connections, "connections is null");
    requireNonNull(drainTimeout, "drainTimeout is null");
    requireNonNull(routers, "routers is null");
    requireNonNull(metrics, "metrics is null");
    SocketAddress address =
        http.port() == 0
            ? SocketAddress.sharedRandomPort(SHARED_RANDOM_PORT_ID, http.host())
            : SocketAddress.inetSocketAddress(http.port(), http.host());
    AtomicInteger actualPort = new AtomicInteger();
    int instances = http.eventLoops();
    return vertx
        .deployVerticle(
            () ->
                new ApiServerVerticle(
                    options, address, routers, connections, metrics, drainTimeout, actualPort),
            new DeploymentOptions().setInstances(instances))
        .map(id -> new HttpServers(vertx, id, actualPort.get(), instances));
  }

  /** The port every server listens on. */
  public int port() {
    return port;
  }

  /** How many servers (one per event loop) share the port. */
  public int instances() {
    return instances;
  }

  /**
   * Stops accepting connections at once and completes when the requests in flight have finished and
   * their connections are closed, or when the drain timeout has cut them off.
   */
  public Future<Void> drain() {
    return vertx.undeploy(deploymentId);
  }
}
