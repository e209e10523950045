package io.picshare.api.workers;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.photo.BlobStore;
import io.picshare.data.PhotoRow;
import io.picshare.data.PhotoStore;
import io.picshare.media.Rendition;
import io.picshare.media.RenditionFailedException;
import io.picshare.media.RenditionRenderer;
import io.picshare.schema.blob.PhotoPaths;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.record.RenditionSet;
import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the display renditions of each uploaded photo ({@code photo-uploaded}): reads the original
 * from HDFS, renders every size, writes them as one new file (replication 3, like originals) and
 * records that file in the photo row by compare-and-set. The photos of a batch are rendered in
 * parallel on {@code threads} threads.
 *
 * <p>Idempotent: a photo whose row already records renditions or a failure is skipped, so a
 * replayed event changes nothing and nothing recorded is rebuilt. A photo deleted meanwhile is
 * skipped; if it is deleted while its renditions are being built (or another attempt recorded
 * first), the record fails and the file just written is deleted again (a crash in between leaves a
 * file no row names, for the storage reclaim job). An image that cannot be rendered is recorded as
 * failed for that photo ({@code m:rf}) and the batch goes on; only storage errors fail the batch,
 * which the consumer then retries.
 */
public final class RenditionWorker implements EventConsumer.BatchHandler, AutoCloseable {
  /** Recorded when the original's file cannot be found where its row says. */
  static final String ORIGINAL_MISSING = "original-missing";

  private static final Logger LOG = LoggerFactory.getLogger(RenditionWorker.class);
  private static final long STORE_TIMEOUT_SECONDS = 30;

  private final PhotoStore photos;
  private final BlobStore blobs;
  private final RenditionRenderer renderer;
  private final ExecutorService pool;
  private final LongSupplier attempts;
  private final AtomicLong built = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong renderNanos = new AtomicLong();

  /**
   * @param attempts a fresh random number for each attempt's file name
   */
  public RenditionWorker(
      PhotoStore photos,
      BlobStore blobs,
      RenditionRenderer renderer,
      int threads,
      LongSupplier attempts) {
    this.photos = requireNonNull(photos, "photos is null");
    this.blobs = requireNonNull(blobs, "blobs is null");
    this.renderer = requireNonNull(renderer, "renderer is null");
    this.attempts = requireNonNull(attempts, "attempts is null");
    AtomicInteger threadNumber = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "renditions-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public void handle(List<EventConsumer.Event> batch) throws Exception {
    List<java.util.concurrent.Future<?>> running = new ArrayList<>(batch.size());
    for (EventConsumer.Event event : batch) {
      running.add(
          pool.submit(
              () -> {
                UploadedPhoto photo = UploadedPhoto.parse(event.key(), event.payload());
                build(photo.ownerId(), photo.photoId());
                return null;
              }));
    }
    // Wait for all, so that nothing of a failed batch still runs when the consumer retries it.
    Exception first = null;
    for (java.util.concurrent.Future<?> photo : running) {
      try {
        photo.get();
      } catch (ExecutionException e) {
        if (first == null) {
          first = e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** Builds and records one photo's renditions unless it has them, failed, or is gone. */
  void build(long ownerId, long photoId) throws Exception {
    Optional<PhotoRow> row = await(photos.find(ownerId, photoId));
    if (row.isEmpty() || row.get().renditions().isPresent()) {
      skipped.incrementAndGet();
      return;
    }
    if (row.get().renditionFailure().isPresent()) {
      skipped.incrementAndGet();
      return;
    }
    PhotoRecord photo = row.get().record();
    Optional<byte[]> original = readOriginal(photo);
    if (original.isEmpty()) {
      recordFailure(photo, ORIGINAL_MISSING);
      return;
    }
    List<Rendition> renditions;
    long started = System.nanoTime();
    try {
      renditions = renderer.render(original.get());
    } catch (RenditionFailedException e) {
      LOG.warn(
          "photo {}: renditions cannot be built ({}): {}",
          PublicIds.encode(photoId),
          e.reason().code(),
          e.getMessage());
      recordFailure(photo, e.reason().code());
      return;
    } finally {
      renderNanos.addAndGet(System.nanoTime() - started);
    }
    String path = PhotoPaths.renditions(photoId, attempts.getAsLong());
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    List<RenditionSet.Entry> entries = new ArrayList<>();
    for (Rendition rendition : renditions) {
      entries.add(
          new RenditionSet.Entry(
              rendition.size(),
              rendition.width(),
              rendition.height(),
              file.size(),
              rendition.jpeg().length,
              sha256(rendition.jpeg())));
      file.writeBytes(rendition.jpeg());
    }
    try {
      await(blobs.write(path, file.toByteArray()));
    } catch (Exception e) {
      deleteUnrecorded(path); // e.g. written but under-replicated: the retry writes a new file
      throw e;
    }
    // If the record's outcome is unknown (it throws), the file stays: the batch is retried, and a
    // file no photo row names is the reclaim job's.
    if (await(photos.recordRenditions(photo, new RenditionSet(path, entries)))) {
      built.incrementAndGet();
      return;
    }
    // Deleted meanwhile, or another attempt recorded first: this file is nobody's.
    skipped.incrementAndGet();
    deleteUnrecorded(path);
  }

  private void deleteUnrecorded(String path) {
    try {
      await(blobs.delete(path));
    } catch (Exception e) {
      LOG.warn("could not delete unrecorded renditions {}; the reclaim job will", path, e);
    }
  }

  /**
   * The original's bytes; empty if its file is missing although the photo still names it (read
   * again first, since the pack job may just have moved it).
   */
  private Optional<byte[]> readOriginal(PhotoRecord photo) throws Exception {
    PhotoRecord current = photo;
    for (int attempt = 0; attempt < 2; attempt++) {
      BlobLocation location = current.location();
      try {
        return Optional.of(
            await(
                blobs.read(
                    location.path(), location.offset(), Math.toIntExact(location.length()))));
      } catch (FileNotFoundException e) {
        Optional<PhotoRow> again = await(photos.find(photo.ownerId(), photo.photoId()));
        if (again.isEmpty() || again.get().record().location().equals(location)) {
          return Optional.empty();
        }
        current = again.get().record();
      }
    }
    return Optional.empty();
  }

  private void recordFailure(PhotoRecord photo, String reason) throws Exception {
    if (await(photos.recordRenditionFailure(photo, reason))) {
      failed.incrementAndGet();
    } else {
      skipped.incrementAndGet();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return await(future.toCompletionStage().toCompletableFuture());
  }

  /** Photos whose renditions this worker built and recorded since start. */
  public long built() {
    return built.get();
  }

  /** Photos recorded as failed (their image cannot be rendered) since start. */
  public long failed() {
    return failed.get();
  }

  /** Events skipped: renditions or a failure already recorded, or the photo gone. */
  public long skipped() {
    return skipped.get();
  }

  /** Seconds spent decoding, resizing and encoding since start. */
  public double renderSeconds() {
    return renderNanos.get() / 1e9;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    renderer.close();
  }
}
