package io.picshare.stack.hadoop;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * What a client of the local cluster needs to know, written as a Hadoop configuration directory
 * ({@code core-site.xml}, {@code hdfs-site.xml}, {@code yarn-site.xml}, {@code mapred-site.xml},
 * {@code hbase-site.xml}) that {@code HADOOP_CONF_DIR} can point at: where HDFS, YARN, the
 * JobHistory server and ZooKeeper answer, what classpath YARN gives containers, and container sizes
 * that fit the one NodeManager, HBase's root directory (which {@code ExportSnapshot} copies from
 * and to), where the NameNode's web UI and WebHDFS answer, and where {@code picshare batch backup}
 * writes by default ({@value #BACKUP_DIR_KEY}) and the cold tier's erasure-coding policy ({@value
 * #COLD_EC_POLICY_KEY}). Only these keys are written, never the mini-cluster's whole configuration
 * (which would, for one, hand containers the submitting JVM's classpath).
 */
final class ClientConfiguration {
  /** The JVM options, among this JVM's own, that Hadoop and HBase code needs on Java 17. */
  private static final List<String> CONTAINER_JVM_OPTION_PREFIXES =
      List.of("--add-opens", "--add-exports", "--add-modules", "-Dorg.apache.hbase.thirdparty");

  /** The default target of {@code picshare batch backup}: a file system URI. */
  static final String BACKUP_DIR_KEY = "picshare.backup.dir";

  /** The erasure-coding policy of the cold tier of volumes. */
  static final String COLD_EC_POLICY_KEY = "picshare.cold.ec-policy";

  private final Map<String, Map<String, String>> files = new LinkedHashMap<>();

  /**
   * {@code namenodeHttpAddress} is the NameNode's web UI and WebHDFS ({@code host:port}); {@code
   * backupDir} the file system URI backups go to by default.
   */
  ClientConfiguration(
      String hdfsUri,
      String namenodeHttpAddress,
      String hbaseRootDir,
      int zookeeperPort,
      LocalYarn yarn,
      LocalYarn.FrameworkClasspath classpath,
      String backupDir) {
    requireNonNull(hdfsUri, "hdfsUri is null");
    requireNonNull(namenodeHttpAddress, "namenodeHttpAddress is null");
    requireNonNull(hbaseRootDir, "hbaseRootDir is null");
    requireNonNull(backupDir, "backupDir is null");
    String jvmOptions = String.join(" ", containerJvmOptions());

    files.put("core-site.xml", Map.of("fs.defaultFS", hdfsUri, BACKUP_DIR_KEY, backupDir));
    files.put(
        "hdfs-site.xml",
        Map.of(
            "dfs.replication",
            "3",
            "dfs.namenode.http-address",
            namenodeHttpAddress,
            // the largest erasure-coding policy three DataNodes hold (picshare batch rebalance)
            COLD_EC_POLICY_KEY,
            "XOR-2-1-1024k"));

    Map<String, String> yarnSite = new LinkedHashMap<>();
    for (String key :
        List.of(
            "yarn.resourcemanager.hostname",
            "yarn.resourcemanager.address",
            "yarn.resourcemanager.scheduler.address",
            "yarn.resourcemanager.resource-tracker.address",
            "yarn.resourcemanager.admin.address",
            "yarn.resourcemanager.webapp.address")) {
      yarnSite.put(key, key.endsWith(".hostname") ? "127.0.0.1" : yarn.address(key));
    }
    yarnSite.put("yarn.application.classpath", String.join(",", classpath.yarn()));
    files.put("yarn-site.xml", yarnSite);

    Map<String, String> mapred = new LinkedHashMap<>();
    mapred.put("mapreduce.framework.name", "yarn");
    mapred.put("yarn.app.mapreduce.am.staging-dir", LocalYarn.STAGING_DIR);
    mapred.put("mapreduce.jobhistory.address", yarn.address("mapreduce.jobhistory.address"));
    mapred.put(
        "mapreduce.jobhistory.webapp.address", yarn.address("mapreduce.jobhistory.webapp.address"));
    mapred.put("mapreduce.application.classpath", String.join(",", classpath.mapreduce()));
    // Three DataNodes: the default of 10 replicas for job files could never be reached.
    mapred.put("mapreduce.client.submit.file.replication", "3");
    // An application master and four tasks at a time in the NodeManager's 4 GB.
    mapred.put("yarn.app.mapreduce.am.resource.mb", "1024");
    mapred.put("yarn.app.mapreduce.am.command-opts", "-Xmx640m");
    mapred.put("yarn.app.mapreduce.am.admin-command-opts", jvmOptions);
    for (String task : List.of("map", "reduce")) {
      mapred.put("mapreduce." + task + ".memory.mb", "768");
      mapred.put("mapreduce." + task + ".java.opts", "-Xmx512m");
      mapred.put(
          "mapreduce.admin." + task + ".child.java.opts",
          "-Djava.net.preferIPv4Stack=true " + jvmOptions);
    }
    files.put("mapred-site.xml", mapred);

    files.put(
        "hbase-site.xml",
        Map.of(
            "hbase.zookeeper.quorum",
            "127.0.0.1",
            "hbase.zookeeper.property.clientPort",
            Integer.toString(zookeeperPort),
            "hbase.rootdir",
            hbaseRootDir));
  }

  /** Writes the files into {@code dir}, each replaced atomically. */
  void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, Map<String, String>> file : files.entrySet()) {
      Configuration conf = new Configuration(false);
      file.getValue().forEach((key, value) -> conf.set(key, value, "PicShare local stack"));
      Path target = dir.resolve(file.getKey());
      Path temporary = dir.resolve(file.getKey() + ".tmp");
      try (OutputStream out = Files.newOutputStream(temporary)) {
        conf.writeXml(out);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * This JVM's {@code --add-opens}-style options (the launcher gives the node what Hadoop and HBase
   * need on Java 17), for the containers' JVMs.
   */
  static List<String> containerJvmOptions() {
    List<String> options = new ArrayList<>();
    List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (CONTAINER_JVM_OPTION_PREFIXES.stream().noneMatch(argument::startsWith)) {
        continue;
      }
      // "--add-opens X" may come as two arguments; a container's command line takes
      // "--add-opens=X".
      if (!argument.contains("=") && i + 1 < arguments.size()) {
        argument = argument + "=" + arguments.get(++i);
      }
      options.add(argument);
    }
    return options;
  }
}
