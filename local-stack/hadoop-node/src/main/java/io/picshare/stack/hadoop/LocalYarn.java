package io.picshare.stack.hadoop;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.v2.MiniMRYarnCluster;

/**
 * YARN on the node's HDFS: a ResourceManager (RPC and web UI on the given ports), one NodeManager
 * offering {@value #NODE_MANAGER_MB} MB to containers, and the MapReduce JobHistory server (on any
 * free ports). The NodeManager runs containers as separate JVMs with the classpath of a Hadoop
 * install: this JVM's Hadoop jars without HBase's or PicShare's, so a job must ship what else it
 * needs, as on a real cluster. MiniYARNCluster keeps its state under {@code target/} of the working
 * directory (the node's data directory) and starts empty each time.
 */
final class LocalYarn {
  static final int NODE_MANAGER_MB = 4096;

  /** The HDFS directory jobs stage their files in, and the JobHistory server reads them from. */
  static final String STAGING_DIR = "/tmp/hadoop-yarn/staging";

  private final MiniMRYarnCluster cluster;

  private LocalYarn(MiniMRYarnCluster cluster) {
    this.cluster = cluster;
  }

  /**
   * Starts YARN with {@code hdfs} (a configuration naming the file system) and returns once the
   * NodeManager has registered.
   */
  static LocalYarn start(Configuration hdfs, int resourceManagerPort, int webPort)
      throws InterruptedException, org.apache.hadoop.yarn.exceptions.YarnException {
    Configuration conf = new Configuration(hdfs);
    // Use the addresses configured here rather than the ones MiniYARNCluster would pick; port 0
    // is any free port, which the services write back into the configuration once bound.
    conf.setBoolean("yarn.minicluster.fixed.ports", true);
    conf.setBoolean("mapreduce.jobhistory.minicluster.fixed.ports", true);
    conf.set("yarn.resourcemanager.hostname", "127.0.0.1");
    conf.set("yarn.resourcemanager.address", "127.0.0.1:" + resourceManagerPort);
    conf.set("yarn.resourcemanager.webapp.address", "127.0.0.1:" + webPort);
    for (String service : List.of("scheduler", "resource-tracker", "admin")) {
      conf.set("yarn.resourcemanager." + service + ".address", "127.0.0.1:0");
    }
    for (String service : List.of("address", "localizer.address", "webapp.address")) {
      conf.set("yarn.nodemanager." + service, "127.0.0.1:0");
    }
    conf.set("mapreduce.jobhistory.address", "127.0.0.1:0");
    conf.set("mapreduce.jobhistory.webapp.address", "127.0.0.1:0");
    conf.set("mapreduce.jobhistory.admin.address", "127.0.0.1:0");
    conf.set("yarn.app.mapreduce.am.staging-dir", STAGING_DIR);

    conf.setInt("yarn.nodemanager.resource.memory-mb", NODE_MANAGER_MB);
    conf.setInt("yarn.nodemanager.resource.cpu-vcores", 8);
    conf.setInt("yarn.scheduler.minimum-allocation-mb", 128);
    conf.setInt("yarn.scheduler.maximum-allocation-mb", NODE_MANAGER_MB);
    conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 0.5f);
    // A developer's disk is often fuller than the 90 % at which the NodeManager would stop
    // offering its directories; and the JVMs here are not sized to be policed by memory checks.
    conf.setFloat(
        "yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", 99.9f);
    conf.setInt("yarn.nodemanager.disk-health-checker.min-free-space-per-disk-mb", 100);
    conf.setBoolean("yarn.nodemanager.pmem-check-enabled", false);
    conf.setBoolean("yarn.nodemanager.vmem-check-enabled", false);
    // Keep a finished container's directory (launch script, job files) ten minutes for debugging.
    conf.setInt("yarn.nodemanager.delete.debug-delay-sec", 600);

    MiniMRYarnCluster cluster = new MiniMRYarnCluster("yarn", 1);
    cluster.init(conf);
    cluster.start();
    if (!cluster.waitForNodeManagersToConnect(60_000)) {
      cluster.stop();
      throw new IllegalStateException("the NodeManager did not register within 60 s");
    }
    return new LocalYarn(cluster);
  }

  /**
   * The bound address of service {@code key} as a client should dial it: {@code 127.0.0.1}, where
   * the services write back {@code localhost}, so no client tries {@code ::1}.
   */
  String address(String key) {
    String address = cluster.getConfig().get(key);
    return address.startsWith("localhost:") ? "127.0.0.1" + address.substring(9) : address;
  }

  String resourceManagerAddress() {
    return address("yarn.resourcemanager.address");
  }

  String webUi() {
    return "http://" + address("yarn.resourcemanager.webapp.address");
  }

  String jobHistoryWebUi() {
    return "http://" + address("mapreduce.jobhistory.webapp.address");
  }

  Map<String, String> endpoints() {
    Map<String, String> endpoints = new TreeMap<>();
    endpoints.put("yarn-resourcemanager", resourceManagerAddress());
    endpoints.put("yarn-web", webUi());
    endpoints.put("jobhistory-web", jobHistoryWebUi());
    return endpoints;
  }

  void stop() {
    cluster.stop();
  }

  /**
   * The jars a Hadoop install would give containers: the entries of {@code javaClassPath} less
   * HBase's jars, {@code excluded} (PicShare's) and directories of classes; the MapReduce jars
   * apart, as {@code mapreduce.application.classpath} lists them on a cluster.
   */
  static FrameworkClasspath frameworkClasspath(String javaClassPath, Set<Path> excluded) {
    requireNonNull(javaClassPath, "javaClassPath is null");
    List<String> mapreduce = new ArrayList<>();
    List<String> common = new ArrayList<>();
    for (String entry : javaClassPath.split(File.pathSeparator)) {
      Path jar = Path.of(entry).toAbsolutePath().normalize();
      String name = jar.getFileName().toString();
      if (!name.endsWith(".jar")
          || name.startsWith("hbase-")
          || jar.toString().contains("/org/apache/hbase/")
          || excluded.contains(jar)) {
        continue;
      }
      (name.startsWith("hadoop-mapreduce-") ? mapreduce : common).add(jar.toString());
    }
    return new FrameworkClasspath(mapreduce, common);
  }

  /** Where {@code type} was loaded from, as {@link #frameworkClasspath} compares paths. */
  static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath()
          .normalize();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot tell where " + type + " was loaded from", e);
    }
  }

  /** {@code mapreduce.application.classpath} and {@code yarn.application.classpath}. */
  record FrameworkClasspath(List<String> mapreduce, List<String> yarn) {
    FrameworkClasspath {
      mapreduce = List.copyOf(mapreduce);
      yarn = List.copyOf(yarn);
      if (mapreduce.isEmpty() || yarn.isEmpty()) {
        throw new IllegalArgumentException("no Hadoop jars on this JVM's classpath");
      }
    }
  }
}
