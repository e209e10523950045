package io.picshare.bench;

import io.picshare.data.search.SolrCoreClient;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code picshare bench search}: {@code GET /v1/search/photos} over an index of many real-looking
 * titles, open loop at fixed rates and closed loop at fixed concurrencies, beside the same queries
 * sent straight to Solr.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks GET /v1/search/photos over --photos real-looking titles (built from word lists"
          + " with a skew toward common words). Unless the core already holds that many"
          + " documents, first writes them: photo rows through the project's photo store (as"
          + " seed-graph does; no bytes, no outbox events) and their documents straight to Solr in"
          + " the indexer's shape. Then one- and two-word queries drawn from the titles: (a) open"
          + " loop at fixed rates, latency from each request's intended send time; (b) closed"
          + " loop at fixed concurrencies; each beside the same query sent straight to Solr (the"
          + " one the API sends). Prints Markdown tables for docs/benchmarks.md.",
      ""
    })
public final class SearchCommand implements Callable<Integer> {
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--api",
      defaultValue = "http://127.0.0.1:8080",
      description = "The API (default: ${DEFAULT-VALUE}).")
  URI api;

  @Option(
      names = "--solr-url",
      defaultValue = "http://127.0.0.1:8983/solr",
      paramLabel = "URL",
      description = "Solr's base URL (default: ${DEFAULT-VALUE}).")
  URI solrUrl;

  @Option(
      names = "--core",
      defaultValue = "photos",
      paramLabel = "NAME",
      description = "The photos core (default: ${DEFAULT-VALUE}).")
  String core;

  @Option(
      names = "--photos",
      defaultValue = "100000",
      paramLabel = "N",
      description = "Titles indexed before measuring (default: ${DEFAULT-VALUE}).")
  int photos;

  @Option(
      names = "--owners",
      defaultValue = "20",
      paramLabel = "N",
      description = "Users signed up to own the seeded photos (default: ${DEFAULT-VALUE}).")
  int owners;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the titles and queries (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--rates",
      split = ",",
      defaultValue = "100,300,1000",
      paramLabel = "N",
      description = "Open-loop levels: searches per second (default: ${DEFAULT-VALUE}).")
  List<Integer> rates;

  @Option(
      names = "--concurrency",
      split = ",",
      defaultValue = "8,32",
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
      description = "Results per search, the API's limit parameter (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--max-in-flight",
      defaultValue = "256",
      paramLabel = "N",
      description =
          "Open loop: requests outstanding at most; later ones wait, and the wait counts in"
              + " their latency (default: ${DEFAULT-VALUE}).")
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
    try {
      base = LoadParameters.baseUrl(api);
      if (photos < 1 || owners < 1 || owners > 1000) {
        throw new IllegalArgumentException("need --photos >= 1 and --owners between 1 and 1000");
      }
      if (rates.stream().anyMatch(r -> r < 1 || r > 100_000)
          || concurrency.stream().anyMatch(c -> c < 1 || c > 10_000)) {
        throw new IllegalArgumentException(
            "--rates must be 1..100000 per second, --concurrency 1..10000");
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
    Duration warmup = Duration.ofSeconds(warmupSeconds);
    Duration measure = Duration.ofSeconds(durationSeconds);
    PicShareClient client = new PicShareClient(base, requestTimeout);
    BenchSetup setup = new BenchSetup(client, out, new SecureRandom());
    URI coreUrl = URI.create(solrUrl.toString().replaceAll("/+$", "") + "/" + core);
    SolrCoreClient solr = new SolrCoreClient(coreUrl, Duration.ofMinutes(2));
    SolrSearchRequests raw = new SolrSearchRequests(coreUrl, requestTimeout);
    TitleWords titles = new TitleWords(seed);
    out.println("PicShare search benchmark against " + base + " and " + coreUrl);
    setup.checkReady();

    long indexed = solr.count("*:*");
    if (indexed >= photos) {
      out.printf(Locale.ROOT, "The core holds %,d documents already: not seeding%n", indexed);
    } else {
      try (BenchCluster connected = BenchCluster.connect(cluster)) {
        List<BenchUser> users = setup.users(owners);
        List<Long> ownerIds = new ArrayList<>();
        List<String> usernames = new ArrayList<>();
        for (BenchUser user : users) {
          ownerIds.add(
              connected
                  .users
                  .findByUsername(user.username())
                  .join()
                  .orElseThrow(() -> new SetupException("no user row for " + user.username()))
                  .user()
                  .userId());
          usernames.add(user.username());
        }
        new SearchSeeder(connected, solr, titles, out, Clock.systemUTC())
            .seed(photos, ownerIds, usernames);
      }
    }
    probe(setup, client, titles, out);

    ScheduledExecutorService scheduler = DaemonThreads.scheduler("bench-progress");
    SearchReport report = new SearchReport();
    Supplier<CompletableFuture<Outcome>> apiSearch =
        () -> {
          String words = query(titles);
          long started = System.nanoTime();
          return client
              .searchPhotos(words, limit)
              .handle(
                  (reply, failure) ->
                      Outcome.of(reply, failure, Outcome.microsSince(started), 200, -1));
        };
    Supplier<CompletableFuture<Outcome>> solrSearch = () -> raw.search(query(titles), limit);
    try {
      Duration drain = requestTimeout.plusSeconds(5);
      LevelRunner closed = new LevelRunner(out, scheduler, PROGRESS_INTERVAL, drain);
      OpenLoopRunner open =
          new OpenLoopRunner(out, scheduler, PROGRESS_INTERVAL, drain, maxInFlight);
      for (int rate : rates) {
        for (String target : List.of("API", "Solr")) {
          out.printf(Locale.ROOT, "%s, open loop at %d searches/s:%n", target, rate);
          OpenLoopRunner.Level level =
              open.run(rate, warmup, measure, target.equals("API") ? apiSearch : solrSearch);
          report.openLoop(target, rate, level);
        }
      }
      for (int clients : concurrency) {
        out.printf(Locale.ROOT, "API, closed loop, %d clients:%n", clients);
        LevelResult apiLevel = closed.run(clients, warmup, measure, apiSearch);
        out.printf(Locale.ROOT, "Solr, closed loop, %d clients:%n", clients);
        LevelResult solrLevel = closed.run(clients, warmup, measure, solrSearch);
        report.closedLoop(clients, apiLevel, solrLevel);
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
                "GET %s/v1/search/photos?q=…&limit=%d (anonymous) and %s/select with the API's"
                    + " query; %,d documents in the core; one- and two-word queries of seed %d;"
                    + " %d s warm-up + %d s measured per level; %s",
                base,
                limit,
                coreUrl,
                solr.count("*:*"),
                seed,
                warmupSeconds,
                durationSeconds,
                Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS))));
    out.flush();
    return 0;
  }

  private String query(TitleWords titles) {
    return titles.query(photos, new SplittableRandom(ThreadLocalRandom.current().nextLong()));
  }

  /** One search through the API, to show the index answers with photos the API can read. */
  private void probe(BenchSetup setup, PicShareClient client, TitleWords titles, PrintWriter out) {
    String words = TitleWords.searchWords(titles.title(0)).get(0);
    Reply reply = setup.call("GET /v1/search/photos", () -> client.searchPhotos(words, limit));
    if (reply.status() != 200) {
      throw BenchSetup.rejected("GET /v1/search/photos?q=" + words, reply);
    }
    int items = FeedPages.items(reply.text()).size();
    out.printf(Locale.ROOT, "Probe: q=%s → %d photos%n", words, items);
    if (items == 0) {
      throw new SetupException(
          "a search for '" + words + "' found nothing: the index or the photo rows are missing");
    }
  }
}
