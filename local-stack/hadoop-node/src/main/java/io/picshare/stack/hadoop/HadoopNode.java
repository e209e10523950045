package io.picshare.stack.hadoop;

import io.picshare.schema.SchemaManager;
import io.picshare.stack.node.Directories;
import io.picshare.stack.node.NodeArguments;
import io.picshare.stack.node.NodeRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.StorageType;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.MiniHBaseCluster;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.zookeeper.MiniZooKeeperCluster;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * HDFS (a NameNode and three DataNodes, each with a DISK and an ARCHIVE volume, replication 3),
 * ZooKeeper, HBase (a master and a region server, its root directory on that HDFS) and YARN (a
 * ResourceManager, one NodeManager and the MapReduce JobHistory server; {@link LocalYarn}) in one
 * JVM, with their data under {@code --data-dir}, which is also the working directory. HDFS is
 * formatted only on the first start; later starts reuse its blocks, so HBase finds its tables
 * again. ZooKeeper holds only transient state in HBase 2.6 and YARN keeps no state across starts.
 * YARN starts while HBase does; the PicShare tables are created (idempotently) and a client
 * configuration directory is written to {@code conf/} of the data directory (the ready file's
 * {@code hadoop-conf} entry; {@link ClientConfiguration}) before the node reports ready. With
 * {@code --fault-control-port} (0: any free port) it also serves a loopback endpoint that tests use
 * to stop and restart DataNodes and the region server ({@link FaultControlServer}); its address is
 * the ready file's {@code fault-control} entry.
 */
public final class HadoopNode implements NodeRuntime.Component {
  private static final int DATANODES = 3;

  /** YARN's Jersey 1 logs every resource it registers through java.util.logging; held strongly. */
  private static final Logger JERSEY_LOG = Logger.getLogger("com.sun.jersey");

  private final Path dataDir;
  private final int namenodePort;
  private final int namenodeHttpPort;
  private final int zookeeperPort;
  private final int yarnPort;
  private final int yarnWebPort;
  private final Optional<Integer> faultControlPort;
  private MiniDFSCluster dfs;
  private LocalYarn yarn;
  private MiniZooKeeperCluster zookeeper;
  private MiniHBaseCluster hbase;
  private FaultControlServer faultControl;

  HadoopNode(
      Path dataDir,
      int namenodePort,
      int namenodeHttpPort,
      int zookeeperPort,
      int yarnPort,
      int yarnWebPort,
      Optional<Integer> faultControlPort) {
    this.dataDir = dataDir;
    this.namenodePort = namenodePort;
    this.namenodeHttpPort = namenodeHttpPort;
    this.zookeeperPort = zookeeperPort;
    this.yarnPort = yarnPort;
    this.yarnWebPort = yarnWebPort;
    this.faultControlPort = faultControlPort;
  }

  public static void main(String[] args) {
    JERSEY_LOG.setLevel(Level.WARNING);
    NodeArguments arguments = NodeArguments.parse(args);
    NodeRuntime.run(
        "hadoop",
        arguments,
        new HadoopNode(
            arguments.dataDir(),
            arguments.port("namenode-port"),
            arguments.port("namenode-http-port"),
            arguments.port("zookeeper-port"),
            arguments.port("yarn-port"),
            arguments.port("yarn-web-port"),
            arguments.optionalPort("fault-control-port")));
  }

  @Override
  public Map<String, String> start() throws Exception {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hadoop.tmp.dir", dataDir.resolve("tmp").toString());
    conf.setInt("dfs.replication", DATANODES);
    conf.setBoolean("dfs.namenode.redundancy.considerLoad", false);
    conf.setBoolean("dfs.permissions.enabled", false);
    // A re-replication that failed (say, to a DataNode that died and the NameNode still counts
    // live) is retried after 10 s instead of 5 min, so a restarted DataNode is caught up quickly.
    conf.setInt("dfs.namenode.reconstruction.pending.timeout-sec", 10);

    Path hdfsDir = dataDir.resolve("hdfs");
    Path formatted = hdfsDir.resolve("FORMATTED");
    Path tiered = hdfsDir.resolve("ARCHIVE-STORAGE");
    boolean format = !Files.exists(formatted);
    // Each DataNode has a DISK and an ARCHIVE volume (the cold tier's storage policy puts its
    // blocks on ARCHIVE). HDFS made before that had one DISK volume per DataNode, and keeps it.
    StorageType[] volumes =
        format || Files.exists(tiered)
            ? new StorageType[] {StorageType.DISK, StorageType.ARCHIVE}
            : new StorageType[] {StorageType.DISK};
    System.out.println(
        (format ? "formatting a new HDFS in " : "reusing HDFS in ")
            + hdfsDir
            + "; DataNode volumes: "
            + Arrays.toString(volumes));
    dfs =
        new MiniDFSCluster.Builder(conf, hdfsDir.toFile())
            .numDataNodes(DATANODES)
            .storagesPerDatanode(volumes.length)
            .storageTypes(volumes)
            .nameNodePort(namenodePort)
            .nameNodeHttpPort(namenodeHttpPort)
            .format(format)
            .waitSafeMode(true)
            .build();
    dfs.waitActive();
    Files.writeString(
        formatted,
        "HDFS formatted; delete the data directory (picshare up --fresh) to start over\n");
    if (volumes.length == 2) {
      Files.writeString(tiered, "each DataNode has a DISK and an ARCHIVE volume\n");
    }
    String hdfsUri = "hdfs://127.0.0.1:" + namenodePort;
    conf.set("fs.defaultFS", hdfsUri);
    CompletableFuture<LocalYarn> yarnStarted =
        startYarn(new Configuration(conf), yarnPort, yarnWebPort);

    Path zookeeperDir = dataDir.resolve("zookeeper");
    Directories.deleteRecursively(zookeeperDir);
    zookeeper = new MiniZooKeeperCluster(conf);
    zookeeper.setDefaultClientPort(zookeeperPort);
    zookeeper.startup(zookeeperDir.toFile());
    conf.set("hbase.zookeeper.quorum", "127.0.0.1");
    conf.setInt("hbase.zookeeper.property.clientPort", zookeeperPort);

    conf.set("hbase.rootdir", hdfsUri + "/hbase");
    conf.set("hbase.tmp.dir", dataDir.resolve("hbase-tmp").toString());
    conf.setInt("hbase.master.port", 0);
    conf.setInt("hbase.master.info.port", -1);
    conf.setInt("hbase.regionserver.port", 0);
    conf.setInt("hbase.regionserver.info.port", -1);
    // One region server: the master need not wait for more, and the server reports in quickly.
    conf.setInt("hbase.master.wait.on.regionservers.mintostart", 1);
    conf.setInt("hbase.master.wait.on.regionservers.maxtostart", 1);
    conf.setInt("hbase.regionserver.msginterval", 1000);
    // MiniHBaseCluster gives the master 30 s to become active: on a loaded two-core machine a
    // restart (lease recovery of the last run's WALs, while YARN starts) can take longer.
    conf.setInt("hbase.master.start.timeout.localHBaseCluster", 180_000);
    conf.setInt("hbase.master.init.timeout.localHBaseCluster", 300_000);
    hbase = new MiniHBaseCluster(conf, 1, 1);
    hbase.waitForActiveAndReadyMaster(120_000);
    try (Connection connection = ConnectionFactory.createConnection(conf);
        Admin admin = connection.getAdmin()) {
      // Idempotent: creates the PicShare namespace and any missing table, as ops would with the
      // schema tool.
      for (String step : new SchemaManager(admin).create()) {
        System.out.println("schema: " + step);
      }
    }
    yarn = awaitYarn(yarnStarted);
    Path confDir = dataDir.resolve("conf");
    new ClientConfiguration(
            hdfsUri,
            "127.0.0.1:" + dfs.getNameNode().getHttpAddress().getPort(),
            conf.get("hbase.rootdir"),
            zookeeperPort,
            yarn,
            LocalYarn.frameworkClasspath(
                System.getProperty("java.class.path"),
                Set.of(
                    LocalYarn.codeSource(HadoopNode.class),
                    LocalYarn.codeSource(NodeRuntime.class),
                    LocalYarn.codeSource(SchemaManager.class))),
            backupDir().toUri().toString())
        .writeTo(confDir);
    Map<String, String> endpoints =
        new TreeMap<>(Map.of("hdfs", hdfsUri, "zookeeper", "127.0.0.1:" + zookeeperPort));
    endpoints.putAll(yarn.endpoints());
    endpoints.put("hadoop-conf", confDir.toString());
    if (faultControlPort.isPresent()) {
      faultControl =
          FaultControlServer.start(faultControlPort.get(), new ClusterFaults(dfs, hbase, volumes));
      endpoints.put("fault-control", faultControl.uri().toString());
    }
    return endpoints;
  }

  /**
   * Where {@code picshare batch backup} writes by default: {@code backups/} beside this node's
   * directory in the stack's data directory ({@code data/backups}), outside HDFS; {@code picshare
   * up --fresh} keeps it, so a wiped stack can be restored from it.
   */
  private Path backupDir() {
    return dataDir.toAbsolutePath().normalize().getParent().resolve("backups");
  }

  /** Starts YARN on a thread of its own, so it comes up while HBase does. */
  private static CompletableFuture<LocalYarn> startYarn(Configuration conf, int port, int webPort) {
    CompletableFuture<LocalYarn> started = new CompletableFuture<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                long begun = System.nanoTime();
                LocalYarn yarn = LocalYarn.start(conf, port, webPort);
                System.out.printf(
                    "yarn: ResourceManager %s, web UI %s, started in %d ms%n",
                    yarn.resourceManagerAddress(),
                    yarn.webUi(),
                    (System.nanoTime() - begun) / 1_000_000);
                started.complete(yarn);
              } catch (Throwable e) {
                started.completeExceptionally(e);
              }
            },
            "yarn-start");
    starter.setDaemon(true);
    starter.start();
    return started;
  }

  private static LocalYarn awaitYarn(CompletableFuture<LocalYarn> started) throws Exception {
    try {
      return started.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  @Override
  public void stop() throws IOException {
    if (faultControl != null) {
      faultControl.close();
    }
    if (hbase != null) {
      hbase.shutdown();
      hbase.waitUntilShutDown();
    }
    // After HBase: stopping YARN closes the file system instance it shares with the master.
    if (yarn != null) {
      yarn.stop();
    }
    if (zookeeper != null) {
      zookeeper.shutdown();
    }
    if (dfs != null) {
      // Not dfs.shutdown(): it schedules the whole HDFS directory for deletion at JVM exit.
      dfs.shutdownDataNodes();
      dfs.shutdownNameNodes();
    }
  }
}
