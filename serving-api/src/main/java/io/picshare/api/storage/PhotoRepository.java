package io.picshare.api.storage;

import io.picshare.schema.key.PhotoIdRowKey;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.table.PhotoIdsTable;
import io.picshare.schema.table.PhotosTable;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Photo metadata in HBase: the photo row under its owner ({@code photos}, newest first) and the
 * photo-id lookup ({@code photo_ids}). The photo row is the commit point: a photo is visible
 * once it is written and gone once it is deleted; the lookup is written before and removed after
 * it, so no half-written photo is ever visible.
 */
public final class PhotoRepository {
  private final HBaseClient hbase;
  /** Photo id to owner id. Ownership never changes, so entries never go stale. */
  private final Cache<Long, Long> owners = Caffeine.newBuilder().maximumSize(1_000_000).build();

  public PhotoRepository(HBaseClient hbase) {
    this.hbase = hbase;
  }

  /** Writes the photo-id lookup: invisible on its own, so it must come before {@link #insertRow}. */
  public Future<Void> insertLookup(PhotoRecord photo) {
    return hbase.connection().compose(connection ->
        AsyncBridge.toFuture(connection.getTable(PhotoIdsTable.NAME).put(photo.toOwnerLookupPut())));
  }

  /** Writes the photo row: the commit point, after which the photo is visible. */
  public Future<Void> insertRow(PhotoRecord photo) {
    return hbase.connection().compose(connection ->
        AsyncBridge.toFuture(connection.getTable(PhotosTable.NAME).put(photo.toPut())));
  }

  /** Removes the lookup only: cleanup for an upload that failed before its photo row was written. */
  public Future<Void> deleteLookup(long photoId) {
    return hbase.connection().compose(connection -> AsyncBridge.toFuture(
        connection.getTable(PhotoIdsTable.NAME).delete(new Delete(new PhotoIdRowKey(photoId).encode()))));
  }

  public Future<OptionalLong> ownerOf(long photoId) {
    Long cached = owners.getIfPresent(photoId);
    if (cached != null) {
      return Future.succeededFuture(OptionalLong.of(cached));
    }
    return hbase.connection().compose(connection -> AsyncBridge.toFuture(
            connection.getTable(PhotoIdsTable.NAME).get(new Get(new PhotoIdRowKey(photoId).encode())))
        .map(result -> {
          byte[] owner = result.getValue(PhotoIdsTable.OWNER, PhotoIdsTable.USER_ID);
          if (owner == null) {
            return OptionalLong.empty();
          }
          owners.put(photoId, Bytes.toLong(owner));
          return OptionalLong.of(Bytes.toLong(owner));
        }));
  }

  /** The photo, looked up by id: its owner (cached), then its row, which decides whether it exists. */
  public Future<Optional<PhotoRecord>> find(long photoId) {
    return ownerOf(photoId).compose(owner -> owner.isEmpty()
        ? Future.succeededFuture(Optional.empty())
        : find(owner.getAsLong(), photoId));
  }

  public Future<Optional<PhotoRecord>> find(long ownerId, long photoId) {
    return hbase.connection().compose(connection -> AsyncBridge.toFuture(
            connection.getTable(PhotosTable.NAME).get(new Get(new UserPhotoRowKey(ownerId, photoId).encode())))
        .map(result -> result.isEmpty() ? Optional.empty() : Optional.of(PhotoRecord.fromResult(result))));
  }

  /** Up to {@code limit} of the owner's photos, newest first, older than {@code after} when given. */
  public Future<List<PhotoRecord>> listByOwner(long ownerId, OptionalLong after, int limit) {
    byte[] start = after.isPresent()
        ? UserPhotoRowKey.startAfter(ownerId, after.getAsLong())
        : UserPhotoRowKey.userPrefix(ownerId);
    Scan scan = new Scan().withStartRow(start).withStopRow(UserPhotoRowKey.userStopRow(ownerId))
        .setLimit(limit).setCaching(limit);
    return hbase.connection().compose(connection ->
        AsyncBridge.toFuture(connection.getTable(PhotosTable.NAME).scanAll(scan)).map(results -> {
          List<PhotoRecord> photos = new ArrayList<>(results.size());
          for (Result result : results) {
            photos.add(PhotoRecord.fromResult(result));
          }
          return photos;
        }));
  }

  /** Deletes the photo row (the photo disappears), then its lookup. */
  public Future<Void> delete(PhotoRecord photo) {
    return hbase.connection().compose(connection ->
        AsyncBridge.toFuture(connection.getTable(PhotosTable.NAME).delete(new Delete(photo.rowKey().encode())))
            .compose(ignored -> deleteLookup(photo.photoId())));
  }
}
