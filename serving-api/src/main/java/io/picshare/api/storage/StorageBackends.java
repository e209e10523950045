package io.picshare.api.storage;

import io.picshare.api.config.StorageConfig;
import io.picshare.api.health.HealthCheck;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The API's clients of the cluster, opened together and closed together. */
public final class StorageBackends implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StorageBackends.class);

  private final HdfsBlobStore blobs;
  private final HBaseClient hbase;
  private final KafkaEventPublisher events;
  private final SolrPhotoIndex search;

  private StorageBackends(
      HdfsBlobStore blobs, HBaseClient hbase, KafkaEventPublisher events, SolrPhotoIndex search) {
    this.blobs = blobs;
    this.hbase = hbase;
    this.events = events;
    this.search = search;
  }

  public static StorageBackends open(Vertx vertx, StorageConfig config) {
    return new StorageBackends(
        HdfsBlobStore.open(vertx, config),
        HBaseClient.connect(config),
        KafkaEventPublisher.connect(vertx, config),
        SolrPhotoIndex.connect(vertx, config));
  }

  public HdfsBlobStore blobs() {
    return blobs;
  }

  public HBaseClient hbase() {
    return hbase;
  }

  public KafkaEventPublisher events() {
    return events;
  }

  public SolrPhotoIndex search() {
    return search;
  }

  public List<HealthCheck> healthChecks() {
    return List.of(blobs, hbase, events, search);
  }

  @Override
  public void close() {
    for (AutoCloseable client : List.<AutoCloseable>of(search, events, hbase, blobs)) {
      try {
        client.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", client.getClass().getSimpleName(), e);
      }
    }
  }
}
