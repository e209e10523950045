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
import io.picshare.api.http.ApiRouter;
import io.picshare.api.metrics.ApiMetrics;
import io.picshare.api.server.BlockedThreadReporter;
import io.picshare.api.server.HttpServers;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PicShare API server: reads its configuration, connects to the cluster, serves HTTP on every
 * event loop. Closing it (as {@code SIGTERM} does) drains it: no new connections, requests in
 * flight finish within {@code drain-timeout}, the outbox relay makes a last pass, and only then
 * are the cluster clients closed.
 */
public final class PicShareApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PicShareApi.class);
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration RELAY_INTERVAL = Duration.ofSeconds(1);
  /** An event loop busy for longer than this is reported, with its stack (the default is 2 s, without). */
  private static final Duration MAX_EVENT_LOOP_EXECUTE_TIME = Duration.ofSeconds(1);
  private static final Duration BLOCKED_THREAD_CHECK_INTERVAL = Duration.ofMillis(500);
  /** How long the relay's last pass may take after the drain (Kafka may be down: events then wait). */
  private static final Duration LAST_RELAY_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration VERTX_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final StorageBackends backends;
  private final OutboxRelay relay;
  private final ApiMetrics metrics;
  private final HttpServers servers;
  private final ApiConfig config;

  private PicShareApi(
      Vertx vertx, StorageBackends backends, OutboxRelay relay, ApiMetrics metrics, HttpServers servers, ApiConfig config) {
    this.vertx = vertx;
    this.backends = backends;
    this.relay = relay;
    this.metrics = metrics;
    this.servers = servers;
    this.config = config;
  }

  /** Starts a server; completes once every event loop's server listens. */
  public static Future<PicShareApi> start(ApiConfig config) {
    Clock clock = Clock.systemUTC();
    TokenService tokens = new TokenService(
        TokenSecret.loadOrCreate(config.auth().tokenSecretFile()), clock, config.auth().tokenTimeToLive());
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setEventLoopPoolSize(config.http().eventLoops())
        .setWorkerPoolSize(config.http().workerThreads())
        .setBlockedThreadCheckInterval(BLOCKED_THREAD_CHECK_INTERVAL.toMillis())
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(MAX_EVENT_LOOP_EXECUTE_TIME.toMillis())
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setWarningExceptionTime(MAX_EVENT_LOOP_EXECUTE_TIME.toMillis())
        .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
    ApiMetrics metrics = new ApiMetrics(config.http().role().name().toLowerCase(Locale.ROOT));
    BlockedThreadReporter.install(vertx, metrics);
    StorageBackends backends;
    try {
      backends = StorageBackends.open(vertx, config.storage());
    } catch (RuntimeException e) {
      metrics.close();
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
    ReadinessService readiness = new ReadinessService(backends.healthChecks(), HEALTH_TIMEOUT);
    OutboxRelay relay = new OutboxRelay(vertx, outbox, photos, backends.events(), clock);
    metrics.count("picshare.events.published", "events the outbox relay published to Kafka", relay, OutboxRelay::published);
    if (config.http().role().servesWrites()) {
      relay.start(RELAY_INTERVAL);
    }

    ApiRouter.Services services = new ApiRouter.Services(accounts, photoService, tokens, readiness, metrics);
    return HttpServers.deploy(vertx, config.http(), config.shutdown().drainTimeout(),
            ApiRouter.factory(config, services), metrics)
        .map(servers -> new PicShareApi(vertx, backends, relay, metrics, servers, config))
        .onFailure(error -> {
          relay.close();
          metrics.close();
          backends.close();
          vertx.close();
        });
  }

  /** The port every event loop's server listens on (the bound one when configured as 0). */
  public int port() {
    return servers.port();
  }

  /** How many servers, one per event loop, share {@link #port()}. */
  public int serverInstances() {
    return servers.instances();
  }

  public StorageBackends backends() {
    return backends;
  }

  /** Publishes pending outbox events now instead of at the next tick; for tests and tools. */
  public Future<Integer> relayOutbox() {
    return relay.relayOnce();
  }

  /**
   * Drains, then closes: stops accepting connections, lets the requests in flight finish (up to
   * {@code drain-timeout}), lets the outbox relay publish what they wrote, and only then closes
   * the HBase, HDFS, Kafka and Solr clients. Blocks; never call it on an event loop.
   */
  @Override
  public void close() throws Exception {
    Duration drainTimeout = config.shutdown().drainTimeout();
    long started = System.nanoTime();
    LOG.info("draining: no new connections; requests in flight have {} s to finish", drainTimeout.toSeconds());
    try {
      // Each server cuts its own connections off at the drain timeout; the margin only covers scheduling.
      servers.drain().await(drainTimeout.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("drained in {} ms", (System.nanoTime() - started) / 1_000_000);
    } catch (TimeoutException e) {
      LOG.warn("the servers did not drain within {} s; closing anyway", drainTimeout.toSeconds());
    }
    if (config.http().role().servesWrites()) {
      try {
        int published = relay.stop().await(LAST_RELAY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("outbox relay stopped after a last pass that published {} events", published);
      } catch (TimeoutException e) {
        LOG.warn("the outbox relay's last pass did not finish within {} s; its events wait in the outbox",
            LAST_RELAY_TIMEOUT.toSeconds());
      }
    } else {
      relay.close();
    }
    metrics.close();
    backends.close();
    vertx.close().await(VERTX_CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
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
    LOG.info("PicShare API ({} role) listening on {}://{}:{} with {} event loops",
        config.http().role().name().toLowerCase(Locale.ROOT), config.http().tls() ? "https" : "http",
        config.http().host(), api.port(), api.serverInstances());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        LOG.info("stopping (SIGTERM or exit)");
        api.close();
      } catch (Exception e) {
        LOG.warn("did not stop cleanly", e);
      }
    }, "picshare-api-stop"));
  }
}
