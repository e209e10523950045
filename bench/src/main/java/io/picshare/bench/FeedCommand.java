package io.picshare.bench;

import io.picshare.schema.key.UserRowKey;
import io.picshare.schema.table.UsersTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.hadoop.hbase.client.AdvancedScanResultConsumer;
import org.apache.hadoop.hbase.client.AsyncTable;
import org.apache.hadoop.hbase.client.Get;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code picshare bench feed}: {@code GET /v1/feed} of many seeded users, open loop at fixed rates
 * and closed loop at fixed concurrencies, beside raw single-row HBase gets on the same machine.
 */
@Command(
    name = "feed",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks GET /v1/feed over the tokens of many users of a seed written by seed-graph:"
          + " (a) open loop: requests sent at a fixed rate whatever earlier ones take, latency"
          + " measured from each one's intended send time, so queueing shows; (b) closed loop: N"
          + " clients, each sending its next request when its last one is answered, beside the"
          + " same closed loop of raw single-row HBase gets (a random seeded user's row) with the"
          + " ratio of the two rates. Also measures one raw get alone. Says which feed layers the"
          + " users have (nightly batch, inbox, celebrity pulls). Prints Markdown tables for"
          + " docs/benchmarks.md.",
      ""
    })
public final class FeedCommand implements Callable<Integer> {
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin SeedOptions seedOptions;

  @Option(
      names = "--tokens",
      defaultValue = "200",
      paramLabel = "N",
      description =
          "Seeded users logged in; each request reads a random one's feed (default: ${DEFAULT-VALUE}).")
  int tokens;

  @Option(
      names = "--order",
      split = ",",
      defaultValue = "top,recent",
      paramLabel = "ORDER",
      description = "Feed orders measured, one after the other (default: ${DEFAULT-VALUE}).")
  List<String> orders;

  @Option(
      names = "--rates",
      split = ",",
      defaultValue = "200,500,1000",
      paramLabel = "N",
      description = "Open-loop levels: feeds requested per second (default: ${DEFAULT-VALUE}).")
  List<Integer> rates;

  @Option(
      names = "--concurrency",
      split = ",",
      defaultValue = "50,200",
      paramLabel = "N",
      description = "Closed-loop levels: concurrent clients (default: ${DEFAULT-VALUE}).")
  List<Integer> concurrency;

  @Option(
      names = "--duration",
      defaultValue = "15",
      paramLabel = "SECONDS",
      description = "Measured seconds per level (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(
      names = "--warmup",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description =
          "Unmeasured seconds before each level, at its load (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(
      names = "--limit",
      defaultValue = "20",
      paramLabel = "N",
      description = "Feed page size, the API's limit parameter (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--max-in-flight",
      defaultValue = "256",
      paramLabel = "N",
      description =
          "Open loop: requests outstanding at most (one connection each: keep it below the API's"
              + " max-connections, 500 by default, or the excess is refused); later ones wait, and"
              + " the wait counts in their latency (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(
      names = "--request-timeout",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description = "A slower request counts as a 'timeout' error (default: ${DEFAULT-VALUE}).")
  int requestTimeoutSeconds;

  @Override
  public Integer call() throws InterruptedException, IOException {
    URI base;
    Duration warmup = Duration.ofSeconds(warmupSeconds);
    Duration measure = Duration.ofSeconds(durationSeconds);
    try {
      base = LoadParameters.baseUrl(seedOptions.api);
      BenchPasswords.check(seedOptions.password);
      for (String order : orders) {
        if (!order.equals("top") && !order.equals("recent")) {
          throw new IllegalArgumentException("--order takes top and/or recent, got " + order);
        }
      }
      if (tokens < 1 || tokens > 10_000) {
        throw new IllegalArgumentException("--tokens must be between 1 and 10000");
      }
      if (rates.isEmpty() || rates.stream().anyMatch(r -> r < 1 || r > 100_000)) {
        throw new IllegalArgumentException("--rates must be between 1 and 100000 per second");
      }
      if (concurrency.isEmpty() || concurrency.stream().anyMatch(c -> c < 1 || c > 10_000)) {
        throw new IllegalArgumentException("--concurrency must be between 1 and 10000");
      }
      if (durationSeconds < 1 || warmupSeconds < 0 || limit < 1 || limit > 100) {
        throw new IllegalArgumentException(
            "need --duration >= 1, --warmup >= 0 and --limit between 1 and 100");
      }
      if (maxInFlight < 1 || requestTimeoutSeconds < 1) {
        throw new IllegalArgumentException(
            "--max-in-flight and --request-timeout must be positive");
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    Duration requestTimeout = Duration.ofSeconds(requestTimeoutSeconds);
    PicShareClient client = new PicShareClient(base, requestTimeout);
    BenchSetup setup = new BenchSetup(client, out, new SecureRandom());
    out.println("PicShare feed benchmark against " + base + " and ZooKeeper " + cluster.zookeeper);
    setup.checkReady();
    try (BenchCluster connected = BenchCluster.connect(cluster)) {
      SeededGraph seeded = SeededGraph.load(connected, seedOptions.seed, out);
      List<Integer> readers = readers(seeded, tokens);
      List<BenchUser> users =
          setup.logIn(readers.stream().map(seeded.spec()::username).toList(), seedOptions.password);
      String layers = FeedLayers.describe(connected, seeded, readers);
      out.println(layers);
      for (String order : orders) {
        probe(setup, client, users.get(0), order, out);
      }

      AsyncTable<AdvancedScanResultConsumer> usersTable =
          connected.hbase().getTable(UsersTable.NAME);
      int seeded0 = seeded.spec().users();
      Supplier<CompletableFuture<Outcome>> rawGet =
          () -> {
            long id = seeded.userId(1 + ThreadLocalRandom.current().nextInt(seeded0 - 1));
            long started = System.nanoTime();
            return usersTable
                .get(new Get(new UserRowKey(id).encode()))
                .handle(
                    (result, failure) ->
                        failure == null
                            ? Outcome.success(Outcome.microsSince(started), 0)
                            : Outcome.failure(
                                Outcome.transportErrorKey(failure),
                                Outcome.microsSince(started),
                                String.valueOf(Outcome.unwrap(failure))));
          };

      ScheduledExecutorService scheduler = DaemonThreads.scheduler("bench-progress");
      FeedReport report = new FeedReport();
      try {
        Duration drain = requestTimeout.plusSeconds(5);
        LevelRunner closed = new LevelRunner(out, scheduler, PROGRESS_INTERVAL, drain);
        OpenLoopRunner open =
            new OpenLoopRunner(out, scheduler, PROGRESS_INTERVAL, drain, maxInFlight);

        out.println("raw HBase get, 1 client:");
        LevelResult single = closed.run(1, warmup, measure, rawGet);
        report.singleGet(single);
        out.println(summary("raw get c=1", single));

        for (String order : orders) {
          Supplier<CompletableFuture<Outcome>> feed = feedRequest(client, users, order);
          for (int rate : rates) {
            out.printf(Locale.ROOT, "%s, open loop at %d feeds/s:%n", order, rate);
            OpenLoopRunner.Level level = open.run(rate, warmup, measure, feed);
            report.openLoop(order, rate, level);
            out.println(summary(order + " " + rate + "/s", level.intended()));
            out.printf(
                Locale.ROOT,
                "  served %.1f feeds/s (completed in the window)%n",
                level.served().successesPerSecond());
          }
        }
        for (String order : orders) {
          Supplier<CompletableFuture<Outcome>> feed = feedRequest(client, users, order);
          for (int clients : concurrency) {
            out.printf(Locale.ROOT, "%s, closed loop, %d clients:%n", order, clients);
            LevelResult feeds = closed.run(clients, warmup, measure, feed);
            out.println(summary(order + " c=" + clients, feeds));
            out.printf(Locale.ROOT, "raw HBase get, closed loop, %d clients:%n", clients);
            LevelResult gets = closed.run(clients, warmup, measure, rawGet);
            out.println(summary("raw get c=" + clients, gets));
            report.closedLoop(order, clients, feeds, gets);
          }
        }
      } finally {
        scheduler.shutdownNow();
      }
      out.println();
      out.print(
          report.render(
              MachineInfo.current(),
              String.format(
                  Locale.ROOT,
                  "GET %s/v1/feed?order=…&limit=%d as %d users of seed %d (%s); %d s warm-up +"
                      + " %d s measured per level; %s",
                  base,
                  limit,
                  users.size(),
                  seedOptions.seed,
                  seeded.spec().describe(),
                  warmupSeconds,
                  durationSeconds,
                  Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS)),
              layers));
      out.flush();
    }
    return 0;
  }

  private Supplier<CompletableFuture<Outcome>> feedRequest(
      PicShareClient client, List<BenchUser> users, String order) {
    return () -> {
      BenchUser user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
      long started = System.nanoTime();
      return client
          .feed(user.token(), order, limit)
          .handle(
              (reply, failure) ->
                  Outcome.of(reply, failure, Outcome.microsSince(started), 200, -1));
    };
  }

  /** {@code count} distinct seeded users (not user 0) who follow someone, drawn from the seed. */
  static List<Integer> readers(SeededGraph seeded, int count) {
    int users = seeded.spec().users();
    List<Integer> candidates = new ArrayList<>();
    for (int u = 1; u < users; u++) {
      if (seeded.graph().followingCount(u) > 0) {
        candidates.add(u);
      }
    }
    if (candidates.isEmpty()) {
      throw new SetupException("no seeded user follows anyone: every feed would be empty");
    }
    SplittableRandom random = new SplittableRandom(seeded.spec().seed() + 1);
    for (int i = candidates.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      candidates.set(j, candidates.set(i, candidates.get(j)));
    }
    return List.copyOf(candidates.subList(0, Math.min(count, candidates.size())));
  }

  private void probe(
      BenchSetup setup, PicShareClient client, BenchUser user, String order, PrintWriter out) {
    Reply reply = setup.call("GET /v1/feed", () -> client.feedPage(user.token(), order, limit));
    if (reply.status() != 200) {
      throw BenchSetup.rejected("GET /v1/feed?order=" + order, reply);
    }
    int items = FeedPages.items(reply.text()).size();
    out.printf(
        Locale.ROOT,
        "Probe: GET /v1/feed?order=%s&limit=%d as %s: %d items, %s%n",
        order,
        limit,
        user.username(),
        items,
        FeedPages.nextCursor(reply.text()).isPresent() ? "more pages" : "no further page");
    if (items == 0) {
      out.println(
          "  Warning: an empty feed measures nothing; the seed's photos may have left the 7-day"
              + " window, or the inboxes were not written");
    }
  }

  private static String summary(String label, LevelResult result) {
    return String.format(
        Locale.ROOT,
        "%s done: %d ok of %d = %.1f/s, p50 %s ms, p99 %s ms, max %s ms, errors %s,"
            + " at most %d in flight",
        label,
        result.successes(),
        result.requests(),
        result.successesPerSecond(),
        MarkdownReport.milliseconds(result.latency().p50()),
        MarkdownReport.milliseconds(result.latency().p99()),
        MarkdownReport.milliseconds(result.latency().max()),
        MarkdownReport.errors(result.errors()),
        result.concurrency());
  }
}
