package io.picshare.data.hbase;

import static io.picshare.schema.table.IdempotencyTable.CLAIM;
import static io.picshare.schema.table.IdempotencyTable.ENTRY;
import static io.picshare.schema.table.IdempotencyTable.PHOTO_ID;
import static io.picshare.schema.table.IdempotencyTable.PLANNED_PHOTO_ID;
import static io.picshare.schema.table.IdempotencyTable.REQUEST_FINGERPRINT;

import io.picshare.data.IdempotencyStore;
import io.picshare.schema.key.IdempotencyRowKey;
import io.picshare.schema.table.IdempotencyTable;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.CheckAndMutateResult;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@link IdempotencyStore} on {@code picshare:idempotency} (24-hour TTL): a claim writes the
 * payload fingerprint, the attempt's token and planned photo id with put-if-absent; a takeover,
 * completion or release is a compare-and-set on the token cell.
 */
public final class HBaseIdempotencyStore implements IdempotencyStore {
  private final HBaseConnection hbase;
  private final Clock clock;

  public HBaseIdempotencyStore(HBaseConnection hbase, Clock clock) {
    this.hbase = hbase;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<Outcome> claim(Claim claim, byte[] fingerprint) {
    byte[] row = row(claim);
    CheckAndMutate absent =
        CheckAndMutate.newBuilder(row)
            .ifNotExists(ENTRY, REQUEST_FINGERPRINT)
            .build(claimPut(row, claim, fingerprint));
    return mutate(absent)
        .thenCompose(
            acquired ->
                acquired
                    ? CompletableFuture.completedFuture(new Outcome.Acquired(claim))
                    : read(row)
                        .thenCompose(
                            existing ->
                                existing.isEmpty()
                                    // expired or released between the claim and the read: try once
                                    // more
                                    ? mutate(absent)
                                        .thenApply(
                                            again ->
                                                again
                                                    ? new Outcome.Acquired(claim)
                                                    : pendingUnknown())
                                    : CompletableFuture.completedFuture(
                                        outcomeOf(existing, fingerprint))));
  }

  private static Outcome pendingUnknown() {
    return new Outcome.Pending(-1, Long.MAX_VALUE);
  }

  private static Outcome outcomeOf(Result existing, byte[] fingerprint) {
    if (!Arrays.equals(existing.getValue(ENTRY, REQUEST_FINGERPRINT), fingerprint)) {
      return new Outcome.Reused();
    }
    byte[] photoId = existing.getValue(ENTRY, PHOTO_ID);
    if (photoId != null) {
      return new Outcome.Completed(Bytes.toLong(photoId));
    }
    Cell token = existing.getColumnLatestCell(ENTRY, CLAIM);
    byte[] planned = existing.getValue(ENTRY, PLANNED_PHOTO_ID);
    return token == null || planned == null
        ? pendingUnknown()
        : new Outcome.Pending(Bytes.toLong(planned), token.getTimestamp());
  }

  @Override
  public CompletableFuture<Boolean> takeOver(
      Claim claim, byte[] fingerprint, long claimedAtMillis) {
    byte[] row = row(claim);
    return read(row)
        .thenCompose(
            existing -> {
              Cell token = existing.getColumnLatestCell(ENTRY, CLAIM);
              if (token == null
                  || token.getTimestamp() != claimedAtMillis
                  || existing.containsColumn(ENTRY, PHOTO_ID)) {
                return CompletableFuture.completedFuture(false);
              }
              CheckAndMutate replace =
                  CheckAndMutate.newBuilder(row)
                      .ifEquals(ENTRY, CLAIM, CellUtil.cloneValue(token))
                      .build(claimPut(row, claim, fingerprint));
              return mutate(replace);
            });
  }

  @Override
  public CompletableFuture<Boolean> complete(Claim claim, long photoId) {
    byte[] row = row(claim);
    CheckAndMutate complete =
        CheckAndMutate.newBuilder(row)
            .ifEquals(ENTRY, CLAIM, claim.token())
            .build(new Put(row).addColumn(ENTRY, PHOTO_ID, Bytes.toBytes(photoId)));
    return mutate(complete);
  }

  @Override
  public CompletableFuture<Boolean> release(Claim claim) {
    byte[] row = row(claim);
    CheckAndMutate release =
        CheckAndMutate.newBuilder(row).ifEquals(ENTRY, CLAIM, claim.token()).build(new Delete(row));
    return mutate(release);
  }

  private Put claimPut(byte[] row, Claim claim, byte[] fingerprint) {
    long now = clock.millis();
    return new Put(row)
        .addColumn(ENTRY, REQUEST_FINGERPRINT, now, fingerprint)
        .addColumn(ENTRY, CLAIM, now, claim.token())
        .addColumn(ENTRY, PLANNED_PHOTO_ID, now, Bytes.toBytes(claim.plannedPhotoId()));
  }

  private static byte[] row(Claim claim) {
    return new IdempotencyRowKey(claim.userId(), claim.key()).encode();
  }

  private CompletableFuture<Result> read(byte[] row) {
    return hbase.table(IdempotencyTable.NAME).thenCompose(table -> table.get(new Get(row)));
  }

  private CompletableFuture<Boolean> mutate(CheckAndMutate mutation) {
    return hbase
        .table(IdempotencyTable.NAME)
        .thenCompose(table -> table.checkAndMutate(mutation))
        .thenApply(CheckAndMutateResult::isSuccess);
  }
}
