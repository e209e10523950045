package io.picshare.api.domain.photo;

import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.events.PhotoEvent;
import io.picshare.api.events.PhotoEventCodec;
import io.picshare.api.storage.HdfsBlobStore;
import io.picshare.api.storage.IdempotencyStore;
import io.picshare.api.storage.OutboxRepository;
import io.picshare.api.storage.PhotoRepository;
import io.picshare.api.storage.UserRepository;
import io.picshare.media.GeoPoint;
import io.picshare.media.ImageInfo;
import io.picshare.media.ImageInspector;
import io.picshare.media.ImageRejectedException;
import io.picshare.schema.blob.PhotoPaths;
import io.picshare.schema.id.IdGenerator;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.key.IdempotencyRowKey;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploading, reading, listing and deleting photos. An upload is acknowledged only once its bytes
 * are durable on every HDFS replica and its metadata row is written; if any step fails, what was
 * written is removed again, so no half-stored photo is ever visible.
 */
public final class PhotoService {
  public static final int MAX_TITLE_LENGTH = 200;
  /** Uncacheable content longer than this is streamed rather than read into memory whole. */
  public static final long STREAM_ABOVE_BYTES = 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(PhotoService.class);

  private final PhotoRepository photos;
  private final UserRepository users;
  private final HdfsBlobStore blobs;
  private final IdempotencyStore idempotency;
  private final OutboxRepository outbox;
  private final ImageInspector inspector;
  private final IdGenerator ids;
  private final Clock clock;
  private final WorkerExecutor cpu;
  private final UsernameCache usernames;
  private final ContentCache content;

  public PhotoService(PhotoRepository photos, UserRepository users, HdfsBlobStore blobs, IdempotencyStore idempotency,
      OutboxRepository outbox, ImageInspector inspector, IdGenerator ids, Clock clock, WorkerExecutor cpu,
      long contentCacheBytes) {
    this.photos = photos;
    this.users = users;
    this.blobs = blobs;
    this.idempotency = idempotency;
    this.outbox = outbox;
    this.inspector = inspector;
    this.ids = ids;
    this.clock = clock;
    this.cpu = cpu;
    this.usernames = new UsernameCache(users);
    this.content = new ContentCache(contentCacheBytes);
  }

  /** The facts an upload is checked and stored with, computed off the event loop. */
  private record Inspected(ImageInfo image, String sha256, byte[] fingerprint) {}

  public Future<UploadResult> upload(UploadRequest request) {
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
      return Future.failedFuture(PicShareException.invalid("Idempotency-Key must be 1 to 128 visible ASCII characters"));
    }
    Principal uploader = request.uploader();
    return cpu.executeBlocking(() -> inspect(title, request.bytes()), false).compose(inspected -> {
      if (key.isEmpty()) {
        return store(uploader, title, request.bytes(), inspected).map(photo -> new UploadResult(photo, false));
      }
      return idempotency.claim(uploader.userId(), key.get(), inspected.fingerprint()).compose(claim -> {
        if (claim instanceof IdempotencyStore.Claim.Completed completed) {
          return find(completed.photoId()).map(photo -> new UploadResult(photo, true));
        }
        return store(uploader, title, request.bytes(), inspected)
            .compose(photo -> idempotency.complete(uploader.userId(), key.get(), photo.record().photoId())
                .map(new UploadResult(photo, false)))
            .recover(error -> idempotency.release(uploader.userId(), key.get())
                .transform(ignored -> Future.failedFuture(error)));
      });
    });
  }

  private Inspected inspect(String title, byte[] bytes) {
    ImageInfo image;
    try {
      image = inspector.inspect(bytes);
    } catch (ImageRejectedException e) {
      ErrorCode code = e.reason() == ImageRejectedException.Reason.UNSUPPORTED_TYPE
          ? ErrorCode.UNSUPPORTED_MEDIA_TYPE
          : ErrorCode.INVALID_IMAGE;
      throw new PicShareException(code, e.getMessage());
    }
    byte[] digest = sha256(bytes);
    MessageDigest fingerprint = sha256();
    fingerprint.update(title.getBytes(StandardCharsets.UTF_8));
    fingerprint.update((byte) 0);
    fingerprint.update(digest);
    return new Inspected(image, HexFormat.of().formatHex(digest), fingerprint.digest());
  }

  private Future<StoredPhoto> store(Principal uploader, String title, byte[] bytes, Inspected inspected) {
    long photoId = ids.next();
    long now = clock.millis();
    ImageInfo image = inspected.image();
    String path = PhotoPaths.incoming(photoId, image.format().extension());
    PhotoRecord record = new PhotoRecord(photoId, uploader.userId(), title, image.format().mimeType(), bytes.length,
        image.width(), image.height(), image.orientation(),
        image.location().map(GeoPoint::latitude).orElse(null),
        image.location().map(GeoPoint::longitude).orElse(null),
        inspected.sha256(), BlobLocation.wholeFile(path, bytes.length), now);
    StoredPhoto photo = new StoredPhoto(record, uploader.username());
    // The bytes, the event and the id lookup are written at once (none is visible alone); the
    // photo row, the commit point, only after all three. join waits for all, so an undo never
    // races a write still in flight.
    return Future.join(blobs.write(path, bytes), outbox.append(event(PhotoEvent.Type.UPLOADED, photo)),
            photos.insertLookup(record))
        .compose(written -> photos.insertRow(record))
        .recover(error -> undoUpload(record, error))
        .compose(stored -> users.addToPhotoCount(uploader.userId(), 1)
            .onFailure(error -> LOG.warn("photo count of user {} not incremented: {}", uploader.userId(), error.toString()))
            .otherwiseEmpty())
        .map(photo);
  }

  /**
   * After a failed metadata write: if the photo row exists after all (the failure was a lost
   * reply), the upload succeeded; otherwise remove the lookup and the file and fail.
   */
  private Future<Void> undoUpload(PhotoRecord record, Throwable error) {
    return photos.find(record.ownerId(), record.photoId()).compose(found -> {
      if (found.isPresent()) {
        return Future.succeededFuture();
      }
      LOG.warn("upload of photo {} failed, removing what was written: {}", PublicIds.encode(record.photoId()), error.toString());
      return photos.deleteLookup(record.photoId()).otherwiseEmpty()
          .compose(ignored -> blobs.delete(record.location().path()).otherwise(false))
          .compose(ignored -> Future.failedFuture(unavailable(error)));
    }, lookupError -> Future.failedFuture(unavailable(error)));
  }

  private static Throwable unavailable(Throwable error) {
    return error instanceof PicShareException ? error
        : new PicShareException(ErrorCode.SERVICE_UNAVAILABLE, "storage is unavailable; the photo was not stored, retry later");
  }

  private OutboxRepository.Entry event(PhotoEvent.Type type, StoredPhoto photo) {
    long eventId = ids.next();
    long now = clock.millis();
    byte[] payload = PhotoEventCodec.encode(new PhotoEvent(eventId, type, now, photo.ownerUsername(), photo.record()));
    return new OutboxRepository.Entry(eventId, type.topic(), PublicIds.encode(photo.record().photoId()), payload, now);
  }

  /** The photo with this public id; {@code NOT_FOUND} if there is none (or the id is malformed). */
  public Future<StoredPhoto> find(String publicId) {
    OptionalLong photoId = PublicIds.decode(publicId);
    return photoId.isEmpty() ? Future.failedFuture(noSuchPhoto(publicId)) : find(photoId.getAsLong());
  }

  private Future<StoredPhoto> find(long photoId) {
    return photos.find(photoId).compose(record -> record.isEmpty()
        ? Future.failedFuture(noSuchPhoto(PublicIds.encode(photoId)))
        : usernames.of(record.get().ownerId()).map(username -> new StoredPhoto(record.get(), username)));
  }

  /** {@code length} bytes of the photo's content from {@code offset}. */
  public Future<byte[]> readContent(StoredPhoto photo, long offset, int length) {
    BlobLocation location = photo.record().location();
    if (!ContentCache.fits(location)) {
      return blobs.read(location.path(), location.offset() + offset, length);
    }
    Future<byte[]> whole = content.get(location).map(Future::succeededFuture).orElseGet(() ->
        blobs.read(location.path(), location.offset(), Math.toIntExact(location.length())).onSuccess(bytes ->
            content.put(location, bytes)));
    return whole.map(bytes -> offset == 0 && length == bytes.length
        ? bytes
        : Arrays.copyOfRange(bytes, Math.toIntExact(offset), Math.toIntExact(offset + length)));
  }

  /**
   * Whether {@code length} bytes of the photo should be streamed ({@link #streamContent}) rather
   * than read whole: more than {@link #STREAM_ABOVE_BYTES} of a photo too large to cache.
   */
  public boolean streamsContent(StoredPhoto photo, long length) {
    return length > STREAM_ABOVE_BYTES && !ContentCache.fits(photo.record().location());
  }

  /** {@code length} bytes of the photo from {@code offset}, streamed from HDFS with backpressure. */
  public Future<ReadStream<Buffer>> streamContent(StoredPhoto photo, long offset, long length) {
    BlobLocation location = photo.record().location();
    return blobs.openRange(location.path(), location.offset() + offset, length);
  }

  public Future<PhotoPage> list(String username, Optional<String> cursor, int limit) {
    if (limit < 1 || limit > 100) {
      return Future.failedFuture(PicShareException.invalid("limit must be between 1 and 100"));
    }
    OptionalLong after = OptionalLong.empty();
    if (cursor.isPresent()) {
      after = PublicIds.decode(cursor.get());
      if (after.isEmpty()) {
        return Future.failedFuture(PicShareException.invalid("cursor is not one this API issued"));
      }
    }
    OptionalLong start = after;
    return users.findByUsername(username).compose(account -> {
      if (account.isEmpty()) {
        return Future.failedFuture(PicShareException.notFound("no user named '" + username + "'"));
      }
      String owner = account.get().user().username();
      return photos.listByOwner(account.get().user().userId(), start, limit + 1).map(records -> {
        List<StoredPhoto> page = records.stream().limit(limit).map(record -> new StoredPhoto(record, owner)).toList();
        Optional<String> next = records.size() > limit
            ? Optional.of(PublicIds.encode(page.get(page.size() - 1).record().photoId()))
            : Optional.empty();
        return new PhotoPage(page, next);
      });
    });
  }

  /** Deletes the photo if {@code requester} owns it; its bytes are reclaimed later by batch. */
  public Future<Void> delete(Principal requester, String publicId) {
    return find(publicId).compose(photo -> {
      if (photo.record().ownerId() != requester.userId()) {
        return Future.failedFuture(new PicShareException(ErrorCode.FORBIDDEN, "only the owner may delete a photo"));
      }
      return outbox.append(event(PhotoEvent.Type.DELETED, photo))
          .compose(appended -> photos.delete(photo.record()))
          .compose(deleted -> users.addToPhotoCount(requester.userId(), -1).otherwiseEmpty());
    });
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

  private static PicShareException noSuchPhoto(String publicId) {
    return PicShareException.notFound("no photo with id '" + publicId + "'");
  }

  private static byte[] sha256(byte[] bytes) {
    return sha256().digest(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
