package io.picshare.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code picshare up}: starts the whole local system, prints where it answers, runs until Ctrl-C.
 */
@Command(
    name = "picshare up",
    mixinStandardHelpOptions = true,
    version = "PicShare 0.1.0",
    description =
        "Starts PicShare on this machine: HDFS (NameNode + 3 DataNodes, replication 3), ZooKeeper,"
            + " HBase, YARN (ResourceManager + 1 NodeManager), Kafka (KRaft), Solr and the PicShare"
            + " API, each in its own JVM. Data survives restarts; Ctrl-C stops everything cleanly.")
public final class Launcher implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      description =
          "Where every component keeps its data and logs (default: data/ in the checkout).")
  Path dataDir;

  @Option(
      names = "--fresh",
      description =
          "Wipe the data directory before starting, all but its backups/ (picshare batch backup).")
  boolean fresh;

  @Option(
      names = "--repo-root",
      hidden = true,
      description = "The PicShare checkout (default: current directory).")
  Path repoRoot = Path.of("");

  @Option(names = "--api-port", description = "PicShare API HTTP port (default: ${DEFAULT-VALUE}).")
  int apiPort = StackPorts.DEFAULTS.api();

  @Option(
      names = "--api-roles",
      description =
          "all: one API serving reads and writes; split: a read API on --api-port"
              + " and a write API on --write-api-port (default: ${DEFAULT-VALUE}).")
  ApiRoles apiRoles = ApiRoles.all;

  @Option(
      names = "--write-api-port",
      description = "Port of the write API with --api-roles split (default: ${DEFAULT-VALUE}).")
  int writeApiPort = StackPorts.DEFAULTS.writeApi();

  /** The values of {@code --api-roles}. */
  enum ApiRoles {
    all,
    split
  }

  @Option(
      names = "--namenode-port",
      description = "HDFS NameNode RPC port (default: ${DEFAULT-VALUE}).")
  int namenodePort = StackPorts.DEFAULTS.namenode();

  @Option(
      names = "--namenode-http-port",
      description = "HDFS NameNode web UI port (default: ${DEFAULT-VALUE}).")
  int namenodeHttpPort = StackPorts.DEFAULTS.namenodeHttp();

  @Option(
      names = "--zookeeper-port",
      description = "ZooKeeper client port (default: ${DEFAULT-VALUE}).")
  int zookeeperPort = StackPorts.DEFAULTS.zookeeper();

  @Option(
      names = "--yarn-port",
      description =
          "YARN ResourceManager RPC port, where jobs are submitted (default: ${DEFAULT-VALUE}).")
  int yarnPort = StackPorts.DEFAULTS.yarn();

  @Option(
      names = "--yarn-web-port",
      description = "YARN ResourceManager web UI port (default: ${DEFAULT-VALUE}).")
  int yarnWebPort = StackPorts.DEFAULTS.yarnWeb();

  @Option(names = "--kafka-port", description = "Kafka broker port (default: ${DEFAULT-VALUE}).")
  int kafkaPort = StackPorts.DEFAULTS.kafka();

  @Option(
      names = "--kafka-controller-port",
      description = "Kafka KRaft controller port (default: ${DEFAULT-VALUE}).")
  int kafkaControllerPort = StackPorts.DEFAULTS.kafkaController();

  @Option(names = "--solr-port", description = "Solr HTTP port (default: ${DEFAULT-VALUE}).")
  int solrPort = StackPorts.DEFAULTS.solr();

  @Option(
      names = "--nightly",
      paramLabel = "HH:mm|off",
      converter = NightlySchedule.Converter.class,
      description =
          "When to run the nightly batch jobs (./picshare batch nightly) on YARN each day, local"
              + " time, or off; their output goes to nightly.log in the log directory"
              + " (default: ${DEFAULT-VALUE}).")
  NightlySchedule nightly = NightlySchedule.DEFAULT;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Launcher()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintStream out = System.out;
    StackPorts ports =
        new StackPorts(
            namenodePort,
            namenodeHttpPort,
            zookeeperPort,
            yarnPort,
            yarnWebPort,
            kafkaPort,
            kafkaControllerPort,
            solrPort,
            apiPort,
            writeApiPort,
            apiPort + 1000,
            writeApiPort + 1000);
    LocalStack.Options options =
        new LocalStack.Options(
            repoRoot,
            dataDir != null ? dataDir : repoRoot.resolve("data"),
            ports,
            fresh,
            apiRoles == ApiRoles.split ? ApiMode.SPLIT : ApiMode.ALL,
            out);
    out.printf("Starting PicShare (data: %s)%n", options.dataDir());
    long started = System.nanoTime();
    LocalStack stack = LocalStack.of(options);
    NightlyRunner nightlyJobs = new NightlyRunner(nightly, Clock.systemDefaultZone(), stack, out);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("Stopping PicShare...");
                  nightlyJobs.close();
                  stack.close();
                  out.println("Stopped.");
                },
                "picshare-stop"));
    try {
      stack.startAll();
    } catch (NodeFailedException | IllegalStateException e) {
      if (stack.isStopping()) {
        return 130;
      }
      System.err.println("PicShare did not start: " + e.getMessage());
      return 1;
    }
    out.print(Banner.of(stack, nightlyJobs.describe(), (System.nanoTime() - started) / 1e9));
    nightlyJobs.start();

    NodeFailedException failure = stack.failure().join();
    System.err.println("PicShare is stopping because " + failure.getMessage());
    return 1;
  }
}
