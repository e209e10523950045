package io.picshare.data.hbase;

import static io.picshare.schema.table.PhotosTable.DELETION_EVENT;
import static io.picshare.schema.table.PhotosTable.METADATA;
import static io.picshare.schema.table.PhotosTable.SHA256;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.picshare.data.PhotoRow;
import io.picshare.data.PhotoState;
import io.picshare.data.PhotoStore;
import io.picshare.schema.key.PhotoIdRowKey;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.record.RenditionSet;
import io.picshare.schema.table.PhotoIdsTable;
import io.picshare.schema.table.PhotosTable;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.hbase.CompareOperator;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.CheckAndMutateResult;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Increment;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.filter.Filter;
import org.apache.hadoop.hbase.filter.FilterList;
import org.apache.hadoop.hbase.filter.SingleColumnValueFilter;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@link PhotoStore} on {@code picshare:photos} and {@code picshare:photo_ids}. A deletion is a
 * compare-and-set mark on the photo row (it must exist, unmarked), then the winning event id in the
 * lookup, then removal of the row; marked rows are filtered out of every read.
 */
public final class HBasePhotoStore implements PhotoStore {
  /**
   * Never written to the cells it guards (deletion marks, rendition sets and failures are never
   * empty): a cell equal to it means none.
   */
  private static final byte[] NO_MARK = new byte[0];

  private final HBaseConnection hbase;

  /** Photo id to owner id. Ownership never changes, so entries never go stale. */
  private final Cache<Long, Long> owners = Caffeine.newBuilder().maximumSize(1_000_000).build();

  public HBasePhotoStore(HBaseConnection hbase) {
    this.hbase = hbase;
  }

  @Override
  public CompletableFuture<Boolean> insertLookupIfAbsent(PhotoRecord photo) {
    byte[] row = new PhotoIdRowKey(photo.photoId()).encode();
    CheckAndMutate insert =
        CheckAndMutate.newBuilder(row)
            .ifNotExists(PhotoIdsTable.OWNER, PhotoIdsTable.USER_ID)
            .build(photo.toOwnerLookupPut());
    return hbase
        .table(PhotoIdsTable.NAME)
        .thenCompose(table -> table.checkAndMutate(insert))
        .thenApply(CheckAndMutateResult::isSuccess);
  }

  @Override
  public CompletableFuture<Boolean> insertRowIfAbsent(PhotoRecord photo) {
    CheckAndMutate insert =
        CheckAndMutate.newBuilder(photo.rowKey().encode())
            .ifNotExists(METADATA, SHA256)
            .build(photo.toPut());
    // A write whose reply was lost is retried and fails its own check: the row is then ours.
    return hbase
        .table(PhotosTable.NAME)
        .thenCompose(table -> table.checkAndMutate(insert))
        .thenCompose(
            inserted ->
                inserted.isSuccess()
                    ? CompletableFuture.completedFuture(true)
                    : row(photo.ownerId(), photo.photoId())
                        .thenApply(
                            existing ->
                                !existing.isEmpty()
                                    && PhotoRecord.fromResult(existing).equals(photo)));
  }

  @Override
  public CompletableFuture<Void> deleteLookup(long photoId, long ownerId) {
    byte[] row = new PhotoIdRowKey(photoId).encode();
    CheckAndMutate delete =
        CheckAndMutate.newBuilder(row)
            .ifEquals(PhotoIdsTable.OWNER, PhotoIdsTable.USER_ID, Bytes.toBytes(ownerId))
            .build(new Delete(row));
    return hbase
        .table(PhotoIdsTable.NAME)
        .thenCompose(table -> table.checkAndMutate(delete))
        .thenApply(done -> null);
  }

  @Override
  public CompletableFuture<OptionalLong> ownerOf(long photoId) {
    Long cached = owners.getIfPresent(photoId);
    if (cached != null) {
      return CompletableFuture.completedFuture(OptionalLong.of(cached));
    }
    return lookup(photoId)
        .thenApply(
            result -> {
              byte[] owner = result.getValue(PhotoIdsTable.OWNER, PhotoIdsTable.USER_ID);
              if (owner == null) {
                return OptionalLong.empty();
              }
              owners.put(photoId, Bytes.toLong(owner));
              return OptionalLong.of(Bytes.toLong(owner));
            });
  }

  private CompletableFuture<Result> lookup(long photoId) {
    return hbase
        .table(PhotoIdsTable.NAME)
        .thenCompose(table -> table.get(new Get(new PhotoIdRowKey(photoId).encode())));
  }

  @Override
  public CompletableFuture<Optional<PhotoRow>> find(long photoId) {
    return ownerOf(photoId)
        .thenCompose(
            owner ->
                owner.isEmpty()
                    ? CompletableFuture.completedFuture(Optional.empty())
                    : find(owner.getAsLong(), photoId));
  }

  @Override
  public CompletableFuture<Optional<PhotoRow>> find(long ownerId, long photoId) {
    return row(ownerId, photoId)
        .thenApply(result -> live(result) ? Optional.of(photoRow(result)) : Optional.empty());
  }

  @Override
  public CompletableFuture<List<Optional<PhotoRow>>> findAll(List<UserPhotoRowKey> keys) {
    if (keys.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<Get> gets = keys.stream().map(key -> new Get(key.encode())).toList();
    return hbase
        .table(PhotosTable.NAME)
        .thenCompose(table -> table.getAll(gets))
        .thenApply(
            results ->
                results.stream()
                    .map(
                        result ->
                            live(result)
                                ? Optional.of(photoRow(result))
                                : Optional.<PhotoRow>empty())
                    .toList());
  }

  /**
   * Committed and not marked deleted. (A like counted while its photo was purged can leave a row
   * holding only the counter.)
   */
  private static boolean live(Result result) {
    return result.containsColumn(METADATA, SHA256) && !marked(result);
  }

  private static PhotoRow photoRow(Result result) {
    byte[] likes = result.getValue(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT);
    byte[] renditions = result.getValue(METADATA, PhotosTable.RENDITIONS);
    byte[] failure = result.getValue(METADATA, PhotosTable.RENDITION_FAILURE);
    return new PhotoRow(
        PhotoRecord.fromResult(result),
        likes == null ? 0 : Math.max(0, Bytes.toLong(likes)),
        renditions == null ? Optional.empty() : Optional.of(RenditionSet.decode(renditions)),
        failure == null ? Optional.empty() : Optional.of(Bytes.toString(failure)));
  }

  @Override
  public CompletableFuture<Void> addToLikeCount(PhotoRecord photo, long delta) {
    Increment increment =
        new Increment(photo.rowKey().encode())
            .addColumn(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT, delta);
    return hbase
        .table(PhotosTable.NAME)
        .thenCompose(table -> table.increment(increment))
        .thenApply(result -> null);
  }

  private CompletableFuture<Result> row(long ownerId, long photoId) {
    return hbase
        .table(PhotosTable.NAME)
        .thenCompose(table -> table.get(new Get(new UserPhotoRowKey(ownerId, photoId).encode())));
  }

  private static boolean marked(Result result) {
    return result.containsColumn(METADATA, DELETION_EVENT);
  }

  @Override
  public CompletableFuture<List<PhotoRow>> listByOwner(
      long ownerId, OptionalLong after, int limit) {
    byte[] start =
        after.isPresent()
            ? UserPhotoRowKey.startAfter(ownerId, after.getAsLong())
            : UserPhotoRowKey.userPrefix(ownerId);
    Scan scan =
        new Scan()
            .withStartRow(start)
            .withStopRow(UserPhotoRowKey.userStopRow(ownerId))
            .setFilter(unmarked())
            .setLimit(limit)
            .setCaching(limit);
    return hbase
        .table(PhotosTable.NAME)
        .thenCompose(table -> table.scanAll(scan))
        .thenApply(
            results ->
                results.stream()
                    .filter(HBasePhotoStore::live)
                    .map(HBasePhotoStore::photoRow)
                    .toList());
  }

  /**
   * Passes rows without a deletion mark (a missing column passes; any 8-byte mark does not equal
   * NO_MARK).
   */
  private static SingleColumnValueFilter unmarked() {
    return absent(DELETION_EVENT);
  }

  @Override
  public CompletableFuture<Boolean> markDeleted(PhotoRecord photo, long deletionEventId) {
    Filter existsUnmarked =
        new FilterList(FilterList.Operator.MUST_PASS_ALL, sameContent(photo), unmarked());
    byte[] row = photo.rowKey().encode();
    CheckAndMutate mark =
        CheckAndMutate.newBuilder(row)
            .ifMatches(existsUnmarked)
            .build(
                new Put(row).addColumn(METADATA, DELETION_EVENT, Bytes.toBytes(deletionEventId)));
    return hbase
        .table(PhotosTable.NAME)
        .thenCompose(table -> table.checkAndMutate(mark))
        .thenApply(CheckAndMutateResult::isSuccess);
  }

  @Override
  public CompletableFuture<Void> purgeDeleted(PhotoRecord photo, long deletionEventId) {
    Put tombstone =
        new Put(new PhotoIdRowKey(photo.photoId()).encode())
            .addColumn(PhotoIdsTable.OWNER, PhotoIdsTable.USER_ID, Bytes.toBytes(photo.ownerId()))
            .addColumn(
                PhotoIdsTable.OWNER, PhotoIdsTable.DELETION_EVENT, Bytes.toBytes(deletionEventId));
    return hbase
        .table(PhotoIdsTable.NAME)
        .thenCompose(table -> table.put(tombstone))
        .thenCompose(written -> hbase.table(PhotosTable.NAME))
        .thenCompose(table -> table.delete(new Delete(photo.rowKey().encode())));
  }

  @Override
  public CompletableFuture<Boolean> recordRenditions(PhotoRecord photo, RenditionSet renditions) {
    byte[] encoded = renditions.encode();
    return recordOnce(photo, PhotosTable.RENDITIONS, encoded)
        .thenCompose(
            recorded ->
                recorded
                    ? CompletableFuture.completedFuture(true)
                    // a retried write whose first try landed fails its own check
                    : row(photo.ownerId(), photo.photoId())
                        .thenApply(
                            row ->
                                live(row)
                                    && Arrays.equals(
                                        row.getValue(METADATA, PhotosTable.RENDITIONS), encoded)));
  }

  @Override
  public CompletableFuture<Boolean> recordRenditionFailure(PhotoRecord photo, String reason) {
    return recordOnce(photo, PhotosTable.RENDITION_FAILURE, Bytes.toBytes(reason));
  }

  @Override
  public CompletableFuture<Boolean> moveOriginal(PhotoRecord photo, BlobLocation to) {
    return move(photo, PhotosTable.LOCATION, photo.location().encode(), to.encode());
  }

  @Override
  public CompletableFuture<Boolean> moveRenditions(
      PhotoRecord photo, RenditionSet from, RenditionSet to) {
    return move(photo, PhotosTable.RENDITIONS, from.encode(), to.encode());
  }

  /** Replaces {@code from} by {@code to} in {@code qualifier} of the live photo's row. */
  private CompletableFuture<Boolean> move(
      PhotoRecord photo, byte[] qualifier, byte[] from, byte[] to) {
    byte[] row = photo.rowKey().encode();
    SingleColumnValueFilter current =
        new SingleColumnValueFilter(METADATA, qualifier, CompareOperator.EQUAL, from);
    current.setFilterIfMissing(true);
    current.setLatestVersionOnly(true);
    CheckAndMutate move =
        CheckAndMutate.newBuilder(row)
            .ifMatches(
                new FilterList(
                    FilterList.Operator.MUST_PASS_ALL, sameContent(photo), unmarked(), current))
            .build(new Put(row).addColumn(METADATA, qualifier, to));
    return hbase
        .table(PhotosTable.NAME)
        .thenCompose(table -> table.checkAndMutate(move))
        .thenCompose(
            result ->
                result.isSuccess()
                    ? CompletableFuture.completedFuture(true)
                    // a retried write whose first try landed fails its own check
                    : row(photo.ownerId(), photo.photoId())
                        .thenApply(
                            found ->
                                live(found)
                                    && Arrays.equals(found.getValue(METADATA, qualifier), to)));
  }

  /**
   * Puts {@code value} in {@code qualifier} if the photo is live with the same content and has
   * neither renditions nor a rendition failure.
   */
  private CompletableFuture<Boolean> recordOnce(PhotoRecord photo, byte[] qualifier, byte[] value) {
    byte[] row = photo.rowKey().encode();
    CheckAndMutate record =
        CheckAndMutate.newBuilder(row)
            .ifMatches(
                new FilterList(
                    FilterList.Operator.MUST_PASS_ALL,
                    sameContent(photo),
                    unmarked(),
                    absent(PhotosTable.RENDITIONS),
                    absent(PhotosTable.RENDITION_FAILURE)))
            .build(new Put(row).addColumn(METADATA, qualifier, value));
    return hbase
        .table(PhotosTable.NAME)
        .thenCompose(table -> table.checkAndMutate(record))
        .thenApply(CheckAndMutateResult::isSuccess);
  }

  /** Passes a row whose {@code m:sh} is the photo's hash (the row exists, with these bytes). */
  private static SingleColumnValueFilter sameContent(PhotoRecord photo) {
    SingleColumnValueFilter exists =
        new SingleColumnValueFilter(
            METADATA, SHA256, CompareOperator.EQUAL, HexFormat.of().parseHex(photo.sha256()));
    exists.setFilterIfMissing(true);
    return exists;
  }

  /** Passes rows without {@code m:<qualifier>} (every value written there is non-empty). */
  private static SingleColumnValueFilter absent(byte[] qualifier) {
    SingleColumnValueFilter filter =
        new SingleColumnValueFilter(METADATA, qualifier, CompareOperator.EQUAL, NO_MARK);
    filter.setFilterIfMissing(false);
    filter.setLatestVersionOnly(true);
    return filter;
  }

  @Override
  public CompletableFuture<PhotoState> state(long photoId) {
    return lookup(photoId)
        .thenCompose(
            lookup -> {
              byte[] owner = lookup.getValue(PhotoIdsTable.OWNER, PhotoIdsTable.USER_ID);
              byte[] deletion = lookup.getValue(PhotoIdsTable.OWNER, PhotoIdsTable.DELETION_EVENT);
              if (deletion != null) {
                return CompletableFuture.completedFuture(
                    new PhotoState.Deleted(Bytes.toLong(deletion)));
              }
              if (owner == null) {
                return CompletableFuture.completedFuture(new PhotoState.Absent());
              }
              return row(Bytes.toLong(owner), photoId)
                  .thenApply(
                      row -> {
                        if (!row.containsColumn(METADATA, SHA256)) {
                          return new PhotoState.Absent();
                        }
                        byte[] mark = row.getValue(METADATA, DELETION_EVENT);
                        return mark == null
                            ? new PhotoState.Live()
                            : new PhotoState.Deleted(Bytes.toLong(mark));
                      });
            });
  }
}
