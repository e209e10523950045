package io.picshare.bench;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where the cluster behind the API is, for the commands that also talk to HBase and HDFS. */
public final class ClusterOptions {
  @Option(
      names = "--zookeeper",
      defaultValue = "127.0.0.1:2181",
      paramLabel = "HOST:PORT",
      description = "ZooKeeper quorum of the HBase cluster (default: ${DEFAULT-VALUE}).")
  String zookeeper;

  @Option(
      names = "--hdfs",
      defaultValue = "hdfs://127.0.0.1:8020",
      paramLabel = "URI",
      description = "HDFS the photos live in (default: ${DEFAULT-VALUE}).")
  URI hdfs;
}
