package io.picshare.stack;

import static java.util.Objects.requireNonNull;

import io.picshare.stack.node.Directories;
import io.picshare.stack.node.ReadyFile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The whole local system on one machine: HDFS (NameNode + 3 DataNodes), ZooKeeper, HBase and YARN
 * in one JVM, Kafka in a second, Solr in a third, and the PicShare API in a fourth (or a read and a
 * write API in a fourth and fifth; see {@link ApiMode}). Closing it stops every child, API first
 * and storage last.
 */
public final class LocalStack implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration STOP_GRACE = Duration.ofSeconds(60);

  /**
   * The data directory's entry {@code --fresh} keeps: where the hadoop node points {@code picshare
   * batch backup} by default, so a wiped stack can be restored from it.
   */
  static final String BACKUPS_DIR = "backups";

  /** Java 17 needs these for Hadoop and HBase server code (HBase's own list). */
  static final List<String> HADOOP_JVM_OPTIONS =
      List.of(
          "--add-opens",
          "java.base/java.lang=ALL-UNNAMED",
          "--add-opens",
          "java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens",
          "java.base/java.nio=ALL-UNNAMED",
          "--add-opens",
          "java.base/java.io=ALL-UNNAMED",
          "--add-opens",
          "java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens",
          "java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens",
          "java.base/java.util=ALL-UNNAMED",
          "--add-opens",
          "java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-exports",
          "java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports",
          "java.base/sun.net.dns=ALL-UNNAMED",
          "--add-exports",
          "java.base/sun.net.util=ALL-UNNAMED",
          "--add-modules",
          "jdk.unsupported",
          "-Dorg.apache.hbase.thirdparty.io.netty.tryReflectionSetAccessible=true");

  /**
   * How to start the stack. With {@code faultControl} the Hadoop node also serves its loopback
   * fault-control endpoint, for tests ({@link #faults()}); {@code picshare up} leaves it off.
   */
  public record Options(
      Path repoRoot,
      Path dataDir,
      StackPorts ports,
      boolean fresh,
      ApiMode apiMode,
      PrintStream progress,
      boolean faultControl) {
    public Options {
      repoRoot = repoRoot.toAbsolutePath().normalize();
      dataDir = dataDir.toAbsolutePath().normalize();
      requireNonNull(ports, "ports is null");
      requireNonNull(apiMode, "apiMode is null");
      requireNonNull(progress, "progress is null");
    }

    /** Without fault control. */
    public Options(
        Path repoRoot,
        Path dataDir,
        StackPorts ports,
        boolean fresh,
        ApiMode apiMode,
        PrintStream progress) {
      this(repoRoot, dataDir, ports, fresh, apiMode, progress, false);
    }
  }

  private final Options options;
  private final List<NodeProcess> nodes = new ArrayList<>();

  /** How to start again the nodes tests may stop and start ({@link StackFaults}). */
  private final Map<String, Supplier<NodeProcess.Spec>> restartable = new ConcurrentHashMap<>();

  /** Nodes stopped on purpose: their exit is no failure. */
  private final Set<NodeProcess> stoppedOnPurpose = ConcurrentHashMap.newKeySet();

  private final CompletableFuture<NodeFailedException> failure = new CompletableFuture<>();
  private volatile boolean stopping;
  private StackEndpoints endpoints;
  private StackFaults faults;

  private LocalStack(Options options) {
    this.options = options;
  }

  /** Starts every component and returns once all of them answer; stops what started on failure. */
  public static LocalStack start(Options options) throws InterruptedException {
    return new LocalStack(options).startAll();
  }

  /** A stack not started yet, so a caller can arrange to {@link #close} it before it starts. */
  public static LocalStack of(Options options) {
    return new LocalStack(options);
  }

  /** Starts every component and returns once all of them answer; stops what started on failure. */
  public LocalStack startAll() throws InterruptedException {
    try {
      startNodes();
      return this;
    } catch (RuntimeException | InterruptedException e) {
      close();
      throw e;
    }
  }

  public StackEndpoints endpoints() {
    return endpoints;
  }

  /**
   * Fault injection into HDFS and HBase; only for a stack started with {@link
   * Options#faultControl()}.
   */
  public StackFaults faults() {
    if (faults == null) {
      throw new IllegalStateException(
          "the stack was not started with fault control (LocalStack.Options.faultControl)");
    }
    return faults;
  }

  public Options options() {
    return options;
  }

  public Path logDir() {
    return options.dataDir().resolve("logs");
  }

  /** Completes when a child dies while the stack is meant to be running. */
  public CompletableFuture<NodeFailedException> failure() {
    return failure;
  }

  /** Whether {@link #close} was called: a child exiting now is expected. */
  public boolean isStopping() {
    return stopping;
  }

  private void startNodes() throws InterruptedException {
    if (options.fresh()) {
      Directories.deleteRecursivelyExcept(options.dataDir(), BACKUPS_DIR);
    }
    StackPorts ports = options.ports();
    List<String> hadoopArguments =
        new ArrayList<>(
            List.of(
                "--namenode-port", Integer.toString(ports.namenode()),
                "--namenode-http-port", Integer.toString(ports.namenodeHttp()),
                "--zookeeper-port", Integer.toString(ports.zookeeper()),
                "--yarn-port", Integer.toString(ports.yarn()),
                "--yarn-web-port", Integer.toString(ports.yarnWeb())));
    if (options.faultControl()) {
      hadoopArguments.addAll(List.of("--fault-control-port", "0"));
    }
    NodeProcess hadoop =
        launch(
            nodeSpec(
                "hadoop",
                "local-stack/hadoop-node",
                "io.picshare.stack.hadoop.HadoopNode",
                // HDFS, HBase and YARN's ResourceManager, NodeManager and JobHistory server
                "-Xmx1536m",
                HADOOP_JVM_OPTIONS,
                hadoopArguments));
    restartable.put(
        "kafka",
        () ->
            nodeSpec(
                "kafka",
                "local-stack/kafka-node",
                "io.picshare.stack.kafka.KafkaNode",
                "-Xmx512m",
                List.of(),
                List.of(
                    "--port",
                    Integer.toString(ports.kafka()),
                    "--controller-port",
                    Integer.toString(ports.kafkaController()))));
    NodeProcess kafka = launch(restartable.get("kafka").get());
    restartable.put(
        "solr",
        () ->
            nodeSpec(
                "solr",
                "local-stack/solr-node",
                "io.picshare.stack.solr.SolrNode",
                "-Xmx512m",
                List.of("-Dsolr.log.dir=" + logDir(), "-Dhost=127.0.0.1"),
                List.of(
                    "--port",
                    Integer.toString(ports.solr()),
                    "--configset",
                    options.repoRoot().resolve("solr-config/configsets/picshare").toString())));
    NodeProcess solr = launch(restartable.get("solr").get());

    Map<String, String> solrReady = await(solr);
    Map<String, String> kafkaReady = await(kafka);
    Map<String, String> hadoopReady = await(hadoop);
    if (options.faultControl()) {
      faults = new StackFaults(URI.create(hadoopReady.get("fault-control")), this);
    }
    URI api = URI.create("http://127.0.0.1:" + ports.api());
    URI writeApi =
        options.apiMode() == ApiMode.SPLIT
            ? URI.create("http://127.0.0.1:" + ports.writeApi())
            : api;
    boolean withApi = options.apiMode() != ApiMode.NONE;
    endpoints =
        new StackEndpoints(
            URI.create(hadoopReady.get("hdfs")),
            hadoopReady.get("zookeeper"),
            hadoopReady.get("yarn-resourcemanager"),
            URI.create(hadoopReady.get("yarn-web")),
            URI.create(hadoopReady.get("jobhistory-web")),
            Path.of(hadoopReady.get("hadoop-conf")),
            kafkaReady.get("kafka"),
            URI.create(solrReady.get("solr")),
            withApi ? api : null,
            withApi ? writeApi : null);
    try {
      PicShareSiteFile.write(endpoints);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + PicShareSiteFile.NAME, e);
    }
    switch (options.apiMode()) {
      case ALL -> await(launch(apiSpec("api", "all", api, options.ports().admin(), List.of())));
      case SPLIT -> {
        // the web app (read server) sends its writes to the write server, across origins
        NodeProcess reader =
            launch(
                apiSpec(
                    "api-read",
                    "read",
                    api,
                    options.ports().admin(),
                    List.of("--web-write-url=" + origin(writeApi))));
        NodeProcess writer =
            launch(
                apiSpec(
                    "api-write",
                    "write",
                    writeApi,
                    options.ports().writeAdmin(),
                    List.of(
                        "--cors-allowed-origins="
                            + origin(api)
                            + ",http://localhost:"
                            + api.getPort())));
        await(reader);
        await(writer);
      }
      case NONE -> {}
    }
    if (withApi) {
      await(launch(apiSpec("workers", "workers", workersUri(), workersAdminPort(), List.of())));
    }
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
  }

  /** The workers' port (health only): next to the APIs'. */
  URI workersUri() {
    return URI.create("http://127.0.0.1:" + (options.ports().api() + 2));
  }

  int workersAdminPort() {
    int admin = options.ports().admin();
    return admin == 0 ? 0 : admin + 2;
  }

  private NodeProcess.Spec nodeSpec(
      String name,
      String module,
      String mainClass,
      String heap,
      List<String> jvmOptions,
      List<String> arguments) {
    Path readyFile = options.dataDir().resolve("run").resolve(name + ".ready");
    try {
      Files.deleteIfExists(readyFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the stale " + readyFile, e);
    }
    List<String> allOptions = new ArrayList<>(jvmOptions);
    allOptions.add(heap);
    allOptions.add("-Dpicshare.node=" + name);
    List<String> allArguments =
        new ArrayList<>(
            List.of(
                "--data-dir", options.dataDir().resolve(name).toString(),
                "--ready-file", readyFile.toString()));
    allArguments.addAll(arguments);
    // A node works in its data directory (MiniYARNCluster keeps its files under the working
    // directory) and knows the JDK it runs on (YARN starts containers with $JAVA_HOME/bin/java).
    return new NodeProcess.Spec(
        name,
        mainClass,
        ModuleClasspath.of(options.repoRoot(), module),
        allOptions,
        allArguments,
        Optional.of(options.dataDir().resolve(name)),
        Map.of("JAVA_HOME", System.getProperty("java.home")),
        logDir().resolve(name + ".log"),
        () -> ReadyFile.read(readyFile));
  }

  /**
   * An API process of {@code role} on {@code api}'s port (it leases its own id-generator worker
   * id).
   */
  private NodeProcess.Spec apiSpec(
      String name, String role, URI api, int adminPort, List<String> moreArguments) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI ready = api.resolve("/health/ready");
    return new NodeProcess.Spec(
        name,
        "io.picshare.api.PicShareApi",
        ModuleClasspath.of(options.repoRoot(), "serving-api"),
        List.of(
            "-Xmx1g",
            "-Dpicshare.node=" + name,
            // lets the HBase client use Unsafe for fast primitive reads and writes
            "--add-opens",
            "java.base/java.nio=ALL-UNNAMED"),
        Stream.concat(
                Stream.of(
                    "--role=" + role,
                    "--http-port=" + api.getPort(),
                    "--admin-port=" + adminPort,
                    "--hdfs-uri=" + endpoints.hdfs(),
                    "--zookeeper-quorum=" + endpoints.zookeeperQuorum(),
                    "--kafka-bootstrap=" + endpoints.kafkaBootstrap(),
                    "--solr-url=" + endpoints.solr(),
                    "--token-secret-file="
                        + options.dataDir().resolve("api").resolve("token.secret")),
                moreArguments.stream())
            .toList(),
        Optional.empty(),
        Map.of(),
        logDir().resolve(name + ".log"),
        () ->
            answers200(http, ready) ? Optional.of(Map.of(name, api.toString())) : Optional.empty());
  }

  private static boolean answers200(HttpClient http, URI uri) {
    try {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private synchronized NodeProcess launch(NodeProcess.Spec spec) {
    if (stopping) {
      throw new IllegalStateException("the stack is stopping");
    }
    options.progress().printf("  starting %-9s (log: %s)%n", spec.name(), spec.logFile());
    NodeProcess node = NodeProcess.start(spec);
    nodes.add(node);
    node.onExit()
        .thenRun(
            () -> {
              if (!stopping && !stoppedOnPurpose.contains(node)) {
                int code = node.onExit().join().exitValue();
                failure.complete(
                    new NodeFailedException(
                        node,
                        "exited unexpectedly with code "
                            + code
                            + (code > 128 ? " (killed by signal " + (code - 128) + ")" : "")));
              }
            });
    return node;
  }

  /** Stops the running node {@code name} (as a crash would not: with its grace period). */
  synchronized void stopNode(String name) {
    NodeProcess node =
        nodes.stream()
            .filter(candidate -> candidate.name().equals(name) && candidate.isAlive())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(name + " is not running"));
    stoppedOnPurpose.add(node);
    options.progress().printf("  stopping %s on purpose%n", name);
    node.stop(STOP_GRACE);
    nodes.remove(node);
  }

  /** Starts the stopped node {@code name} again, on its ports and data; returns once it answers. */
  void startNode(String name) throws InterruptedException {
    Supplier<NodeProcess.Spec> spec = restartable.get(name);
    if (spec == null) {
      throw new IllegalArgumentException(name + " cannot be restarted");
    }
    await(launch(spec.get()));
  }

  private Map<String, String> await(NodeProcess node) throws InterruptedException {
    Map<String, String> ready = node.awaitReady(START_TIMEOUT);
    options
        .progress()
        .printf("  %-9s ready %.1f s after it was started%n", node.name(), node.uptimeSeconds());
    return ready;
  }

  /** Stops every child, newest first, each given a grace period before it is killed. */
  @Override
  public synchronized void close() {
    stopping = true;
    for (int i = nodes.size() - 1; i >= 0; i--) {
      NodeProcess node = nodes.get(i);
      if (node.isAlive()) {
        options.progress().printf("  stopping %s%n", node.name());
        node.stop(STOP_GRACE);
      }
    }
    nodes.clear();
  }
}
