package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import io.picshare.data.FollowStore;
import io.picshare.data.PhotoRow;
import io.picshare.data.UserAccount;
import io.picshare.schema.key.UserPhotoRowKey;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;

/**
 * Reads back what a seed wrote and compares it with the graph: every user's photo, follower and
 * following counts, every photo's like count, and the full followers and following lists of the
 * most followed and the most following user. Any difference fails the run with the first few.
 */
final class SeedVerification {
  private static final int BATCH = 500;
  private static final int IN_FLIGHT = 8;
  private static final int SHOWN = 5;

  private final BenchCluster cluster;
  private final SocialGraph graph;
  private final IntToLongFunction userId;
  private final SeedIds ids;
  private final PrintWriter out;
  private final AtomicLong mismatches = new AtomicLong();
  private final Queue<String> shown = new ConcurrentLinkedQueue<>();

  SeedVerification(
      BenchCluster cluster,
      SocialGraph graph,
      IntToLongFunction userId,
      SeedIds ids,
      PrintWriter out) {
    this.cluster = requireNonNull(cluster, "cluster is null");
    this.graph = requireNonNull(graph, "graph is null");
    this.userId = requireNonNull(userId, "userId is null");
    this.ids = requireNonNull(ids, "ids is null");
    this.out = requireNonNull(out, "out is null");
  }

  void run() throws InterruptedException {
    long started = System.nanoTime();
    int users = graph.spec().users();
    int photos = graph.spec().photos();
    InFlightLimiter limiter = new InFlightLimiter(IN_FLIGHT);
    for (int from = 0; from < users; from += BATCH) {
      int batchStart = from;
      int batchEnd = Math.min(users, from + BATCH);
      limiter.start(() -> users(batchStart, batchEnd));
    }
    for (int from = 0; from < photos; from += BATCH) {
      int batchStart = from;
      int batchEnd = Math.min(photos, from + BATCH);
      limiter.start(() -> photos(batchStart, batchEnd));
    }
    if (!limiter.awaitIdle(Duration.ofMinutes(5))) {
      throw new SetupException("verification reads did not finish in 5 minutes");
    }
    int mostFollowed = 0;
    int mostFollowing = 0;
    for (int u = 1; u < users; u++) {
      mostFollowed = graph.followerCount(u) > graph.followerCount(mostFollowed) ? u : mostFollowed;
      mostFollowing =
          graph.followingCount(u) > graph.followingCount(mostFollowing) ? u : mostFollowing;
    }
    compareList("followers", mostFollowed, graph.followerCount(mostFollowed), true);
    compareList("following", mostFollowing, graph.followingCount(mostFollowing), false);
    if (mismatches.get() > 0) {
      throw new SetupException(
          mismatches.get()
              + " stored values differ from the graph, e.g. "
              + String.join("; ", shown)
              + "; rerun the same command to set the counts again");
    }
    out.printf(
        Locale.ROOT,
        "Verified in %.1f s: photo, follower and following counts of %,d users and like counts of"
            + " %,d photos match the graph; the followers list of %s (%,d) and the following list of"
            + " %s (%,d) are complete%n",
        (System.nanoTime() - started) / 1e9,
        users,
        photos,
        graph.spec().username(mostFollowed),
        graph.followerCount(mostFollowed),
        graph.spec().username(mostFollowing),
        graph.followingCount(mostFollowing));
  }

  private CompletableFuture<Void> users(int from, int to) {
    List<CompletableFuture<Void>> reads = new ArrayList<>();
    for (int u = from; u < to; u++) {
      int index = u;
      reads.add(
          cluster
              .users
              .findById(userId.applyAsLong(index))
              .thenAccept(
                  found -> {
                    if (found.isEmpty()) {
                      mismatch(graph.spec().username(index) + " is missing");
                      return;
                    }
                    UserAccount account = found.get();
                    expect(index, "photo", graph.photoCount(index), account.photoCount());
                    expect(index, "follower", graph.followerCount(index), account.followerCount());
                    expect(
                        index, "following", graph.followingCount(index), account.followingCount());
                  }));
    }
    return GraphSeeder.all(reads);
  }

  private CompletableFuture<Void> photos(int from, int to) {
    List<UserPhotoRowKey> keys = new ArrayList<>();
    for (int p = from; p < to; p++) {
      keys.add(new UserPhotoRowKey(userId.applyAsLong(graph.photoOwner(p)), ids.photoId(p)));
    }
    return cluster
        .photos
        .findAll(keys)
        .thenAccept(
            rows -> {
              for (int i = 0; i < rows.size(); i++) {
                int p = from + i;
                Optional<PhotoRow> row = rows.get(i);
                if (row.isEmpty()) {
                  mismatch("photo " + p + " is missing");
                } else if (row.get().likeCount() != graph.likeCount(p)) {
                  mismatch(
                      "photo "
                          + p
                          + " has "
                          + row.get().likeCount()
                          + " likes, not "
                          + graph.likeCount(p));
                }
              }
            });
  }

  private void compareList(String list, int user, int expected, boolean followers) {
    long id = userId.applyAsLong(user);
    int found = 0;
    OptionalLong before = OptionalLong.empty();
    while (true) {
      List<FollowStore.Edge> page =
          (followers
                  ? cluster.follows.followers(id, before, 1_000)
                  : cluster.follows.following(id, before, 1_000))
              .join();
      found += page.size();
      if (page.size() < 1_000) {
        break;
      }
      before = OptionalLong.of(page.get(page.size() - 1).edgeId());
    }
    if (found != expected) {
      mismatch(
          "the "
              + list
              + " list of "
              + graph.spec().username(user)
              + " has "
              + found
              + " entries, not "
              + expected);
    }
  }

  private void expect(int user, String counter, long expected, long actual) {
    if (expected != actual) {
      mismatch(
          graph.spec().username(user)
              + " has "
              + counter
              + " count "
              + actual
              + ", not "
              + expected);
    }
  }

  private void mismatch(String what) {
    if (mismatches.incrementAndGet() <= SHOWN) {
      shown.add(what);
    }
  }
}
