package io.picshare.stack;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * Where a running local stack answers: what a client (the API, a test, a batch job) needs to
 * connect to each component. {@code api} serves reads (and writes, unless split); {@code writeApi}
 * serves writes. Both are null when the stack runs no API.
 */
public record StackEndpoints(
    URI hdfs, String zookeeperQuorum, String kafkaBootstrap, URI solr, URI api, URI writeApi) {
  public StackEndpoints {
    requireNonNull(hdfs, "hdfs is null");
    requireNonNull(zookeeperQuorum, "zookeeperQuorum is null");
    requireNonNull(kafkaBootstrap, "kafkaBootstrap is null");
    requireNonNull(solr, "solr is null");
  }

  /** The Solr URL of the photos core. */
  public URI solrPhotosCore() {
    return URI.create(solr + "/photos");
  }
}
