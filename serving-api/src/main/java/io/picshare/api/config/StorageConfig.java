package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * Where the cluster answers.
 *
 * @param hdfsUri the NameNode ({@code hdfs-uri}, default {@code hdfs://127.0.0.1:8020})
 * @param hdfsReplication replicas every photo file must have before an upload is acknowledged
 *     ({@code hdfs-replication}, default 3)
 * @param hdfsWorkers threads doing blocking HDFS calls ({@code hdfs-workers}, default 32)
 * @param zookeeperQuorum where HBase clients find the cluster ({@code zookeeper-quorum}, default
 *     {@code 127.0.0.1:2181})
 * @param kafkaBootstrap Kafka bootstrap servers ({@code kafka-bootstrap}, default {@code
 *     127.0.0.1:9092})
 * @param solrUrl the Solr base URL ({@code solr-url}, default {@code http://127.0.0.1:8983/solr})
 * @param solrCore the photo search core or collection ({@code solr-core}, default {@code photos})
 * @param contentCacheBytes memory for recently read photo bytes ({@code content-cache-mb}, default
 *     256)
 */
public record StorageConfig(
    URI hdfsUri,
    int hdfsReplication,
    int hdfsWorkers,
    String zookeeperQuorum,
    String kafkaBootstrap,
    URI solrUrl,
    String solrCore,
    long contentCacheBytes) {
  public StorageConfig {
    requireNonNull(hdfsUri, "hdfsUri is null");
    if (!"hdfs".equals(hdfsUri.getScheme())) {
      throw new ConfigException("hdfs-uri must be an hdfs:// URI, got: " + hdfsUri);
    }
    requireNonNull(zookeeperQuorum, "zookeeperQuorum is null");
    requireNonNull(kafkaBootstrap, "kafkaBootstrap is null");
    requireNonNull(solrUrl, "solrUrl is null");
    requireNonNull(solrCore, "solrCore is null");
  }

  static StorageConfig from(ConfigValues values) {
    return new StorageConfig(
        uri(values, "hdfs-uri", "hdfs://127.0.0.1:8020"),
        values.integer("hdfs-replication", 3, 1, 16),
        values.integer("hdfs-workers", 32, 1, 1024),
        values.string("zookeeper-quorum", "127.0.0.1:2181"),
        values.string("kafka-bootstrap", "127.0.0.1:9092"),
        uri(values, "solr-url", "http://127.0.0.1:8983/solr"),
        values.string("solr-core", "photos"),
        values.integer("content-cache-mb", 256, 0, 1_000_000) * 1024L * 1024L);
  }

  private static URI uri(ConfigValues values, String key, String defaultValue) {
    String value = values.string(key, defaultValue);
    try {
      return URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + " is not a URI: " + value);
    }
  }
}
