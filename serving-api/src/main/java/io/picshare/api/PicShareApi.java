package io.picshare.api;

import io.picshare.api.config.ApiConfig;
import io.picshare.api.config.ConfigException;
import io.picshare.api.config.ConfigValues;
import io.picshare.api.config.ServerRole;
import io.picshare.api.domain.Async;
import io.picshare.api.domain.IdSource;
import io.picshare.api.domain.account.AccountService;
import io.picshare.api.domain.account.PasswordHasher;
import io.picshare.api.domain.auth.TokenSecret;
import io.picshare.api.domain.auth.TokenService;
import io.picshare.api.domain.feed.FeedService;
import io.picshare.api.domain.notify.NotificationHub;
import io.picshare.api.domain.photo.PhotoDeleteService;
import io.picshare.api.domain.photo.PhotoReadService;
import io.picshare.api.domain.photo.PhotoUploadService;
import io.picshare.api.domain.search.SearchService;
import io.picshare.api.domain.social.FollowService;
import io.picshare.api.domain.social.Followees;
import io.picshare.api.domain.social.LikeService;
import io.picshare.api.domain.webhook.TargetPolicy;
import io.picshare.api.domain.webhook.WebhookService;
import io.picshare.api.events.LiveNotices;
import io.picshare.api.events.OutboxRelay;
import io.picshare.api.graphql.BatchLoads;
import io.picshare.api.graphql.GraphQLLimits;
import io.picshare.api.graphql.GraphQLServices;
import io.picshare.api.graphql.PicShareGraphQL;
import io.picshare.api.health.ReadinessService;
import io.picshare.api.http.AdminRouter;
import io.picshare.api.http.ApiRouter;
import io.picshare.api.http.EdgeLimits;
import io.picshare.api.http.ServerOptions;
import io.picshare.api.http.WebAppBundle;
import io.picshare.api.metrics.ApiMetrics;
import io.picshare.api.metrics.EdgeMetrics;
import io.picshare.api.server.BlockedThreadReporter;
import io.picshare.api.server.HttpServers;
import io.picshare.api.storage.HBaseClient;
import io.picshare.api.storage.StorageBackends;
import io.picshare.api.workers.EventConsumer;
import io.picshare.api.workers.Workers;
import io.picshare.data.FollowStore;
import io.picshare.data.LeaseStore;
import io.picshare.data.OutboxStore;
import io.picshare.data.PhotoStore;
import io.picshare.data.UserStore;
import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.hbase.HBaseFeedStore;
import io.picshare.data.hbase.HBaseFollowStore;
import io.picshare.data.hbase.HBaseIdempotencyStore;
import io.picshare.data.hbase.HBaseLeaseStore;
import io.picshare.data.hbase.HBaseLikeStore;
import io.picshare.data.hbase.HBaseOutboxStore;
import io.picshare.data.hbase.HBasePhotoStore;
import io.picshare.data.hbase.HBaseUserStore;
import io.picshare.data.hbase.HBaseWebhookDeliveryStore;
import io.picshare.data.hbase.HBaseWebhookStore;
import io.picshare.data.lease.LeaseHolder;
import io.picshare.data.lease.WorkerIdLease;
import io.picshare.media.ImageInspector;
import io.picshare.schema.id.IdGenerator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PicShare API server: reads its configuration, connects to the cluster, serves HTTP on every
 * event loop. Closing it (as {@code SIGTERM} does) drains it: no new connections, requests in
 * flight finish within {@code drain-timeout}, the outbox relay makes a last pass, and only then are
 * the cluster clients closed.
 */
public final class PicShareApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PicShareApi.class);
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration RELAY_INTERVAL = Duration.ofSeconds(1);

  /**
   * Worker-id and relay leases: renewed every {@link #LEASE_RENEWAL}, given up {@link
   * #LEASE_MARGIN} before they lapse.
   */
  private static final Duration LEASE_TTL = Duration.ofSeconds(30);

  private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);
  private static final Duration LEASE_RENEWAL = Duration.ofSeconds(5);
  private static final Duration UPLOAD_COMMIT_DEADLINE = Duration.ofSeconds(60);
  private static final Duration READINESS_REUSE = Duration.ofSeconds(1);

  /**
   * An event loop busy for longer than this is reported, with its stack (the default is 2 s,
   * without).
   */
  private static final Duration MAX_EVENT_LOOP_EXECUTE_TIME = Duration.ofSeconds(1);

  private static final Duration BLOCKED_THREAD_CHECK_INTERVAL = Duration.ofMillis(500);

  /**
   * How long the relay's last pass may take after the drain (Kafka may be down: events then wait).
   */
  private static final Duration LAST_RELAY_TIMEOUT = Duration.ofSeconds(5);

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /** How often live streams' users' followees are reloaded (an unfollow has no event). */
  private static final Duration FOLLOWEES_REFRESH = Duration.ofMinutes(1);

  private final Vertx vertx;
  private final StorageBackends backends;
  private final WorkerIdLease workerId;
  private final long leaseTimer;
  private final OutboxRelay relay;
  private final Workers workers;
  private final NotificationHub notifications;
  private final Optional<EventConsumer> liveEvents;
  private final long followeesTimer;
  private final ApiMetrics metrics;
  private final HttpServers servers;
  private final HttpServer admin;
  private final ApiConfig config;

  private PicShareApi(
      Vertx vertx,
      StorageBackends backends,
      WorkerIdLease workerId,
      long leaseTimer,
      OutboxRelay relay,
      Workers workers,
      NotificationHub notifications,
      Optional<EventConsumer> liveEvents,
      long followeesTimer,
      ApiMetrics metrics,
      HttpServers servers,
      HttpServer admin,
      ApiConfig config) {
    this.vertx = vertx;
    this.backends = backends;
    this.workerId = workerId;
    this.leaseTimer = leaseTimer;
    this.relay = relay;
    this.workers = workers;
    this.notifications = notifications;
    this.liveEvents = liveEvents;
    this.followeesTimer = followeesTimer;
    this.metrics = metrics;
    this.servers = servers;
    this.admin = admin;
    this.config = config;
  }

  /** Starts a server; completes once every event loop's server listens. */
  public static Future<PicShareApi> start(ApiConfig config) {
    Clock clock = Clock.systemUTC();
    TokenService tokens =
        new TokenService(
            TokenSecret.loadOrCreate(config.auth().tokenSecretFile()),
            clock,
            config.auth().tokenTimeToLive());
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
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
    HBaseConnection hbase = backends.hbase().shared();
    LeaseStore leaseStore = new HBaseLeaseStore(hbase);
    LeaseHolder leases = new LeaseHolder(leaseStore, clock, LEASE_TTL, LEASE_MARGIN);
    return Async.of(WorkerIdLease.acquire(leaseStore, leases))
        .compose(workerId -> serve(config, vertx, backends, tokens, clock, hbase, leases, workerId))
        .onFailure(
            error -> {
              backends.close();
              vertx.close();
            });
  }

  private static Future<PicShareApi> serve(
      ApiConfig config,
      Vertx vertx,
      StorageBackends backends,
      TokenService tokens,
      Clock clock,
      HBaseConnection hbase,
      LeaseHolder leases,
      WorkerIdLease workerId) {
    long leaseTimer = vertx.setPeriodic(LEASE_RENEWAL.toMillis(), id -> workerId.renew());
    IdSource ids = new IdSource(new IdGenerator(workerId, clock));
    UserStore users = new HBaseUserStore(hbase);
    PhotoStore photos = new HBasePhotoStore(hbase);
    OutboxStore outbox = new HBaseOutboxStore(hbase);
    int cores = Runtime.getRuntime().availableProcessors();
    AccountService accounts =
        new AccountService(
            users,
            new PasswordHasher(),
            tokens,
            ids,
            clock,
            vertx.createSharedWorkerExecutor("password-hashing", Math.max(2, cores)));
    PhotoReadService reads =
        new PhotoReadService(photos, users, backends.blobs(), config.storage().contentCacheBytes());
    PhotoUploadService uploads =
        new PhotoUploadService(
            photos,
            users,
            backends.blobs(),
            new HBaseIdempotencyStore(hbase, clock),
            outbox,
            reads,
            new ImageInspector(config.upload().maxPixels()),
            ids,
            clock,
            vertx.createSharedWorkerExecutor("image-inspection", 2 * cores),
            UPLOAD_COMMIT_DEADLINE,
            Duration.ofMillis(HBaseClient.OPERATION_TIMEOUT_MILLIS));
    PhotoDeleteService deletes = new PhotoDeleteService(reads, photos, users, outbox, ids, clock);
    ReadinessService readiness =
        new ReadinessService(backends.healthChecks(), HEALTH_TIMEOUT, READINESS_REUSE, clock);
    OutboxRelay relay = new OutboxRelay(vertx, outbox, photos, backends.events(), leases, clock);
    ApiMetrics metrics = new ApiMetrics(config.http().role().name().toLowerCase(Locale.ROOT));
    metrics.count(
        "picshare.events.published",
        "events the outbox relay published to Kafka",
        relay,
        OutboxRelay::published);
    metrics.count(
        "picshare.outbox.dead.letters",
        "outbox entries moved to picshare:outbox_dead_letters",
        relay,
        OutboxRelay::deadLettered);
    if (config.http().role().servesWrites()) {
      relay.start(RELAY_INTERVAL);
    }

    EdgeLimits limits = EdgeLimits.create(vertx, config);
    EdgeMetrics.register(metrics, limits, readiness);
    FollowStore follows = new HBaseFollowStore(hbase);
    HBaseFeedStore feeds = new HBaseFeedStore(hbase);
    HBaseWebhookStore webhooks = new HBaseWebhookStore(hbase);
    HBaseWebhookDeliveryStore webhookDeliveries = new HBaseWebhookDeliveryStore(hbase);
    Workers workers =
        config.http().role() == ServerRole.WORKERS
            ? Workers.start(
                config,
                users,
                photos,
                follows,
                feeds,
                backends.blobs(),
                backends.search(),
                webhooks,
                webhookDeliveries,
                vertx,
                clock,
                metrics)
            : Workers.none();
    Followees followees = new Followees(follows, config.feed().followeesCacheTtl());
    NotificationHub notifications =
        new NotificationHub(
            followees, config.stream().maxConnections(), config.stream().maxConnectionsPerUser());
    Optional<EventConsumer> liveEvents =
        config.http().role().servesReads()
            ? Optional.of(
                EventConsumer.broadcast(
                    config.storage().kafkaBootstrap(),
                    LiveNotices.TOPICS,
                    new LiveNotices(notifications)))
            : Optional.empty();
    liveEvents.ifPresent(consumer -> consumer.live().thenRun(notifications::markLive));
    long followeesTimer =
        vertx.setPeriodic(FOLLOWEES_REFRESH.toMillis(), id -> notifications.refreshFollowees());
    metrics.gauge(
        "picshare.stream.connections",
        "open live-notification streams",
        notifications,
        NotificationHub::connections);
    metrics.count(
        "picshare.stream.delivered",
        "notifications handed to live streams",
        notifications,
        NotificationHub::delivered);
    metrics.count(
        "picshare.stream.dropped",
        "live streams closed for reading too slowly",
        notifications,
        NotificationHub::droppedConnections);
    FollowService followService = new FollowService(users, follows, followees, outbox, ids, clock);
    LikeService likes =
        new LikeService(reads, photos, new HBaseLikeStore(hbase), outbox, ids, clock);
    FeedService feedService =
        new FeedService(users, feeds, photos, followees, ids, clock, config.feed());
    SearchService search = new SearchService(backends.search(), photos, users);
    PicShareGraphQL graphql =
        PicShareGraphQL.create(
            new GraphQLServices(
                accounts, reads, deletes, followService, likes, feedService, search),
            GraphQLLimits.DEFAULTS);
    BatchLoads loads = graphql.loads();
    metrics.count(
        "picshare.graphql.user.loads",
        "batched account reads (one multi-get each) GraphQL made",
        loads,
        BatchLoads::userLoads);
    metrics.count(
        "picshare.graphql.user.load.keys",
        "accounts those batched reads asked for",
        loads,
        BatchLoads::userKeys);
    metrics.count(
        "picshare.graphql.like.loads",
        "batched reads of the caller's likes GraphQL made",
        loads,
        BatchLoads::likeLoads);
    metrics.count(
        "picshare.graphql.like.load.keys",
        "photos those batched like reads asked about",
        loads,
        BatchLoads::likeKeys);
    metrics.count(
        "picshare.graphql.photo.loads",
        "batched photo reads (one multi-get of rows each) GraphQL made",
        loads,
        BatchLoads::photoLoads);
    metrics.count(
        "picshare.graphql.photo.load.keys",
        "photos those batched reads asked for",
        loads,
        BatchLoads::photoKeys);
    ApiRouter.Services services =
        new ApiRouter.Services(
            accounts,
            uploads,
            reads,
            deletes,
            followService,
            likes,
            feedService,
            search,
            graphql,
            new WebhookService(
                webhooks,
                webhookDeliveries,
                new TargetPolicy(config.webhooks().allowPrivateTargets()),
                ids,
                clock,
                vertx.createSharedWorkerExecutor("webhook-target-checks", 4),
                config.webhooks().maxPerUser()),
            notifications,
            tokens,
            readiness,
            metrics,
            WebAppBundle.load());
    HttpServer admin =
        vertx
            .createHttpServer(ServerOptions.adminServer(config.admin(), config.timeouts()))
            .requestHandler(AdminRouter.create(vertx, readiness, metrics));
    return HttpServers.deploy(
            vertx,
            config.http(),
            ServerOptions.publicServer(config.http(), config.timeouts()),
            limits.connections(),
            config.shutdown().drainTimeout(),
            eventLoopVertx -> ApiRouter.create(eventLoopVertx, config, services, limits),
            metrics)
        .compose(
            servers ->
                admin
                    .listen()
                    .map(
                        adminListening ->
                            new PicShareApi(
                                vertx,
                                backends,
                                workerId,
                                leaseTimer,
                                relay,
                                workers,
                                notifications,
                                liveEvents,
                                followeesTimer,
                                metrics,
                                servers,
                                admin,
                                config)))
        .onFailure(
            error -> {
              vertx.cancelTimer(leaseTimer);
              vertx.cancelTimer(followeesTimer);
              liveEvents.ifPresent(EventConsumer::close);
              workers.close();
              relay.close();
              workerId.release();
              metrics.close();
            });
  }

  public int port() {
    return servers.port();
  }

  /** How many servers, one per event loop, share {@link #port()}. */
  public int serverInstances() {
    return servers.instances();
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

  /** The id-generator worker id this instance leased. */
  public int workerId() {
    return workerId.workerId();
  }

  /**
   * Drains, then closes: stops accepting connections, lets the requests in flight finish (up to
   * {@code drain-timeout}), lets the outbox relay publish what they wrote, releases the worker-id
   * lease, and only then closes the HBase, HDFS, Kafka and Solr clients. Blocks; never call it on
   * an event loop.
   */
  @Override
  public void close() {
    Duration drainTimeout = config.shutdown().drainTimeout();
    long started = System.nanoTime();
    LOG.info(
        "draining: no new connections; requests in flight have {} s to finish",
        drainTimeout.toSeconds());
    // Live streams would hold the drain up to its end: tell their clients to reconnect elsewhere.
    notifications.closeAll();
    try {
      // Each server cuts its own connections off at the drain timeout; the margin only covers
      // scheduling.
      servers.drain().await(drainTimeout.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("drained in {} ms", (System.nanoTime() - started) / 1_000_000);
    } catch (TimeoutException e) {
      LOG.warn("the servers did not drain within {} s; closing anyway", drainTimeout.toSeconds());
    }
    await(admin.close(), CLOSE_TIMEOUT, "the admin server");
    vertx.cancelTimer(followeesTimer);
    liveEvents.ifPresent(EventConsumer::close);
    workers.close();
    try {
      // A write role's relay makes a last pass; either role gives the relay lease up if it holds
      // it.
      int published = relay.stop().await(LAST_RELAY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("outbox relay stopped after a last pass that published {} events", published);
    } catch (TimeoutException e) {
      LOG.warn(
          "the outbox relay's last pass did not finish within {} s; its events wait in the outbox",
          LAST_RELAY_TIMEOUT.toSeconds());
    }
    vertx.cancelTimer(leaseTimer);
    workerId
        .release()
        .orTimeout(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(error -> false)
        .join();
    metrics.close();
    backends.close();
    await(vertx.close(), CLOSE_TIMEOUT, "Vert.x");
    LOG.info("stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
  }

  private static void await(Future<?> closing, Duration timeout, String what) {
    try {
      closing.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("{} did not close within {} s", what, timeout.toSeconds());
    }
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
    LOG.info(
        "PicShare API ({} role) listening on {}://{}:{}, admin on http://{}:{}",
        config.http().role().name().toLowerCase(Locale.ROOT),
        config.http().tls() ? "https" : "http",
        config.http().host(),
        api.port(),
        config.admin().host(),
        api.adminPort());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    LOG.info("stopping (SIGTERM or exit)");
                    api.close();
                  } catch (Exception e) {
                    LOG.warn("did not stop cleanly", e);
                  }
                },
                "picshare-api-stop"));
  }
}
