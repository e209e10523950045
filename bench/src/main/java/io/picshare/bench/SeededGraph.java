package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A seed written by {@code seed-graph}, as the feed benchmarks use it: its progress (read from
 * HDFS), its graph generated again from the spec (the same graph, since generation is
 * deterministic), and each user's id.
 */
final class SeededGraph {
  private final SeedProgress progress;
  private final SocialGraph graph;
  private final SeedIds ids;
  private final long firstUserId;

  private SeededGraph(SeedProgress progress, SocialGraph graph, long firstUserId) {
    this.progress = progress;
    this.graph = graph;
    this.ids = progress.ids();
    this.firstUserId = firstUserId;
  }

  /**
   * @throws SetupException if the cluster holds no such seed
   */
  static SeededGraph load(BenchCluster cluster, long seed, PrintWriter out) {
    requireNonNull(cluster, "cluster is null");
    SeedProgressFile file = new SeedProgressFile(cluster.hdfs(), seed);
    SeedProgress progress =
        file.read()
            .orElseThrow(
                () ->
                    new SetupException(
                        "this cluster holds no seed "
                            + seed
                            + " ("
                            + file.path()
                            + " is missing); write one first: ./picshare bench seed-graph --seed "
                            + seed));
    if (!progress.complete()) {
      out.println(
          "Warning: seed "
              + seed
              + " is not complete; rerun ./picshare bench seed-graph to finish it");
    }
    GraphSpec spec = progress.spec();
    long first =
        cluster
            .users
            .findByUsername(spec.username(0))
            .join()
            .map(account -> account.user().userId())
            .orElseThrow(() -> new SetupException("user " + spec.username(0) + " is missing"));
    SocialGraph graph = SocialGraph.generate(spec);
    out.printf(Locale.ROOT, "Seed %d: %s%n", seed, spec.describe());
    return new SeededGraph(progress, graph, first);
  }

  GraphSpec spec() {
    return progress.spec();
  }

  SocialGraph graph() {
    return graph;
  }

  long userId(int index) {
    return index == 0 ? firstUserId : ids.userId(index);
  }
}
