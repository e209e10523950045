package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import io.picshare.data.lease.WorkerIdLease;
import io.picshare.data.search.PhotoDocument;
import io.picshare.data.search.SolrCoreClient;
import io.picshare.schema.id.IdGenerator;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Writes {@code count} photos with {@link TitleWords} titles for the search benchmark: their rows
 * through the project's photo store (as {@code seed-graph} does: id lookup, then the row; no outbox
 * event, so no worker touches them, and no bytes in HDFS: search reads only metadata), then their
 * documents straight to Solr in the shape the indexer writes ({@link PhotoDocument}), 500 per
 * update. Ids are PicShare ids of a worker id reserved for the run, one per millisecond before the
 * run's start, so they never meet the API's.
 */
final class SearchSeeder {
  private static final int BATCH = 500;
  private static final String NO_BYTES = "/picshare/search-bench/no-bytes";

  private final BenchCluster cluster;
  private final SolrCoreClient solr;
  private final TitleWords titles;
  private final PrintWriter out;
  private final Clock clock;

  SearchSeeder(
      BenchCluster cluster, SolrCoreClient solr, TitleWords titles, PrintWriter out, Clock clock) {
    this.cluster = requireNonNull(cluster, "cluster is null");
    this.solr = requireNonNull(solr, "solr is null");
    this.titles = requireNonNull(titles, "titles is null");
    this.out = requireNonNull(out, "out is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Writes photos {@code 0..count-1}, owned in turn by {@code owners} (user id, username). */
  void seed(int count, List<Long> ownerIds, List<String> usernames)
      throws IOException, InterruptedException {
    long anchor = clock.millis();
    int workerId =
        WorkerIdLease.reserveUnused(
                cluster.leases, ("bench search " + anchor).getBytes(StandardCharsets.UTF_8), anchor)
            .join();
    long rowsStarted = System.nanoTime();
    long rowNanos = 0;
    long solrNanos = 0;
    for (int from = 0; from < count; from += BATCH) {
      int to = Math.min(count, from + BATCH);
      List<PhotoRecord> photos = new ArrayList<>(to - from);
      List<PhotoDocument> documents = new ArrayList<>(to - from);
      for (int p = from; p < to; p++) {
        int owner = p % ownerIds.size();
        long createdAt = anchor - count + p;
        PhotoRecord photo =
            new PhotoRecord(
                ((createdAt - IdGenerator.EPOCH_MILLIS)
                        << (IdGenerator.SEQUENCE_BITS + IdGenerator.WORKER_BITS))
                    | ((long) workerId << IdGenerator.SEQUENCE_BITS),
                ownerIds.get(owner),
                titles.title(p),
                "image/jpeg",
                1,
                1080,
                720,
                1,
                null,
                null,
                "00".repeat(32),
                new BlobLocation(NO_BYTES, 0, 1),
                createdAt);
        photos.add(photo);
        documents.add(
            new PhotoDocument(
                photo.photoId(),
                photo.ownerId(),
                usernames.get(owner),
                photo.title(),
                createdAt,
                0));
      }
      long started = System.nanoTime();
      write(photos);
      long written = System.nanoTime();
      solr.add(documents);
      solrNanos += System.nanoTime() - written;
      rowNanos += written - started;
      if (to % 20_000 == 0 || to == count) {
        out.printf(Locale.ROOT, "  seeded %,d of %,d photos%n", to, count);
        out.flush();
      }
    }
    solr.commit();
    out.printf(
        Locale.ROOT,
        "Seeded %,d photos in %.1f s: HBase rows %.0f photos/s, Solr documents %.0f docs/s"
            + " (batches of %d, one client)%n",
        count,
        (System.nanoTime() - rowsStarted) / 1e9,
        count / (rowNanos / 1e9),
        count / (solrNanos / 1e9),
        BATCH);
  }

  private void write(List<PhotoRecord> photos) {
    List<CompletableFuture<Void>> writes = new ArrayList<>(photos.size());
    for (PhotoRecord photo : photos) {
      writes.add(
          cluster
              .photos
              .insertLookupIfAbsent(photo)
              .thenCompose(
                  inserted -> {
                    if (!inserted) {
                      throw new SetupException("photo id " + photo.photoId() + " is taken");
                    }
                    return cluster.photos.insertRowIfAbsent(photo);
                  })
              .thenAccept(
                  written -> {
                    if (!written) {
                      throw new SetupException("the row of photo " + photo.photoId() + " is taken");
                    }
                  }));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
  }
}
