package io.picshare.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Which of the feed's three layers the benchmark's readers have, so a report says what it measured:
 * a nightly batch row ({@code picshare:feeds}, written only by the nightly job), inbox rows (the
 * fan-out, or seed-graph in its place), and followed celebrities (pulled at read time).
 */
final class FeedLayers {
  private FeedLayers() {}

  static String describe(BenchCluster cluster, SeededGraph seeded, List<Integer> readers) {
    List<CompletableFuture<Boolean>> batch = new ArrayList<>();
    List<CompletableFuture<Boolean>> inbox = new ArrayList<>();
    for (int reader : readers) {
      long id = seeded.userId(reader);
      batch.add(cluster.feeds.batch(id).thenApply(Optional::isPresent));
      inbox.add(
          cluster.feeds.inbox(id, OptionalLong.empty(), 0, 1).thenApply(rows -> !rows.isEmpty()));
    }
    long withBatch = batch.stream().filter(CompletableFuture::join).count();
    long withInbox = inbox.stream().filter(CompletableFuture::join).count();
    SocialGraph graph = seeded.graph();
    int threshold = seeded.spec().celebrityFollowers();
    Set<Integer> readerSet = new HashSet<>(readers);
    Set<Integer> followingCelebrities = new HashSet<>();
    for (int k = 0; k < seeded.spec().follows(); k++) {
      if (readerSet.contains(graph.follower(k))
          && graph.followerCount(graph.followee(k)) >= threshold) {
        followingCelebrities.add(graph.follower(k));
      }
    }
    return String.format(
        Locale.ROOT,
        "Feed layers of the %d readers: nightly batch row (picshare:feeds) %d of %d%s; inbox rows"
            + " %d of %d; following a celebrity of the seed (%,d+ followers, pulled at read time"
            + " if the API's feed-celebrity-followers is the same) %d of %d.",
        readers.size(),
        withBatch,
        readers.size(),
        withBatch == 0
            ? " (the batch layer is empty: these feeds come from inboxes and celebrity pulls only)"
            : "",
        withInbox,
        readers.size(),
        threshold,
        followingCelebrities.size(),
        readers.size());
  }
}
