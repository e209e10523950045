package io.picshare.api.storage;

import io.picshare.api.config.StorageConfig;
import io.picshare.api.health.ComponentHealth;
import io.picshare.api.health.HealthCheck;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.SolrPing;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrInputDocument;

/** The Solr core that indexes photo titles. SolrJ blocks, so calls run on a bounded worker pool. */
public final class SolrPhotoIndex implements HealthCheck, AutoCloseable {
  private final SolrClient client;
  private final String core;
  private final WorkerExecutor workers;

  private SolrPhotoIndex(SolrClient client, String core, WorkerExecutor workers) {
    this.client = client;
    this.core = core;
    this.workers = workers;
  }

  public static SolrPhotoIndex connect(Vertx vertx, StorageConfig config) {
    SolrClient client =
        new HttpJdkSolrClient.Builder(config.solrUrl().toString())
            .withConnectionTimeout(2, TimeUnit.SECONDS)
            .withIdleTimeout(10, TimeUnit.SECONDS)
            .build();
    return new SolrPhotoIndex(
        client, config.solrCore(), vertx.createSharedWorkerExecutor("solr", 16));
  }

  /** Adds or replaces a document; it is searchable after the next soft commit (about 1 s). */
  public Future<Void> add(SolrInputDocument document) {
    return workers.executeBlocking(
        () -> {
          client.add(core, document);
          return null;
        },
        false);
  }

  public Future<QueryResponse> query(SolrQuery query) {
    return workers.executeBlocking(() -> client.query(core, query), false);
  }

  @Override
  public String component() {
    return "solr";
  }

  @Override
  public Future<ComponentHealth> check() {
    return workers.executeBlocking(
        () -> {
          long started = System.nanoTime();
          new SolrPing().process(client, core);
          return ComponentHealth.up(
              component(), (System.nanoTime() - started) / 1_000_000, Map.of("core", core));
        },
        false);
  }

  @Override
  public void close() throws IOException {
    workers.close();
    client.close();
  }
}
