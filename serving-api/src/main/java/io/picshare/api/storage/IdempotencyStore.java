package io.picshare.api.storage;

import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.schema.key.IdempotencyRowKey;
import io.picshare.schema.table.IdempotencyTable;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.client.AsyncConnection;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.io.TimeRange;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Idempotency keys of uploads, one HBase row per (user, key), kept 24 hours. A request first
 * claims its key with an atomic put-if-absent of its payload fingerprint; only the claimant
 * uploads, so retries can never create a second photo. A claim left pending by a crashed request
 * can be taken over after {@link #ABANDONED_AFTER}.
 */
public final class IdempotencyStore {
  static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

  /** The outcome of claiming a key. */
  public sealed interface Claim {
    /** This request holds the key and must do the work. */
    record Acquired() implements Claim {}

    /** An earlier request with the same key and payload created this photo. */
    record Completed(long photoId) implements Claim {}
  }

  private final HBaseClient hbase;
  private final Clock clock;

  public IdempotencyStore(HBaseClient hbase, Clock clock) {
    this.hbase = hbase;
    this.clock = clock;
  }

  public Future<Claim> claim(long userId, String key, byte[] fingerprint) {
    byte[] row = new IdempotencyRowKey(userId, key).encode();
    return hbase.connection().compose(connection -> claim(connection, row, fingerprint, true));
  }

  private Future<Claim> claim(AsyncConnection connection, byte[] row, byte[] fingerprint, boolean firstTry) {
    CheckAndMutate.Builder absent = CheckAndMutate.newBuilder(row)
        .ifNotExists(IdempotencyTable.ENTRY, IdempotencyTable.REQUEST_FINGERPRINT);
    return checkAndPut(connection, absent, row, fingerprint).compose(acquired -> {
      if (acquired) {
        return Future.succeededFuture(new Claim.Acquired());
      }
      return firstTry ? existing(connection, row, fingerprint) : Future.failedFuture(inProgress());
    });
  }

  private Future<Claim> existing(AsyncConnection connection, byte[] row, byte[] fingerprint) {
    return AsyncBridge.toFuture(connection.getTable(IdempotencyTable.NAME).get(new Get(row))).compose(result -> {
      Cell stored = result.getColumnLatestCell(IdempotencyTable.ENTRY, IdempotencyTable.REQUEST_FINGERPRINT);
      if (stored == null) {
        // Expired or released between our claim and this read: claim once more.
        return claim(connection, row, fingerprint, false);
      }
      byte[] storedFingerprint = Arrays.copyOfRange(
          stored.getValueArray(), stored.getValueOffset(), stored.getValueOffset() + stored.getValueLength());
      if (!Arrays.equals(storedFingerprint, fingerprint)) {
        return Future.failedFuture(new PicShareException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
            "this Idempotency-Key was already used for a different upload"));
      }
      byte[] photoId = result.getValue(IdempotencyTable.ENTRY, IdempotencyTable.PHOTO_ID);
      if (photoId != null) {
        return Future.succeededFuture(new Claim.Completed(Bytes.toLong(photoId)));
      }
      long cutoff = clock.millis() - ABANDONED_AFTER.toMillis();
      if (stored.getTimestamp() >= cutoff) {
        return Future.failedFuture(inProgress());
      }
      CheckAndMutate.Builder abandoned = CheckAndMutate.newBuilder(row)
          .ifEquals(IdempotencyTable.ENTRY, IdempotencyTable.REQUEST_FINGERPRINT, fingerprint)
          .timeRange(TimeRange.between(0, cutoff));
      return checkAndPut(connection, abandoned, row, fingerprint).compose(acquired -> acquired
          ? Future.succeededFuture(new Claim.Acquired())
          : Future.failedFuture(inProgress()));
    });
  }

  private static PicShareException inProgress() {
    return new PicShareException(ErrorCode.REQUEST_IN_PROGRESS,
        "an upload with this Idempotency-Key is still in progress; retry shortly");
  }

  private Future<Boolean> checkAndPut(AsyncConnection connection, CheckAndMutate.Builder condition, byte[] row, byte[] fingerprint) {
    Put put = new Put(row).addColumn(IdempotencyTable.ENTRY, IdempotencyTable.REQUEST_FINGERPRINT, clock.millis(), fingerprint);
    return AsyncBridge.toFuture(connection.getTable(IdempotencyTable.NAME).checkAndMutate(condition.build(put)))
        .map(result -> result.isSuccess());
  }

  /** Records the photo the claimed request created; later retries replay it. */
  public Future<Void> complete(long userId, String key, long photoId) {
    byte[] row = new IdempotencyRowKey(userId, key).encode();
    return hbase.connection().compose(connection -> AsyncBridge.toFuture(connection.getTable(IdempotencyTable.NAME)
        .put(new Put(row).addColumn(IdempotencyTable.ENTRY, IdempotencyTable.PHOTO_ID, Bytes.toBytes(photoId)))));
  }

  /** Gives the key up after a failed request, so a retry can do the work. */
  public Future<Void> release(long userId, String key) {
    byte[] row = new IdempotencyRowKey(userId, key).encode();
    return hbase.connection().compose(connection ->
        AsyncBridge.toFuture(connection.getTable(IdempotencyTable.NAME).delete(new Delete(row))));
  }
}
