package io.picshare.api;

import io.picshare.api.config.ApiConfig;
import io.picshare.api.config.ConfigException;
import io.picshare.api.config.ConfigValues;
import io.picshare.api.domain.account.AccountService;
import io.picshare.api.domain.account.PasswordHasher;
import io.picshare.api.domain.auth.TokenSecret;
import io.picshare.api.domain.auth.TokenService;
import io.picshare.api.domain.photo.PhotoService;
import io.picshare.api.events.OutboxRelay;
import io.picshare.api.health.ReadinessService;
import io.picshare.api.http.AdminRouter;
import io.picshare.api.http.ApiRouter;
import io.picshare.api.http.EdgeLimits;
import io.picshare.api.http.ServerOptions;
import io.picshare.api.metrics.ApiMetrics;
import io.picshare.api.metrics.EdgeMetrics;
import io.picshare.api.storage.IdempotencyStore;
import io.picshare.api.storage.OutboxRepository;
import io.picshare.api.storage.PhotoRepository;
import io.picshare.api.storage.StorageBackends;
import io.picshare.api.storage.UserRepository;
import io.picshare.media.ImageInspector;
import io.picshare.schema.id.IdGenerator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PicShare API server: reads its configuration, connects to the cluster, serves HTTP. */
public final class PicShareApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PicShareApi.class);
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration RELAY_INTERVAL = Duration.ofSeconds(1);
  private static final Duration READINESS_REUSE = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final StorageBackends backends;
  private final OutboxRelay relay;
  private final ApiMetrics metrics;
  private final HttpServer server;
  private final HttpServer admin;

  private PicShareApi(
      Vertx vertx, StorageBackends backends, OutboxRelay relay, ApiMetrics metrics, HttpServer server, HttpServer admin) {
    this.vertx = vertx;
    this.backends = backends;
    this.relay = relay;
    this.metrics = metrics;
    this.server = server;
    this.admin = admin;
  }

  /** Starts a server; completes once it listens. */
  public static Future<PicShareApi> start(ApiConfig config) {
    Clock clock = Clock.systemUTC();
    TokenService tokens = new TokenService(
        TokenSecret.loadOrCreate(config.auth().tokenSecretFile()), clock, config.auth().tokenTimeToLive());
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setEventLoopPoolSize(config.http().eventLoops())
        .setWorkerPoolSize(config.http().workerThreads()));
    StorageBackends backends;
    try {
      backends = StorageBackends.open(vertx, config.storage());
    } catch (RuntimeException e) {
      vertx.close();
      return Future.failedFuture(e);
    }
    IdGenerator ids = new IdGenerator(config.workerId(), clock);
    UserRepository users = new UserRepository(backends.hbase());
    PhotoRepository photos = new PhotoRepository(backends.hbase());
    OutboxRepository outbox = new OutboxRepository(backends.hbase());
    AccountService accounts = new AccountService(users, new PasswordHasher(), tokens, ids, clock,
        vertx.createSharedWorkerExecutor("password-hashing", Math.max(2, Runtime.getRuntime().availableProcessors())));
    PhotoService photoService = new PhotoService(photos, users, backends.blobs(),
        new IdempotencyStore(backends.hbase(), clock), outbox, new ImageInspector(config.upload().maxPixels()),
        ids, clock, vertx.createSharedWorkerExecutor("image-inspection", 2 * Runtime.getRuntime().availableProcessors()),
        config.storage().contentCacheBytes());
    ReadinessService readiness = new ReadinessService(backends.healthChecks(), HEALTH_TIMEOUT, READINESS_REUSE, clock);
    OutboxRelay relay = new OutboxRelay(vertx, outbox, photos, backends.events(), clock);
    ApiMetrics metrics = new ApiMetrics(config.http().role().name().toLowerCase(Locale.ROOT));
    metrics.count("picshare.events.published", "events the outbox relay published to Kafka", relay, OutboxRelay::published);
    if (config.http().role().servesWrites()) {
      relay.start(RELAY_INTERVAL);
    }

    EdgeLimits limits = EdgeLimits.create(vertx, config);
    EdgeMetrics.register(metrics, limits, readiness);
    HttpServer server = vertx.createHttpServer(ServerOptions.publicServer(config.http(), config.timeouts()))
        .connectionHandler(limits.connections())
        .requestHandler(ApiRouter.create(vertx, config,
            new ApiRouter.Services(accounts, photoService, tokens, readiness, metrics), limits));
    HttpServer admin = vertx.createHttpServer(ServerOptions.adminServer(config.admin(), config.timeouts()))
        .requestHandler(AdminRouter.create(vertx, readiness, metrics));
    return server.listen()
        .compose(listening -> admin.listen())
        .map(adminListening -> new PicShareApi(vertx, backends, relay, metrics, server, admin))
        .onFailure(error -> {
          relay.close();
          metrics.close();
          backends.close();
          vertx.close();
        });
  }

  public int port() {
    return server.actualPort();
  }

  /** The admin port: {@code /metrics} and the detailed readiness. */
  public int adminPort() {
    return admin.actualPort();
  }

  public StorageBackends backends() {
    return backends;
  }

  /** Publishes pending outbox events now instead of at the next tick; for tests and tools. */
  public Future<Integer> relayOutbox() {
    return relay.relayOnce();
  }

  @Override
  public void close() throws Exception {
    relay.close();
    server.close().await(10, TimeUnit.SECONDS);
    admin.close().await(10, TimeUnit.SECONDS);
    metrics.close();
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
    LOG.info("PicShare API ({} role) listening on {}://{}:{}, admin on http://{}:{}",
        config.http().role().name().toLowerCase(Locale.ROOT), config.http().tls() ? "https" : "http",
        config.http().host(), api.port(), config.admin().host(), api.adminPort());
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
