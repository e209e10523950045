package io.picshare.stack.hadoop;

import io.picshare.schema.SchemaManager;
import io.picshare.stack.node.Directories;
import io.picshare.stack.node.NodeArguments;
import io.picshare.stack.node.NodeRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.MiniHBaseCluster;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.zookeeper.MiniZooKeeperCluster;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * HDFS (a NameNode and three DataNodes, replication 3), ZooKeeper and HBase (a master and a region
 * server, its root directory on that HDFS) in one JVM, with their data under {@code --data-dir}.
 * HDFS is formatted only on the first start; later starts reuse its blocks, so HBase finds its
 * tables again. ZooKeeper holds only transient state in HBase 2.6 and starts empty each time. The
 * PicShare tables are created (idempotently) before the node reports ready. With {@code
 * --fault-control-port} (0: any free port) it also serves a loopback endpoint that tests use to
 * stop and restart DataNodes and the region server ({@link FaultControlServer}); its address is the
 * ready file's {@code fault-control} entry.
 */
public final class HadoopNode implements NodeRuntime.Component {
  private static final int DATANODES = 3;

  private final Path dataDir;
  private final int namenodePort;
  private final int namenodeHttpPort;
  private final int zookeeperPort;
  private final Optional<Integer> faultControlPort;
  private MiniDFSCluster dfs;
  private MiniZooKeeperCluster zookeeper;
  private MiniHBaseCluster hbase;
  private FaultControlServer faultControl;

  HadoopNode(
      Path dataDir,
      int namenodePort,
      int namenodeHttpPort,
      int zookeeperPort,
      Optional<Integer> faultControlPort) {
    this.dataDir = dataDir;
    this.namenodePort = namenodePort;
    this.namenodeHttpPort = namenodeHttpPort;
    this.zookeeperPort = zookeeperPort;
    this.faultControlPort = faultControlPort;
  }

  public static void main(String[] args) {
    NodeArguments arguments = NodeArguments.parse(args);
    NodeRuntime.run(
        "hadoop",
        arguments,
        new HadoopNode(
            arguments.dataDir(),
            arguments.port("namenode-port"),
            arguments.port("namenode-http-port"),
            arguments.port("zookeeper-port"),
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
    boolean format = !Files.exists(formatted);
    System.out.println(
        format ? "formatting a new HDFS in " + hdfsDir : "reusing HDFS in " + hdfsDir);
    dfs =
        new MiniDFSCluster.Builder(conf, hdfsDir.toFile())
            .numDataNodes(DATANODES)
            .storagesPerDatanode(1)
            .nameNodePort(namenodePort)
            .nameNodeHttpPort(namenodeHttpPort)
            .format(format)
            .waitSafeMode(true)
            .build();
    dfs.waitActive();
    Files.writeString(
        formatted,
        "HDFS formatted; delete the data directory (picshare up --fresh) to start over\n");
    String hdfsUri = "hdfs://127.0.0.1:" + namenodePort;
    conf.set("fs.defaultFS", hdfsUri);

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
    Map<String, String> endpoints =
        new TreeMap<>(Map.of("hdfs", hdfsUri, "zookeeper", "127.0.0.1:" + zookeeperPort));
    if (faultControlPort.isPresent()) {
      faultControl =
          FaultControlServer.start(faultControlPort.get(), new ClusterFaults(dfs, hbase));
      endpoints.put("fault-control", faultControl.uri().toString());
    }
    return endpoints;
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
