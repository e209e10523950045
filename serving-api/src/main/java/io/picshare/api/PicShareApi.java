package io.picshare.api;

import io.picshare.api.config.ApiConfig;
import io.picshare.api.config.ConfigException;
import io.picshare.api.config.ConfigValues;
import io.picshare.api.health.ReadinessService;
import io.picshare.api.http.ApiRouter;
import io.picshare.api.storage.StorageBackends;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PicShare API server: reads its configuration, connects to the cluster, serves HTTP. */
public final class PicShareApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PicShareApi.class);
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);

  private final Vertx vertx;
  private final StorageBackends backends;
  private final HttpServer server;

  private PicShareApi(Vertx vertx, StorageBackends backends, HttpServer server) {
    this.vertx = vertx;
    this.backends = backends;
    this.server = server;
  }

  /** Starts a server; completes once it listens. */
  public static Future<PicShareApi> start(ApiConfig config) {
    Vertx vertx = Vertx.vertx();
    StorageBackends backends;
    try {
      backends = StorageBackends.open(vertx, config.storage());
    } catch (RuntimeException e) {
      vertx.close();
      return Future.failedFuture(e);
    }
    ReadinessService readiness = new ReadinessService(backends.healthChecks(), HEALTH_TIMEOUT);
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.http().host())
        .setPort(config.http().port())
        .setCompressionSupported(false);
    return vertx.createHttpServer(options)
        .requestHandler(ApiRouter.create(vertx, readiness))
        .listen()
        .map(server -> new PicShareApi(vertx, backends, server))
        .onFailure(error -> {
          backends.close();
          vertx.close();
        });
  }

  public int port() {
    return server.actualPort();
  }

  public StorageBackends backends() {
    return backends;
  }

  @Override
  public void close() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
    backends.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  public static void main(String[] args) throws Exception {
    ApiConfig config;
    try {
      config = ApiConfig.from(ConfigValues.from(args, System.getenv()));
    } catch (ConfigException e) {
      System.err.println("picshare-api: " + e.getMessage());
      System.exit(2);
      return;
    }
    LOG.info("starting with {}", config);
    PicShareApi api = start(config).await(60, TimeUnit.SECONDS);
    LOG.info("PicShare API ({} role) listening on http://{}:{}",
        config.http().role().name().toLowerCase(java.util.Locale.ROOT), config.http().host(), api.port());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        LOG.info("stopping");
        api.close();
      } catch (Exception e) {
        LOG.warn("did not stop cleanly", e);
      }
    }, "picshare-api-stop"));
  }
}
