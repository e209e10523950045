package io.picshare.api.storage;

import io.picshare.api.config.StorageConfig;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.domain.search.PhotoIndex;
import io.picshare.api.health.ComponentHealth;
import io.picshare.api.health.HealthCheck;
import io.picshare.data.search.PhotoDocument;
import io.picshare.schema.id.PublicIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.SolrPing;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * The Solr core that indexes photo titles ({@code solr-config/}): the API searches it, the workers'
 * indexer writes it. One document per photo, keyed by its public id. SolrJ blocks, so the API's
 * calls run on a bounded worker pool; the indexer's calls block its consumer thread.
 */
public final class SolrPhotoIndex implements PhotoIndex, HealthCheck, AutoCloseable {
  /** A query gives up after this long (Solr then answers what it found so far). */
  private static final int QUERY_TIME_ALLOWED_MILLIS = 2_000;

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
            // The JDK client's HTTP/2 (h2c) connection to Solr's Jetty breaks for good when Solr
            // restarts (every update then fails with RST_STREAM): HTTP/1.1 reconnects cleanly.
            .useHttp1_1(true)
            .withConnectionTimeout(2, TimeUnit.SECONDS)
            .withIdleTimeout(10, TimeUnit.SECONDS)
            .build();
    return new SolrPhotoIndex(
        client, config.solrCore(), vertx.createSharedWorkerExecutor("solr", 16));
  }

  @Override
  public Future<Hits> search(String words, int limit, Optional<String> after) {
    SolrQuery query =
        new SolrQuery(queryOf(words))
            .setRows(limit)
            .setFields(PhotoDocument.ID, PhotoDocument.OWNER_ID)
            .setTimeAllowed(QUERY_TIME_ALLOWED_MILLIS)
            .addSort("score", SolrQuery.ORDER.desc)
            .addSort(PhotoDocument.CREATED_AT, SolrQuery.ORDER.desc)
            .addSort(PhotoDocument.ID, SolrQuery.ORDER.desc);
    String mark = after.orElse(CursorMarkParams.CURSOR_MARK_START);
    query.set(CursorMarkParams.CURSOR_MARK_PARAM, mark);
    return workers
        .executeBlocking(() -> client.query(core, query), false)
        .recover(error -> Future.failedFuture(searchFailure(error, after.isPresent())))
        .map(response -> hits(response, mark, limit));
  }

  /**
   * Writes {@code photos} (adding or replacing each) and removes {@code deletedIds}; blocking.
   * Searchable after the next soft commit (about 1 s).
   */
  public void sync(List<PhotoDocument> photos, List<Long> deletedIds)
      throws SolrServerException, IOException {
    if (!photos.isEmpty()) {
      client.add(core, photos.stream().map(SolrPhotoIndex::document).toList());
    }
    if (!deletedIds.isEmpty()) {
      client.deleteById(core, deletedIds.stream().map(PublicIds::encode).toList());
    }
  }

  /** Every word required; each escaped, so a query can name no field and use no syntax. */
  private static String queryOf(String words) {
    List<String> terms = new ArrayList<>();
    for (String word : words.strip().split("\\s+")) {
      terms.add(ClientUtils.escapeQueryChars(word.toLowerCase(Locale.ROOT)));
    }
    return String.join(" ", terms);
  }

  private static Hits hits(QueryResponse response, String mark, int limit) {
    List<Hit> hits = new ArrayList<>();
    for (SolrDocument document : response.getResults()) {
      OptionalLong photoId =
          PublicIds.decode(String.valueOf(document.getFirstValue(PhotoDocument.ID)));
      OptionalLong ownerId =
          PublicIds.decode(String.valueOf(document.getFirstValue(PhotoDocument.OWNER_ID)));
      if (photoId.isPresent() && ownerId.isPresent()) {
        hits.add(new Hit(photoId.getAsLong(), ownerId.getAsLong()));
      }
    }
    String next = response.getNextCursorMark();
    boolean more = response.getResults().size() == limit && next != null && !next.equals(mark);
    return new Hits(hits, more ? Optional.of(next) : Optional.empty());
  }

  private static Throwable searchFailure(Throwable error, boolean withCursor) {
    if (withCursor && error instanceof SolrException solr && solr.code() == 400) {
      return PicShareException.invalid("cursor is not one this API issued");
    }
    return new PicShareException(
        ErrorCode.SERVICE_UNAVAILABLE, "search is unavailable right now; retry later");
  }

  /** The shared shape of a photo's document ({@link PhotoDocument}, also the reindex job's). */
  private static SolrInputDocument document(PhotoDocument photo) {
    SolrInputDocument document = new SolrInputDocument();
    photo.fields().forEach(document::addField);
    return document;
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
