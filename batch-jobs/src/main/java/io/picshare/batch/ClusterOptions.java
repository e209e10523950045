package io.picshare.batch;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HConstants;
import picocli.CommandLine.Option;

/**
 * The option every batch job takes to name its HBase cluster; HDFS and YARN come from the Hadoop
 * configuration ({@code HADOOP_CONF_DIR} on the classpath, or {@code -fs}/{@code -jt}/{@code -D}).
 */
public final class ClusterOptions {
  private static final Pattern QUORUM = Pattern.compile("[^,:\\s]+:\\d{1,5}(,[^,:\\s]+:\\d{1,5})*");

  @Option(
      names = "--zookeeper",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description =
          "ZooKeeper quorum of the HBase cluster (default: hbase.zookeeper.quorum and"
              + " hbase.zookeeper.property.clientPort of hbase-site.xml on the classpath, which"
              + " ./picshare batch takes from the local stack's data/hadoop/conf).")
  String zookeeper;

  /** Points {@code conf} at the quorum given, if one was. */
  public void applyTo(Configuration conf) {
    if (zookeeper == null) {
      return;
    }
    if (!QUORUM.matcher(zookeeper).matches()) {
      throw new IllegalArgumentException(
          "--zookeeper must be host:port[,host:port...], was: " + zookeeper);
    }
    conf.set(HConstants.ZOOKEEPER_QUORUM, zookeeper);
  }

  /** The arguments that give another job the same cluster. */
  public List<String> arguments() {
    return zookeeper == null ? List.of() : List.of("--zookeeper", zookeeper);
  }
}
