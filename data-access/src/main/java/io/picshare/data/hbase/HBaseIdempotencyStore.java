package io.picshare.data.hbase;

import static io.picshare.schema.table.IdempotencyTable.CLAIM;
import static io.picshare.schema.table.IdempotencyTable.CLAIMED_AT;
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
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.CheckAndMutateResult;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@link IdempotencyStore} on {@code picshare:idempotency} (24-hour TTL). A claim writes the
 * payload fingerprint, the attempt's token, its planned photo id and the claim time, put-if-absent
 * (or compare-and-set over a released claim); a takeover, completion or release is a
 * compare-and-set on the token.
 *
 * <p>Nothing here is deleted and no cell carries a timestamp chosen by the client: a delete marker,
 * or a cell stamped by a clock behind the region server's, would hide a later claim whose write
 * still reported success. A conditional write whose reply was lost is retried by the HBase client
 * and then fails its own check; finding its token in the row tells the attempt the first try
 * landed.
 */
public final class HBaseIdempotencyStore implements IdempotencyStore {
  private static final byte[] RELEASED = new byte[0];
  private static final byte[] NOT_COMPLETED = new byte[0];

  private final HBaseConnection hbase;
  private final Clock clock;

  public HBaseIdempotencyStore(HBaseConnection hbase, Clock clock) {
    this.hbase = hbase;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<Outcome> claim(Claim claim, byte[] fingerprint) {
    byte[] row = row(claim);
    return claimIf(
            CheckAndMutate.newBuilder(row).ifNotExists(ENTRY, REQUEST_FINGERPRINT),
            claim,
            fingerprint)
        .thenCompose(
            acquired ->
                acquired
                    ? CompletableFuture.completedFuture(new Outcome.Acquired(claim))
                    : read(row).thenCompose(existing -> claimTaken(claim, fingerprint, existing)));
  }

  private CompletableFuture<Outcome> claimTaken(Claim claim, byte[] fingerprint, Result existing) {
    byte[] row = row(claim);
    if (holds(existing, claim)) {
      return CompletableFuture.completedFuture(new Outcome.Acquired(claim));
    }
    CheckAndMutate.Builder again;
    if (existing.isEmpty()) {
      // expired between the claim and the read
      again = CheckAndMutate.newBuilder(row).ifNotExists(ENTRY, REQUEST_FINGERPRINT);
    } else if (released(existing)) {
      again = CheckAndMutate.newBuilder(row).ifEquals(ENTRY, CLAIM, RELEASED);
    } else {
      return CompletableFuture.completedFuture(outcomeOf(existing, fingerprint));
    }
    return claimIf(again, claim, fingerprint)
        .thenCompose(
            acquired ->
                acquired
                    ? CompletableFuture.completedFuture(new Outcome.Acquired(claim))
                    : read(row)
                        .thenApply(
                            now ->
                                holds(now, claim)
                                    ? new Outcome.Acquired(claim)
                                    : outcomeOf(now, fingerprint)));
  }

  private static Outcome outcomeOf(Result existing, byte[] fingerprint) {
    if (existing.isEmpty() || released(existing)) {
      // freed again since it was read: the retry claims it
      return pendingUnknown();
    }
    if (!Arrays.equals(existing.getValue(ENTRY, REQUEST_FINGERPRINT), fingerprint)) {
      return new Outcome.Reused();
    }
    if (completed(existing)) {
      return new Outcome.Completed(Bytes.toLong(existing.getValue(ENTRY, PHOTO_ID)));
    }
    byte[] planned = existing.getValue(ENTRY, PLANNED_PHOTO_ID);
    long claimedAt = claimedAt(existing);
    return planned == null || claimedAt < 0
        ? pendingUnknown()
        : new Outcome.Pending(Bytes.toLong(planned), claimedAt);
  }

  private static Outcome pendingUnknown() {
    return new Outcome.Pending(-1, Long.MAX_VALUE);
  }

  @Override
  public CompletableFuture<Boolean> takeOver(
      Claim claim, byte[] fingerprint, long claimedAtMillis) {
    byte[] row = row(claim);
    return read(row)
        .thenCompose(
            existing -> {
              byte[] token = existing.getValue(ENTRY, CLAIM);
              if (token == null
                  || released(existing)
                  || completed(existing)
                  || claimedAt(existing) != claimedAtMillis) {
                return CompletableFuture.completedFuture(false);
              }
              return claimIf(
                      CheckAndMutate.newBuilder(row).ifEquals(ENTRY, CLAIM, token),
                      claim,
                      fingerprint)
                  .thenCompose(
                      taken ->
                          taken
                              ? CompletableFuture.completedFuture(true)
                              : read(row).thenApply(now -> holds(now, claim)));
            });
  }

  @Override
  public CompletableFuture<Boolean> complete(Claim claim, long photoId) {
    byte[] row = row(claim);
    return mutate(
        CheckAndMutate.newBuilder(row)
            .ifEquals(ENTRY, CLAIM, claim.token())
            .build(new Put(row).addColumn(ENTRY, PHOTO_ID, Bytes.toBytes(photoId))));
  }

  @Override
  public CompletableFuture<Boolean> release(Claim claim) {
    byte[] row = row(claim);
    return mutate(
        CheckAndMutate.newBuilder(row)
            .ifEquals(ENTRY, CLAIM, claim.token())
            .build(new Put(row).addColumn(ENTRY, CLAIM, RELEASED)));
  }

  /** Writes {@code claim} for a payload with {@code fingerprint} if {@code condition} holds. */
  private CompletableFuture<Boolean> claimIf(
      CheckAndMutate.Builder condition, Claim claim, byte[] fingerprint) {
    byte[] row = row(claim);
    return mutate(
        condition.build(
            new Put(row)
                .addColumn(ENTRY, REQUEST_FINGERPRINT, fingerprint)
                .addColumn(ENTRY, CLAIM, claim.token())
                .addColumn(ENTRY, PLANNED_PHOTO_ID, Bytes.toBytes(claim.plannedPhotoId()))
                .addColumn(ENTRY, CLAIMED_AT, Bytes.toBytes(clock.millis()))
                .addColumn(ENTRY, PHOTO_ID, NOT_COMPLETED)));
  }

  private static boolean holds(Result existing, Claim claim) {
    return Arrays.equals(existing.getValue(ENTRY, CLAIM), claim.token());
  }

  private static boolean released(Result existing) {
    byte[] token = existing.getValue(ENTRY, CLAIM);
    return token != null && token.length == 0 && !completed(existing);
  }

  private static boolean completed(Result existing) {
    byte[] photoId = existing.getValue(ENTRY, PHOTO_ID);
    return photoId != null && photoId.length == Long.BYTES;
  }

  /** The claim time, or -1 if the row has none. */
  private static long claimedAt(Result existing) {
    byte[] claimedAt = existing.getValue(ENTRY, CLAIMED_AT);
    return claimedAt == null ? -1 : Bytes.toLong(claimedAt);
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
