package io.picshare.api.domain.photo;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.Async;
import io.picshare.api.domain.Paging;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.data.PhotoRow;
import io.picshare.data.PhotoStore;
import io.picshare.data.UserStore;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.record.BlobLocation;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reading photos: one by id, a user's newest first, and their bytes, original or display rendition
 * (small content from a cache of immutable bytes; whether a photo exists is always asked of the
 * store).
 */
public final class PhotoReadService {
  /** Uncacheable content longer than this is streamed rather than read into memory whole. */
  public static final long STREAM_ABOVE_BYTES = 1024 * 1024;

  private final PhotoStore photos;
  private final UserStore users;
  private final BlobStore blobs;
  private final UsernameCache usernames;
  private final ContentCache content;

  public PhotoReadService(
      PhotoStore photos, UserStore users, BlobStore blobs, long contentCacheBytes) {
    this.photos = requireNonNull(photos, "photos is null");
    this.users = requireNonNull(users, "users is null");
    this.blobs = requireNonNull(blobs, "blobs is null");
    this.usernames = new UsernameCache(users);
    this.content = new ContentCache(contentCacheBytes);
  }

  /** The photo with this public id; {@code NOT_FOUND} if there is none (or the id is malformed). */
  public Future<StoredPhoto> find(String publicId) {
    OptionalLong photoId = PublicIds.decode(publicId);
    return photoId.isEmpty()
        ? Future.failedFuture(noSuchPhoto(publicId))
        : find(photoId.getAsLong());
  }

  Future<StoredPhoto> find(long photoId) {
    return Async.of(photos.find(photoId))
        .compose(
            row ->
                row.isEmpty()
                    ? Future.failedFuture(noSuchPhoto(PublicIds.encode(photoId)))
                    : usernames
                        .of(row.get().record().ownerId())
                        .map(username -> StoredPhoto.of(row.get(), username)));
  }

  /**
   * The photos with these public ids that exist, by public id (malformed, unknown and deleted ids
   * are left out): each id's owner from the lookup (kept per process), then every photo row in one
   * multi-get.
   */
  public Future<Map<String, StoredPhoto>> findAll(Collection<String> publicIds) {
    Map<Long, String> wanted = new LinkedHashMap<>();
    for (String publicId : publicIds) {
      PublicIds.decode(publicId).ifPresent(id -> wanted.put(id, publicId));
    }
    List<Long> ids = List.copyOf(wanted.keySet());
    List<Future<OptionalLong>> owners =
        ids.stream().map(id -> Async.of(photos.ownerOf(id))).toList();
    return Future.all(owners)
        .compose(
            looked -> {
              List<UserPhotoRowKey> keys = new ArrayList<>();
              for (int i = 0; i < ids.size(); i++) {
                OptionalLong owner = owners.get(i).result();
                if (owner.isPresent()) {
                  keys.add(new UserPhotoRowKey(owner.getAsLong(), ids.get(i)));
                }
              }
              return Async.of(photos.findAll(keys));
            })
        .compose(
            rows -> {
              List<Future<StoredPhoto>> found = new ArrayList<>();
              for (Optional<PhotoRow> row : rows) {
                row.ifPresent(
                    photo ->
                        found.add(
                            usernames
                                .of(photo.record().ownerId())
                                .map(username -> StoredPhoto.of(photo, username))));
              }
              return Future.all(found)
                  .map(
                      all -> {
                        Map<String, StoredPhoto> byId = new HashMap<>();
                        found.forEach(
                            photo ->
                                byId.put(
                                    wanted.get(photo.result().record().photoId()), photo.result()));
                        return byId;
                      });
            });
  }

  /**
   * What {@code viewer} gets for {@code size} of the photo with this public id ({@link
   * PhotoContent#choose}).
   */
  public Future<PhotoContent> content(
      Optional<Principal> viewer, String publicId, ContentSize size) {
    return find(publicId).map(photo -> PhotoContent.choose(viewer, photo, size));
  }

  /** {@code length} bytes of the content at {@code location} from {@code offset}. */
  public Future<byte[]> readContent(BlobLocation location, long offset, int length) {
    if (!ContentCache.fits(location)) {
      return blobs.read(location.path(), location.offset() + offset, length);
    }
    Future<byte[]> whole =
        content
            .get(location)
            .map(Future::succeededFuture)
            .orElseGet(
                () ->
                    blobs
                        .read(
                            location.path(), location.offset(), Math.toIntExact(location.length()))
                        .onSuccess(bytes -> content.put(location, bytes)));
    return whole.map(
        bytes ->
            offset == 0 && length == bytes.length
                ? bytes
                : Arrays.copyOfRange(
                    bytes, Math.toIntExact(offset), Math.toIntExact(offset + length)));
  }

  /**
   * Whether {@code length} bytes at {@code location} should be streamed ({@link #streamContent})
   * rather than read whole: more than {@link #STREAM_ABOVE_BYTES} of content too large to cache.
   */
  public boolean streamsContent(BlobLocation location, long length) {
    return length > STREAM_ABOVE_BYTES && !ContentCache.fits(location);
  }

  /**
   * {@code length} bytes of the content at {@code location} from {@code offset}, streamed from
   * storage with backpressure.
   */
  public Future<ReadStream<Buffer>> streamContent(BlobLocation location, long offset, long length) {
    return blobs.openRange(location.path(), location.offset() + offset, length);
  }

  public Future<PhotoPage> list(String username, Optional<String> cursor, int limit) {
    OptionalLong start;
    try {
      Paging.requireLimit(limit);
      start = Paging.after(cursor);
    } catch (PicShareException e) {
      return Future.failedFuture(e);
    }
    return Async.of(users.findByUsername(username))
        .compose(
            account -> {
              if (account.isEmpty()) {
                return Future.failedFuture(
                    PicShareException.notFound("no user named '" + username + "'"));
              }
              String owner = account.get().user().username();
              return Async.of(photos.listByOwner(account.get().user().userId(), start, limit + 1))
                  .map(
                      rows -> {
                        List<StoredPhoto> page =
                            rows.stream()
                                .limit(limit)
                                .map(row -> StoredPhoto.of(row, owner))
                                .toList();
                        Optional<String> next =
                            rows.size() > limit
                                ? Optional.of(
                                    PublicIds.encode(page.get(page.size() - 1).record().photoId()))
                                : Optional.empty();
                        return new PhotoPage(page, next);
                      });
            });
  }

  static PicShareException noSuchPhoto(String publicId) {
    return PicShareException.notFound("no photo with id '" + publicId + "'");
  }
}
