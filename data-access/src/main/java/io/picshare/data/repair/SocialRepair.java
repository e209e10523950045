package io.picshare.data.repair;

import io.picshare.data.hbase.HBaseConnection;
import io.picshare.schema.key.NewestFirstRowKey;
import io.picshare.schema.key.PairRowKey;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.key.UserRowKey;
import io.picshare.schema.table.FollowersTable;
import io.picshare.schema.table.FollowingTable;
import io.picshare.schema.table.FollowsTable;
import io.picshare.schema.table.LikesTable;
import io.picshare.schema.table.PhotosTable;
import io.picshare.schema.table.UsersTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Heals the social graph after crashes and lost replies. A follow is written pair row first ({@code
 * picshare:follows}, by compare-and-set), then its two list rows ({@code following}, {@code
 * followers}), then the counts; an unfollow ends the pair first and removes the list rows after. So
 * the pair rows are the truth and a crash can only leave a standing pair without its list rows, a
 * list row whose pair has ended (the read path already hides those), or counts off by one. This
 * repair puts back missing list rows, removes stale ones, and sets follower, following and like
 * counts to what the pair rows and like rows say.
 *
 * <p>Before it adds or removes a list row it reads the pair again, so a follow or unfollow that ran
 * while it scanned is never undone: a list row is removed only if its pair no longer carries its
 * edge id (edge ids are never reused), and put back only if it still does. Counts are corrected by
 * the difference, like {@link PhotoRepair}'s, and can be left off by changes that race the scan;
 * the next repair heals those. It keeps one entry per standing follow in memory (~100 bytes each).
 */
public final class SocialRepair {
  /** What a repair found and changed. */
  public record Report(
      long followsScanned,
      long listRowsRestored,
      long listRowsRemoved,
      long followCountsCorrected,
      long likesScanned,
      long likeCountsCorrected) {}

  private record Edge(long followerId, long followeeId) {}

  /** A list table and how its rows name the two sides of an edge. */
  private record ListTable(TableName name, byte[] family, byte[] qualifier, boolean ownerFollows) {
    Edge edge(long ownerId, long otherId) {
      return ownerFollows ? new Edge(ownerId, otherId) : new Edge(otherId, ownerId);
    }

    long owner(Edge edge) {
      return ownerFollows ? edge.followerId() : edge.followeeId();
    }

    long other(Edge edge) {
      return ownerFollows ? edge.followeeId() : edge.followerId();
    }
  }

  private static final List<ListTable> LISTS =
      List.of(
          new ListTable(FollowingTable.NAME, FollowingTable.LIST, FollowingTable.FOLLOWEE_ID, true),
          new ListTable(
              FollowersTable.NAME, FollowersTable.LIST, FollowersTable.FOLLOWER_ID, false));

  private static final int BATCH = 500;

  private final TableAccess tables;

  public SocialRepair(HBaseConnection hbase) {
    this.tables = new TableAccess(hbase);
  }

  public Report run() {
    Map<Long, Edge> standing = new HashMap<>();
    Map<Long, Long> following = new HashMap<>();
    Map<Long, Long> followers = new HashMap<>();
    for (Result row :
        tables.scan(
            FollowsTable.NAME, new Scan().addColumn(FollowsTable.EDGE, FollowsTable.EDGE_ID))) {
      byte[] edgeId = row.getValue(FollowsTable.EDGE, FollowsTable.EDGE_ID);
      if (edgeId != null && edgeId.length == Long.BYTES) {
        PairRowKey pair = PairRowKey.decode(row.getRow());
        standing.put(Bytes.toLong(edgeId), new Edge(pair.ownerId(), pair.memberId()));
        following.merge(pair.ownerId(), 1L, Long::sum);
        followers.merge(pair.memberId(), 1L, Long::sum);
      }
    }
    long restored = 0;
    long removed = 0;
    for (ListTable list : LISTS) {
      long[] changes = repairList(list, standing);
      restored += changes[0];
      removed += changes[1];
    }
    long followCounts = 0;
    for (Result row :
        tables.scan(
            UsersTable.NAME,
            new Scan()
                .addColumn(UsersTable.PROFILE, UsersTable.USERNAME)
                .addColumn(UsersTable.COUNTERS, UsersTable.FOLLOWER_COUNT)
                .addColumn(UsersTable.COUNTERS, UsersTable.FOLLOWING_COUNT))) {
      long userId = UserRowKey.decode(row.getRow()).userId();
      followCounts +=
          correctUserCount(row, UsersTable.FOLLOWER_COUNT, followers.getOrDefault(userId, 0L))
              + correctUserCount(
                  row, UsersTable.FOLLOWING_COUNT, following.getOrDefault(userId, 0L));
    }
    long[] likes = repairLikeCounts();
    return new Report(standing.size(), restored, removed, followCounts, likes[0], likes[1]);
  }

  /** Puts back the list's missing rows and removes its stale ones: {restored, removed}. */
  private long[] repairList(ListTable list, Map<Long, Edge> standing) {
    Set<Long> listed = new HashSet<>();
    List<Map.Entry<Long, Edge>> suspect = new ArrayList<>();
    List<Delete> malformed = new ArrayList<>();
    for (Result row :
        tables.scan(list.name(), new Scan().addColumn(list.family(), list.qualifier()))) {
      NewestFirstRowKey key = NewestFirstRowKey.decode(row.getRow());
      byte[] other = row.getValue(list.family(), list.qualifier());
      if (other == null || other.length != Long.BYTES || Bytes.toLong(other) < 0) {
        malformed.add(new Delete(row.getRow())); // names no user: belongs to no edge
        continue;
      }
      Edge edge = list.edge(key.ownerId(), Bytes.toLong(other));
      if (edge.equals(standing.get(key.itemId()))) {
        listed.add(key.itemId());
      } else {
        suspect.add(Map.entry(key.itemId(), edge));
      }
    }
    tables.mutate(list.name(), malformed);
    List<Map.Entry<Long, Edge>> missing = new ArrayList<>();
    standing.forEach(
        (edgeId, edge) -> {
          if (!listed.contains(edgeId)) {
            missing.add(Map.entry(edgeId, edge));
          }
        });
    long removed = malformed.size();
    for (List<Map.Entry<Long, Edge>> chunk : chunks(suspect)) {
      List<Delete> deletes = new ArrayList<>();
      List<Boolean> stands = stillStanding(chunk);
      for (int i = 0; i < chunk.size(); i++) {
        Map.Entry<Long, Edge> entry = chunk.get(i);
        if (!stands.get(i)) {
          deletes.add(new Delete(listRow(list, entry.getKey(), entry.getValue())));
        }
      }
      tables.mutate(list.name(), deletes);
      removed += deletes.size();
    }
    long restored = 0;
    for (List<Map.Entry<Long, Edge>> chunk : chunks(missing)) {
      List<Put> puts = new ArrayList<>();
      List<Boolean> stands = stillStanding(chunk);
      for (int i = 0; i < chunk.size(); i++) {
        Map.Entry<Long, Edge> entry = chunk.get(i);
        if (stands.get(i)) {
          puts.add(
              new Put(listRow(list, entry.getKey(), entry.getValue()))
                  .addColumn(
                      list.family(),
                      list.qualifier(),
                      Bytes.toBytes(list.other(entry.getValue()))));
        }
      }
      tables.mutate(list.name(), puts);
      restored += puts.size();
    }
    return new long[] {restored, removed};
  }

  private static byte[] listRow(ListTable list, long edgeId, Edge edge) {
    return new NewestFirstRowKey(list.owner(edge), edgeId).encode();
  }

  /** Whether each edge's pair row carries that edge's id now. */
  private List<Boolean> stillStanding(List<Map.Entry<Long, Edge>> edges) {
    List<Get> gets =
        edges.stream()
            .map(
                entry ->
                    new Get(
                            new PairRowKey(
                                    entry.getValue().followerId(), entry.getValue().followeeId())
                                .encode())
                        .addColumn(FollowsTable.EDGE, FollowsTable.EDGE_ID))
            .toList();
    List<Result> pairs = tables.getAll(FollowsTable.NAME, gets);
    List<Boolean> stands = new ArrayList<>(edges.size());
    for (int i = 0; i < edges.size(); i++) {
      byte[] id = pairs.get(i).getValue(FollowsTable.EDGE, FollowsTable.EDGE_ID);
      stands.add(
          id != null && id.length == Long.BYTES && Bytes.toLong(id) == edges.get(i).getKey());
    }
    return stands;
  }

  private int correctUserCount(Result user, byte[] counter, long expected) {
    return tables.correctCounter(UsersTable.NAME, user, UsersTable.COUNTERS, counter, expected)
        ? 1
        : 0;
  }

  /** Sets every live photo's like count to its standing likes: {likes scanned, corrected}. */
  private long[] repairLikeCounts() {
    Map<Long, Long> likes = new HashMap<>();
    long scanned = 0;
    for (Result row :
        tables.scan(LikesTable.NAME, new Scan().addColumn(LikesTable.LIKE, LikesTable.LIKE_ID))) {
      byte[] likeId = row.getValue(LikesTable.LIKE, LikesTable.LIKE_ID);
      if (likeId != null && likeId.length == Long.BYTES) {
        likes.merge(PairRowKey.decode(row.getRow()).ownerId(), 1L, Long::sum);
        scanned++;
      }
    }
    long corrected = 0;
    for (Result row :
        tables.scan(
            PhotosTable.NAME,
            new Scan()
                .addColumn(PhotosTable.METADATA, PhotosTable.SHA256)
                .addColumn(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT))) {
      if (row.getValue(PhotosTable.METADATA, PhotosTable.SHA256) == null) {
        continue; // not a live photo
      }
      long photoId = UserPhotoRowKey.decode(row.getRow()).photoId();
      if (tables.correctCounter(
          PhotosTable.NAME,
          row,
          PhotosTable.COUNTERS,
          PhotosTable.LIKE_COUNT,
          likes.getOrDefault(photoId, 0L))) {
        corrected++;
      }
    }
    return new long[] {scanned, corrected};
  }

  private static <T> List<List<T>> chunks(List<T> items) {
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < items.size(); from += BATCH) {
      chunks.add(items.subList(from, Math.min(items.size(), from + BATCH)));
    }
    return chunks;
  }
}
