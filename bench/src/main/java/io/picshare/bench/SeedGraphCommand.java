package io.picshare.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code picshare bench seed-graph}: writes a synthetic social graph for the feed benchmarks. */
@Command(
    name = "seed-graph",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a synthetic social graph into a running PicShare through its storage classes:"
          + " users (all with the password --password), follows with a power-law follower"
          + " distribution, photos spread over the 7-day feed window (small real JPEGs in HDFS),"
          + " likes skewed towards popular photos, the inbox rows the fan-out would write for"
          + " authors below --celebrity-followers, and exact follower, following, photo and like"
          + " counts. Resumable: progress is saved in HDFS, and rerunning the same command"
          + " continues where it stopped (even after kill -9) without doubling anything; a finished"
          + " seed is only verified. Writes no events (no notifications, no search index).",
      ""
    })
public final class SeedGraphCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin SeedOptions seedOptions;

  @Option(
      names = "--users",
      defaultValue = "10000",
      paramLabel = "N",
      description = "Accounts seed<seed>_0 ... seed<seed>_<N-1> (default: ${DEFAULT-VALUE}).")
  int users;

  @Option(
      names = "--follows",
      defaultValue = "500000",
      paramLabel = "N",
      description = "Distinct follows (default: ${DEFAULT-VALUE}).")
  long follows;

  @Option(
      names = "--photos",
      defaultValue = "100000",
      paramLabel = "N",
      description = "Photos, owners uniformly random (default: ${DEFAULT-VALUE}).")
  int photos;

  @Option(
      names = "--likes",
      defaultValue = "200000",
      paramLabel = "N",
      description = "Distinct likes (default: ${DEFAULT-VALUE}).")
  long likes;

  @Option(
      names = "--follow-skew",
      defaultValue = "1.0",
      paramLabel = "S",
      description =
          "Exponent of the followees' power law: P(k-th most popular) ~ 1/k^S; 0 is uniform"
              + " (default: ${DEFAULT-VALUE}).")
  double followSkew;

  @Option(
      names = "--like-skew",
      defaultValue = "1.0",
      paramLabel = "S",
      description = "Exponent of the liked photos' power law (default: ${DEFAULT-VALUE}).")
  double likeSkew;

  @Option(
      names = "--celebrity-followers",
      defaultValue = "10000",
      paramLabel = "N",
      description =
          "Photos of authors with at least N followers are not put into inboxes (their"
              + " followers' feeds pull them); set it to the API's feed-celebrity-followers"
              + " (default: ${DEFAULT-VALUE}).")
  int celebrityFollowers;

  @Option(
      names = "--in-flight",
      defaultValue = "8",
      paramLabel = "N",
      description =
          "Batches written at once (each a multi-row request of 20 to 1000 items)"
              + " (default: ${DEFAULT-VALUE}).")
  int inFlight;

  @Override
  public Integer call() throws Exception {
    GraphSpec graph;
    URI base;
    try {
      graph =
          new GraphSpec(
              users,
              follows,
              photos,
              likes,
              seedOptions.seed,
              followSkew,
              likeSkew,
              celebrityFollowers);
      base = LoadParameters.baseUrl(seedOptions.api);
      if (inFlight < 1 || inFlight > 256) {
        throw new IllegalArgumentException("--in-flight must be between 1 and 256");
      }
      BenchPasswords.check(seedOptions.password);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    PicShareClient client = new PicShareClient(base, Duration.ofSeconds(60));
    out.println("PicShare seed-graph against " + base + " and ZooKeeper " + cluster.zookeeper);
    try (BenchCluster connected = BenchCluster.connect(cluster)) {
      new GraphSeeder(
              connected,
              client,
              new BenchSetup(client, out, new SecureRandom()),
              seedOptions.password,
              inFlight,
              out,
              Clock.systemUTC())
          .seed(graph);
    }
    out.flush();
    return 0;
  }
}
