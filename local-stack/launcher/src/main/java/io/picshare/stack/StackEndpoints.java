package io.picshare.stack;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where a running local stack answers: what a client (the API, a test, a batch job) needs to
 * connect to each component. {@code yarnResourceManager} is where jobs are submitted ({@code
 * host:port}); {@code hadoopConfDir} is a Hadoop client configuration directory for the whole
 * cluster (HDFS, YARN, MapReduce, HBase) to point {@code HADOOP_CONF_DIR} at. {@code api} serves
 * reads (and writes, unless split); {@code writeApi} serves writes. Both are null when the stack
 * runs no API.
 */
public record StackEndpoints(
    URI hdfs,
    String zookeeperQuorum,
    String yarnResourceManager,
    URI yarnWeb,
    URI jobHistoryWeb,
    Path hadoopConfDir,
    String kafkaBootstrap,
    URI solr,
    URI api,
    URI writeApi) {
  public StackEndpoints {
    requireNonNull(hdfs, "hdfs is null");
    requireNonNull(zookeeperQuorum, "zookeeperQuorum is null");
    requireNonNull(yarnResourceManager, "yarnResourceManager is null");
    requireNonNull(yarnWeb, "yarnWeb is null");
    requireNonNull(jobHistoryWeb, "jobHistoryWeb is null");
    requireNonNull(hadoopConfDir, "hadoopConfDir is null");
    requireNonNull(kafkaBootstrap, "kafkaBootstrap is null");
    requireNonNull(solr, "solr is null");
  }

  /** The Solr URL of the photos core. */
  public URI solrPhotosCore() {
    return URI.create(solr + "/photos");
  }
}
