package io.picshare.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code picshare bench feed-delay}: how long a new photo takes to reach a follower's feed, from
 * the upload's {@code 201} to the first {@code GET /v1/feed?order=recent} of the follower that
 * shows it.
 */
@Command(
    name = "feed-delay",
    mixinStandardHelpOptions = true,
    description = {
      "Measures the upload-to-feed delay: uploads a photo as one user, then polls a follower's"
          + " GET /v1/feed?order=recent until the photo is on its first page; the delay runs from"
          + " the upload's 201 to the poll response that shows it (so it is at most one poll"
          + " interval plus one request late). With a seed written by seed-graph the author is a"
          + " seeded user with about the average number of followers (below the celebrity"
          + " threshold, so the photo travels the fan-out: outbox, Kafka, the workers, the"
          + " inboxes) and the reader one of its followers; without one, two fresh users are"
          + " signed up and one follows the other.",
      ""
    })
public final class FeedDelayCommand implements Callable<Integer> {
  private static final long HIGHEST_MICROS = 3_600_000_000L;

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin SeedOptions seedOptions;

  @Option(
      names = "--trials",
      defaultValue = "50",
      paramLabel = "N",
      description = "Photos uploaded, one after the other (default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(
      names = "--poll-ms",
      defaultValue = "10",
      paramLabel = "MS",
      description = "Pause between two polls of the follower's feed (default: ${DEFAULT-VALUE}).")
  int pollMillis;

  @Option(
      names = "--timeout",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description =
          "A photo not in the feed this long after its upload counts as not visible"
              + " (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--max-pause-ms",
      defaultValue = "1000",
      paramLabel = "MS",
      description =
          "Before each upload, a random pause of up to this long, so the uploads do not fall into"
              + " step with the periodic outbox relay and consumer polls (default: ${DEFAULT-VALUE}).")
  int maxPauseMillis;

  @Override
  public Integer call() throws Exception {
    URI base;
    try {
      base = LoadParameters.baseUrl(seedOptions.api);
      BenchPasswords.check(seedOptions.password);
      if (trials < 1
          || trials > 10_000
          || pollMillis < 0
          || timeoutSeconds < 1
          || maxPauseMillis < 0) {
        throw new IllegalArgumentException(
            "need --trials between 1 and 10000, --poll-ms >= 0, --max-pause-ms >= 0 and"
                + " --timeout >= 1");
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    Random random = new SecureRandom();
    PicShareClient client = new PicShareClient(base, Duration.ofSeconds(30));
    BenchSetup setup = new BenchSetup(client, out, random);
    out.println("PicShare feed-delay benchmark against " + base);
    setup.checkReady();
    Pair pair = pair(setup, client, out);
    out.println(pair.describe());
    List<MultipartBody> photos =
        UploadCommand.uploadBodies(setup.jpegs(16 * 1024, Math.min(trials, 64)), random);

    Histogram delays = new Histogram(1, HIGHEST_MICROS, 3);
    Histogram uploads = new Histogram(1, HIGHEST_MICROS, 3);
    int polls = 0;
    int invisible = 0;
    for (int trial = 0; trial < trials; trial++) {
      MultipartBody photo = photos.get(trial % photos.size());
      if (maxPauseMillis > 0) {
        Thread.sleep(random.nextInt(maxPauseMillis + 1));
      }
      long sent = System.nanoTime();
      Reply upload =
          setup.call("POST /v1/photos", () -> client.uploadPhoto(pair.author().token(), photo));
      long acknowledged = System.nanoTime();
      if (upload.status() != 201) {
        throw BenchSetup.rejected("POST /v1/photos", upload);
      }
      uploads.recordValue(Math.max(1, (acknowledged - sent) / 1000));
      String id = BenchSetup.json(upload, "id");
      long deadline = acknowledged + Duration.ofSeconds(timeoutSeconds).toNanos();
      boolean visible = false;
      while (!visible && System.nanoTime() - deadline < 0) {
        Reply page =
            setup.call("GET /v1/feed", () -> client.feedPage(pair.reader().token(), "recent", 20));
        polls++;
        long answered = System.nanoTime();
        if (page.status() != 200) {
          throw BenchSetup.rejected("GET /v1/feed?order=recent", page);
        }
        if (FeedPages.items(page.text()).contains(id)) {
          visible = true;
          delays.recordValue(
              Math.max(1, Math.min(HIGHEST_MICROS, (answered - acknowledged) / 1000)));
        } else if (pollMillis > 0) {
          Thread.sleep(pollMillis);
        }
      }
      if (!visible) {
        invisible++;
        out.printf(
            "  trial %d: photo %s not in the feed after %d s%n", trial + 1, id, timeoutSeconds);
      }
      if ((trial + 1) % 10 == 0 || trial + 1 == trials) {
        out.printf(
            Locale.ROOT,
            "  %d/%d trials: p50 %s ms, max %s ms so far%n",
            trial + 1,
            trials,
            MarkdownReport.milliseconds(LatencySummary.of(delays).p50()),
            MarkdownReport.milliseconds(LatencySummary.of(delays).max()));
      }
    }

    LatencySummary delay = LatencySummary.of(delays);
    LatencySummary upload = LatencySummary.of(uploads);
    out.println();
    out.println("Client: " + MachineInfo.current().describe());
    out.printf(
        Locale.ROOT,
        "Parameters: %s; %d trials one after the other, each after a random pause of 0-%d ms,"
            + " follower polled every %d ms (%d polls); %s%n%n",
        pair.describe(),
        trials,
        maxPauseMillis,
        pollMillis,
        polls,
        Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS));
    out.println(
        "| trials | visible | not visible in "
            + timeoutSeconds
            + " s | delay p50 ms | p90 ms |"
            + " p99 ms | max ms | upload p50 ms | upload p99 ms |");
    out.println("|" + "---:|".repeat(9));
    out.printf(
        Locale.ROOT,
        "| %d | %d | %d | %s | %s | %s | %s | %s | %s |%n",
        trials,
        delays.getTotalCount(),
        invisible,
        MarkdownReport.milliseconds(delay.p50()),
        MarkdownReport.milliseconds(delay.p90()),
        MarkdownReport.milliseconds(delay.p99()),
        MarkdownReport.milliseconds(delay.max()),
        MarkdownReport.milliseconds(upload.p50()),
        MarkdownReport.milliseconds(upload.p99()));
    out.flush();
    return 0;
  }

  private record Pair(BenchUser author, BenchUser reader, String how) {
    String describe() {
      return "author " + author.username() + ", reader " + reader.username() + " (" + how + ")";
    }
  }

  /**
   * A seeded author with about the average number of followers and one of them, or a fresh pair.
   */
  private Pair pair(BenchSetup setup, PicShareClient client, PrintWriter out)
      throws InterruptedException, IOException {
    SeededGraph seeded;
    try (BenchCluster connected = BenchCluster.connect(cluster)) {
      seeded = SeededGraph.load(connected, seedOptions.seed, out);
    } catch (SetupException e) {
      if (!e.getMessage().contains("holds no seed")) {
        throw e;
      }
      out.println(e.getMessage() + "; using two fresh users instead");
      String suffix = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
      String secret = "delay-" + suffix + "-password";
      BenchUser author = setup.signUpAndLogIn("delay_a_" + suffix, secret);
      BenchUser reader = setup.signUpAndLogIn("delay_r_" + suffix, secret);
      Reply follow =
          setup.call(
              "PUT /v1/me/following", () -> client.follow(reader.token(), author.username()));
      if (follow.status() != 204) {
        throw BenchSetup.rejected("PUT /v1/me/following/" + author.username(), follow);
      }
      return new Pair(author, reader, "fresh users, the reader follows only the author");
    }
    SocialGraph graph = seeded.graph();
    GraphSpec graphSpec = seeded.spec();
    double mean = graphSpec.follows() / (double) graphSpec.users();
    int author = -1;
    for (int u = 1; u < graphSpec.users(); u++) {
      int followers = graph.followerCount(u);
      if (followers < 1 || followers >= graphSpec.celebrityFollowers()) {
        continue;
      }
      if (author < 0 || Math.abs(followers - mean) < Math.abs(graph.followerCount(author) - mean)) {
        author = u;
      }
    }
    if (author < 0) {
      throw new SetupException("no seeded user has followers below the celebrity threshold");
    }
    int reader = graph.followers(author)[0];
    List<BenchUser> users =
        setup.logIn(
            List.of(graphSpec.username(author), graphSpec.username(reader)), seedOptions.password);
    return new Pair(
        users.get(0),
        users.get(1),
        String.format(
            Locale.ROOT,
            "seed %d: the author has %d followers, fanned out; the reader follows %d users",
            seedOptions.seed,
            graph.followerCount(author),
            graph.followingCount(reader)));
  }
}
