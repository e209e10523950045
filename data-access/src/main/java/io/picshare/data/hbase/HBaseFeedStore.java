package io.picshare.data.hbase;

import io.picshare.data.FeedStore;
import io.picshare.schema.key.NewestFirstRowKey;
import io.picshare.schema.key.UserRowKey;
import io.picshare.schema.record.FeedCandidates;
import io.picshare.schema.table.FeedSnapshotsTable;
import io.picshare.schema.table.FeedsTable;
import io.picshare.schema.table.InboxTable;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@link FeedStore} on {@code picshare:feeds}, {@code picshare:inbox} and {@code
 * picshare:feed_snapshots}.
 */
public final class HBaseFeedStore implements FeedStore {
  private final HBaseConnection hbase;

  public HBaseFeedStore(HBaseConnection hbase) {
    this.hbase = hbase;
  }

  @Override
  public CompletableFuture<Optional<BatchFeed>> batch(long userId) {
    Get get = new Get(new UserRowKey(userId).encode()).addFamily(FeedsTable.FEED);
    return hbase
        .table(FeedsTable.NAME)
        .thenCompose(table -> table.get(get))
        .thenApply(
            result -> {
              byte[] candidates = result.getValue(FeedsTable.FEED, FeedsTable.CANDIDATES);
              byte[] cutoff = result.getValue(FeedsTable.FEED, FeedsTable.CUTOFF);
              return candidates == null || cutoff == null
                  ? Optional.empty()
                  : Optional.of(
                      new BatchFeed(FeedCandidates.decode(candidates), Bytes.toLong(cutoff)));
            });
  }

  @Override
  public CompletableFuture<Void> saveBatch(long userId, BatchFeed feed) {
    Put put = batchPut(userId, feed, HConstants.LATEST_TIMESTAMP);
    return hbase.table(FeedsTable.NAME).thenCompose(table -> table.put(put));
  }

  /**
   * The put writing {@code userId}'s batch feed (its candidates and cutoff, one row), its cells at
   * {@code timestamp} ({@link HConstants#LATEST_TIMESTAMP}: the region server's clock). The nightly
   * job writes at the cutoff, so a feed built for an earlier cutoff never replaces a later one.
   */
  public static Put batchPut(long userId, BatchFeed feed, long timestamp) {
    return new Put(new UserRowKey(userId).encode(), timestamp)
        .addColumn(FeedsTable.FEED, FeedsTable.CANDIDATES, feed.candidates().encode())
        .addColumn(FeedsTable.FEED, FeedsTable.CUTOFF, Bytes.toBytes(feed.cutoffMillis()));
  }

  @Override
  public CompletableFuture<Void> addToInboxes(
      Collection<Long> followerIds, long photoId, long ownerId) {
    if (followerIds.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    byte[] owner = Bytes.toBytes(ownerId);
    List<Put> puts =
        followerIds.stream()
            .map(
                follower ->
                    new Put(new NewestFirstRowKey(follower, photoId).encode())
                        .addColumn(InboxTable.ENTRY, InboxTable.OWNER_ID, owner))
            .toList();
    return hbase
        .table(InboxTable.NAME)
        .thenCompose(
            table -> CompletableFuture.allOf(table.put(puts).toArray(CompletableFuture[]::new)));
  }

  @Override
  public CompletableFuture<List<InboxEntry>> inbox(
      long userId, OptionalLong before, long oldestId, int limit) {
    Scan scan =
        new Scan()
            .withStartRow(NewestFirstRowKey.pageStart(userId, before))
            .withStopRow(
                oldestId > 0
                    ? NewestFirstRowKey.startAfter(userId, oldestId)
                    : NewestFirstRowKey.stop(userId))
            .setLimit(limit)
            .setCaching(limit);
    return hbase
        .table(InboxTable.NAME)
        .thenCompose(table -> table.scanAll(scan))
        .thenApply(
            results ->
                results.stream()
                    .map(
                        result ->
                            new InboxEntry(
                                NewestFirstRowKey.decode(result.getRow()).itemId(),
                                Bytes.toLong(
                                    result.getValue(InboxTable.ENTRY, InboxTable.OWNER_ID))))
                    .toList());
  }

  @Override
  public CompletableFuture<Void> saveSnapshot(
      long userId, long snapshotId, FeedCandidates ranking) {
    Put put =
        new Put(new NewestFirstRowKey(userId, snapshotId).encode())
            .addColumn(FeedSnapshotsTable.SNAPSHOT, FeedSnapshotsTable.RANKING, ranking.encode());
    return hbase.table(FeedSnapshotsTable.NAME).thenCompose(table -> table.put(put));
  }

  @Override
  public CompletableFuture<Optional<FeedCandidates>> snapshot(long userId, long snapshotId) {
    Get get = new Get(new NewestFirstRowKey(userId, snapshotId).encode());
    return hbase
        .table(FeedSnapshotsTable.NAME)
        .thenCompose(table -> table.get(get))
        .thenApply(HBaseFeedStore::ranking);
  }

  private static Optional<FeedCandidates> ranking(Result result) {
    byte[] value = result.getValue(FeedSnapshotsTable.SNAPSHOT, FeedSnapshotsTable.RANKING);
    return value == null ? Optional.empty() : Optional.of(FeedCandidates.decode(value));
  }
}
