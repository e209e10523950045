package io.picshare.api.domain.photo;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.Async;
import io.picshare.api.domain.IdSource;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.events.PhotoEvent;
import io.picshare.data.IdempotencyStore;
import io.picshare.data.OutboxStore;
import io.picshare.data.PhotoStore;
import io.picshare.data.UserStore;
import io.picshare.media.GeoPoint;
import io.picshare.media.ImageInfo;
import io.picshare.media.ImageInspector;
import io.picshare.media.ImageRejectedException;
import io.picshare.schema.blob.PhotoPaths;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.key.IdempotencyRowKey;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploading a photo. It is acknowledged only once its bytes are durable on every HDFS replica and
 * its photo row (the commit point) is written; if any step fails, what this attempt wrote is
 * removed again, so no half-stored photo is ever visible. The id lookup and the photo row are
 * written put-if-absent, so even an id collision can never overwrite another photo.
 */
public final class PhotoUploadService {
  public static final int MAX_TITLE_LENGTH = 200;
  private static final Logger LOG = LoggerFactory.getLogger(PhotoUploadService.class);

  private final PhotoStore photos;
  private final UserStore users;
  private final BlobStore blobs;
  private final OutboxStore outbox;
  private final UploadIdempotency idempotency;
  private final PhotoReadService reads;
  private final ImageInspector inspector;
  private final IdSource ids;
  private final WorkerExecutor cpu;
  private final Clock clock;
  private final PhotoEvents events;
  private final Duration commitDeadline;

  /**
   * @param commitDeadline an attempt that has not reached its commit this long after it started
   *     gives up; with {@code storeWriteTimeout} (how late a write already sent can still land) it
   *     must stay below {@link UploadIdempotency#TAKEOVER_AFTER}, so a slow attempt never commits
   *     after a retry took its key over
   */
  public PhotoUploadService(
      PhotoStore photos,
      UserStore users,
      BlobStore blobs,
      IdempotencyStore idempotency,
      OutboxStore outbox,
      PhotoReadService reads,
      ImageInspector inspector,
      IdSource ids,
      Clock clock,
      WorkerExecutor cpu,
      Duration commitDeadline,
      Duration storeWriteTimeout) {
    this.photos = requireNonNull(photos, "photos is null");
    this.users = requireNonNull(users, "users is null");
    this.blobs = requireNonNull(blobs, "blobs is null");
    this.outbox = requireNonNull(outbox, "outbox is null");
    this.idempotency = new UploadIdempotency(idempotency, photos, clock);
    this.reads = requireNonNull(reads, "reads is null");
    this.inspector = requireNonNull(inspector, "inspector is null");
    this.ids = requireNonNull(ids, "ids is null");
    this.cpu = requireNonNull(cpu, "cpu is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.events = new PhotoEvents(clock);
    if (commitDeadline.plus(storeWriteTimeout).compareTo(UploadIdempotency.TAKEOVER_AFTER) >= 0) {
      throw new IllegalArgumentException(
          "upload deadline "
              + commitDeadline
              + " plus store write timeout "
              + storeWriteTimeout
              + " must be shorter than the idempotency takeover "
              + UploadIdempotency.TAKEOVER_AFTER);
    }
    this.commitDeadline = commitDeadline;
  }

  /** The facts an upload is checked and stored with, computed off the event loop. */
  private record Inspected(ImageInfo image, String sha256, byte[] fingerprint) {}

  public Future<UploadResult> upload(UploadRequest request) {
    long deadline = System.nanoTime() + commitDeadline.toNanos();
    String title;
    try {
      title = validTitle(request.title());
    } catch (PicShareException e) {
      return Future.failedFuture(e);
    }
    if (request.bytes().length == 0) {
      return Future.failedFuture(PicShareException.invalid("the file part is empty"));
    }
    Optional<String> key = request.idempotencyKey();
    if (key.isPresent() && !IdempotencyRowKey.isValidKey(key.get())) {
      return Future.failedFuture(
          PicShareException.invalid("Idempotency-Key must be 1 to 128 visible ASCII characters"));
    }
    Principal uploader = request.uploader();
    return cpu.executeBlocking(() -> inspect(title, request.bytes()), false)
        .compose(
            inspected -> {
              if (key.isEmpty()) {
                return storeRetryingCollision(uploader, title, request.bytes(), inspected, deadline)
                    .map(photo -> new UploadResult(photo, false));
              }
              return Future.<Long>future(id -> id.complete(ids.next()))
                  .compose(
                      plannedId ->
                          idempotency.claim(
                              uploader.userId(), key.get(), plannedId, inspected.fingerprint()))
                  .compose(
                      decision -> {
                        if (decision instanceof UploadIdempotency.Decision.Replay replay) {
                          return reads
                              .find(replay.photoId())
                              .map(photo -> new UploadResult(photo, true));
                        }
                        IdempotencyStore.Claim claim =
                            ((UploadIdempotency.Decision.Create) decision).claim();
                        return store(
                                uploader,
                                title,
                                request.bytes(),
                                inspected,
                                claim.plannedPhotoId(),
                                deadline)
                            .compose(
                                photo ->
                                    idempotency
                                        .complete(claim, photo.record().photoId())
                                        .map(new UploadResult(photo, false)))
                            .recover(
                                error ->
                                    error instanceof CommitUnknown
                                        ? Future.failedFuture(error)
                                        : idempotency
                                            .release(claim)
                                            .transform(ignored -> Future.failedFuture(error)));
                      });
            });
  }

  /**
   * Without a key the photo id is free to change: an id collision is retried once with a new one.
   */
  private Future<StoredPhoto> storeRetryingCollision(
      Principal uploader, String title, byte[] bytes, Inspected inspected, long deadline) {
    return Future.<Long>future(id -> id.complete(ids.next()))
        .compose(photoId -> store(uploader, title, bytes, inspected, photoId, deadline))
        .recover(
            error ->
                error instanceof IdCollision
                    ? Future.<Long>future(id -> id.complete(ids.next()))
                        .compose(
                            photoId -> store(uploader, title, bytes, inspected, photoId, deadline))
                    : Future.failedFuture(error));
  }

  private Inspected inspect(String title, byte[] bytes) {
    ImageInfo image;
    try {
      image = inspector.inspect(bytes);
    } catch (ImageRejectedException e) {
      ErrorCode code =
          e.reason() == ImageRejectedException.Reason.UNSUPPORTED_TYPE
              ? ErrorCode.UNSUPPORTED_MEDIA_TYPE
              : ErrorCode.INVALID_IMAGE;
      throw new PicShareException(code, e.getMessage());
    }
    byte[] digest = sha256().digest(bytes);
    MessageDigest fingerprint = sha256();
    fingerprint.update(title.getBytes(StandardCharsets.UTF_8));
    fingerprint.update((byte) 0);
    fingerprint.update(digest);
    return new Inspected(image, HexFormat.of().formatHex(digest), fingerprint.digest());
  }

  private Future<StoredPhoto> store(
      Principal uploader,
      String title,
      byte[] bytes,
      Inspected inspected,
      long photoId,
      long deadline) {
    ImageInfo image = inspected.image();
    String path = PhotoPaths.incoming(photoId, image.format().extension());
    PhotoRecord record =
        new PhotoRecord(
            photoId,
            uploader.userId(),
            title,
            image.format().mimeType(),
            bytes.length,
            image.width(),
            image.height(),
            image.orientation(),
            image.location().map(GeoPoint::latitude).orElse(null),
            image.location().map(GeoPoint::longitude).orElse(null),
            inspected.sha256(),
            BlobLocation.wholeFile(path, bytes.length),
            clock.millis());
    StoredPhoto photo = new StoredPhoto(record, uploader.username(), 0);
    OutboxStore.Entry event = events.entry(ids.next(), PhotoEvent.Type.UPLOADED, photo);
    // The bytes, the event and the id lookup are written at once (none is visible alone); the
    // photo row, the commit point, only after all three. join waits for all, so an undo never
    // races a write still in flight.
    Future<Void> blob = blobs.write(path, bytes);
    Future<Void> appended = Async.of(outbox.append(event));
    Future<Boolean> lookup = Async.of(photos.insertLookupIfAbsent(record));
    Supplier<Future<Void>> undo = () -> undo(record, event, blob, appended, lookup);
    return Future.join(blob, appended, lookup)
        .compose(
            written -> {
              if (!lookup.result()) {
                return Future.failedFuture(new IdCollision(photoId));
              }
              if (System.nanoTime() - deadline > 0) {
                return Future.failedFuture(
                    new PicShareException(
                        ErrorCode.SERVICE_UNAVAILABLE,
                        "storage is too slow right now; the photo was not stored, retry later"));
              }
              return Future.<Void>succeededFuture();
            })
        .recover(error -> undone(record, undo, error))
        .compose(ready -> commit(record, undo))
        .compose(
            committed ->
                Async.of(users.addToPhotoCount(uploader.userId(), 1))
                    .onFailure(
                        error ->
                            LOG.warn(
                                "photo count of user {} not incremented (repair heals it): {}",
                                uploader.userId(),
                                error.toString()))
                    .otherwiseEmpty())
        .map(photo);
  }

  /**
   * Writes the photo row. When HBase cannot say whether that write landed (its reply was lost and
   * no read can tell yet), the attempt fails with its writes left in place: the row may still land,
   * a complete photo, and a retry with the same key replays it. A cleanup would race that write.
   */
  private Future<Void> commit(PhotoRecord record, Supplier<Future<Void>> undo) {
    return Async.of(photos.insertRowIfAbsent(record))
        .recover(
            error ->
                Async.of(photos.find(record.ownerId(), record.photoId()))
                    .transform(
                        found ->
                            found.succeeded() && found.result().isPresent()
                                ? Future.succeededFuture(true)
                                : Future.failedFuture(new CommitUnknown(record.photoId(), error))))
        .compose(
            inserted ->
                inserted
                    ? Future.<Void>succeededFuture()
                    : undone(record, undo, new IdCollision(record.photoId())));
  }

  /** Runs {@code undo} (after a failure before the commit), then fails with {@code error}. */
  private static Future<Void> undone(
      PhotoRecord record, Supplier<Future<Void>> undo, Throwable error) {
    LOG.warn(
        "upload of photo {} failed, removing what was written: {}",
        PublicIds.encode(record.photoId()),
        error.toString());
    return undo.get().transform(ignored -> Future.failedFuture(unavailable(error)));
  }

  /** Removes exactly what this attempt wrote; each removal is best effort. */
  private Future<Void> undo(
      PhotoRecord record,
      OutboxStore.Entry event,
      Future<Void> blob,
      Future<Void> appended,
      Future<Boolean> lookup) {
    Future<?> undoLookup =
        lookup.succeeded() && lookup.result()
            ? Async.of(photos.deleteLookup(record.photoId(), record.ownerId())).otherwiseEmpty()
            : Future.succeededFuture();
    Future<?> undoEvent =
        appended.succeeded()
            ? Async.of(outbox.remove(event)).otherwiseEmpty()
            : Future.succeededFuture();
    Future<?> undoBlob =
        blob.succeeded()
            ? blobs.delete(record.location().path()).otherwise(false)
            : Future.succeededFuture();
    return Future.join(undoLookup, undoEvent, undoBlob).mapEmpty();
  }

  private static Throwable unavailable(Throwable error) {
    return error instanceof PicShareException || error instanceof IdCollision
        ? error
        : new PicShareException(
            ErrorCode.SERVICE_UNAVAILABLE,
            "storage is unavailable; the photo was not stored, retry later");
  }

  /**
   * The photo row's write failed without saying whether it landed: the key stays claimed (never
   * released), so a retry replays the photo if it appears and takes the key over if it does not.
   */
  static final class CommitUnknown extends PicShareException {
    private static final long serialVersionUID = 1L;

    CommitUnknown(long photoId, Throwable cause) {
      super(
          ErrorCode.SERVICE_UNAVAILABLE,
          "storage did not confirm photo "
              + PublicIds.encode(photoId)
              + "; retry with the same Idempotency-Key to learn whether it was stored");
      initCause(cause);
    }
  }

  /** The photo id is taken by another photo (two generators issued it): nothing was overwritten. */
  static final class IdCollision extends PicShareException {
    private static final long serialVersionUID = 1L;

    IdCollision(long photoId) {
      super(
          ErrorCode.SERVICE_UNAVAILABLE,
          "photo id " + PublicIds.encode(photoId) + " is taken; retry");
    }
  }

  private static String validTitle(String title) {
    String stripped = title == null ? "" : title.strip();
    if (stripped.isEmpty()) {
      throw PicShareException.invalid("title is required");
    }
    if (stripped.codePointCount(0, stripped.length()) > MAX_TITLE_LENGTH) {
      throw PicShareException.invalid("title is longer than " + MAX_TITLE_LENGTH + " characters");
    }
    if (stripped.codePoints().anyMatch(Character::isISOControl)) {
      throw PicShareException.invalid("title contains control characters");
    }
    return stripped;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
