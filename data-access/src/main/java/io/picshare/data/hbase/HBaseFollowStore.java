package io.picshare.data.hbase;

import io.picshare.data.FollowStore;
import io.picshare.schema.key.NewestFirstRowKey;
import io.picshare.schema.key.PairRowKey;
import io.picshare.schema.table.FollowersTable;
import io.picshare.schema.table.FollowingTable;
import io.picshare.schema.table.FollowsTable;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@link FollowStore} on {@code picshare:follows} (the pairs) and the list tables {@code
 * picshare:following} and {@code picshare:followers}. A list page is checked against the pairs in
 * one multi-get, so a stale list row is never shown.
 */
public final class HBaseFollowStore implements FollowStore {
  private final HBaseConnection hbase;
  private final RelationCell pairs;

  public HBaseFollowStore(HBaseConnection hbase) {
    this.hbase = hbase;
    this.pairs =
        new RelationCell(hbase, FollowsTable.NAME, FollowsTable.EDGE, FollowsTable.EDGE_ID);
  }

  @Override
  public CompletableFuture<Boolean> follow(long followerId, long followeeId, long edgeId) {
    return pairs.start(new PairRowKey(followerId, followeeId).encode(), edgeId);
  }

  @Override
  public CompletableFuture<Void> addToLists(long followerId, long followeeId, long edgeId) {
    return addAllToLists(List.of(new Follow(followerId, followeeId, edgeId)));
  }

  @Override
  public CompletableFuture<List<Boolean>> followAll(List<Follow> follows) {
    return pairs.startAll(
        follows.stream()
            .map(follow -> new PairRowKey(follow.followerId(), follow.followeeId()).encode())
            .toList(),
        follows.stream().map(Follow::edgeId).toList());
  }

  @Override
  public CompletableFuture<Void> addAllToLists(List<Follow> follows) {
    if (follows.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<Put> following = follows.stream().map(HBaseFollowStore::followingRow).toList();
    List<Put> followers = follows.stream().map(HBaseFollowStore::followerRow).toList();
    return CompletableFuture.allOf(
        hbase.table(FollowingTable.NAME).thenCompose(t -> t.putAll(following)),
        hbase.table(FollowersTable.NAME).thenCompose(t -> t.putAll(followers)));
  }

  private static Put followingRow(Follow follow) {
    return new Put(new NewestFirstRowKey(follow.followerId(), follow.edgeId()).encode())
        .addColumn(
            FollowingTable.LIST, FollowingTable.FOLLOWEE_ID, Bytes.toBytes(follow.followeeId()));
  }

  private static Put followerRow(Follow follow) {
    return new Put(new NewestFirstRowKey(follow.followeeId(), follow.edgeId()).encode())
        .addColumn(
            FollowersTable.LIST, FollowersTable.FOLLOWER_ID, Bytes.toBytes(follow.followerId()));
  }

  @Override
  public CompletableFuture<OptionalLong> unfollow(long followerId, long followeeId) {
    return pairs.end(new PairRowKey(followerId, followeeId).encode());
  }

  @Override
  public CompletableFuture<Void> removeFromLists(long followerId, long followeeId, long edgeId) {
    return CompletableFuture.allOf(
        delete(FollowingTable.NAME, new NewestFirstRowKey(followerId, edgeId).encode()),
        delete(FollowersTable.NAME, new NewestFirstRowKey(followeeId, edgeId).encode()));
  }

  @Override
  public CompletableFuture<OptionalLong> edge(long followerId, long followeeId) {
    return pairs.read(new PairRowKey(followerId, followeeId).encode());
  }

  @Override
  public CompletableFuture<List<Edge>> following(long userId, OptionalLong before, int limit) {
    return list(FollowingTable.NAME, FollowingTable.LIST, userId, before, limit)
        .thenCompose(edges -> standing(edges, edge -> new PairRowKey(userId, edge.userId())));
  }

  @Override
  public CompletableFuture<List<Edge>> followers(long userId, OptionalLong before, int limit) {
    return list(FollowersTable.NAME, FollowersTable.LIST, userId, before, limit)
        .thenCompose(edges -> standing(edges, edge -> new PairRowKey(edge.userId(), userId)));
  }

  /** Up to {@code limit} list rows; stale ones are dropped afterwards, so a page may hold fewer. */
  private CompletableFuture<List<Edge>> list(
      TableName table, byte[] family, long userId, OptionalLong before, int limit) {
    Scan scan =
        new Scan()
            .withStartRow(NewestFirstRowKey.pageStart(userId, before))
            .withStopRow(NewestFirstRowKey.stop(userId))
            .addFamily(family)
            .setLimit(limit)
            .setCaching(limit);
    return hbase
        .table(table)
        .thenCompose(t -> t.scanAll(scan))
        .thenApply(
            results -> {
              List<Edge> edges = new ArrayList<>(results.size());
              for (Result result : results) {
                long edgeId = NewestFirstRowKey.decode(result.getRow()).itemId();
                byte[] other = result.value();
                edges.add(new Edge(edgeId, Bytes.toLong(other)));
              }
              return edges;
            });
  }

  /** The edges whose pair row still carries their edge id. */
  private CompletableFuture<List<Edge>> standing(
      List<Edge> edges, Function<Edge, PairRowKey> pairOf) {
    if (edges.isEmpty()) {
      return CompletableFuture.completedFuture(edges);
    }
    List<byte[]> rows = edges.stream().map(edge -> pairOf.apply(edge).encode()).toList();
    return pairs
        .readAll(rows)
        .thenApply(
            ids -> {
              List<Edge> standing = new ArrayList<>(edges.size());
              for (int i = 0; i < edges.size(); i++) {
                OptionalLong id = ids.get(i);
                if (id.isPresent() && id.getAsLong() == edges.get(i).edgeId()) {
                  standing.add(edges.get(i));
                }
              }
              return standing;
            });
  }

  private CompletableFuture<Void> delete(TableName table, byte[] row) {
    return hbase.table(table).thenCompose(t -> t.delete(new Delete(row)));
  }
}
