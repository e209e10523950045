package io.picshare.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code picshare bench search-delay}: how long after an upload's {@code 201} a search for its
 * title finds it, through the outbox relay, Kafka, the search indexer and Solr's soft commit.
 */
@Command(
    name = "search-delay",
    mixinStandardHelpOptions = true,
    description =
        "Uploads photos one at a time to a running stack (./picshare up), each titled with a word"
            + " no other title has, and after each 201 polls GET /v1/search/photos?q=<that word>"
            + " (anonymous) every 10 ms until the photo is among the results; prints the delay's"
            + " percentiles.")
public final class SearchDelayCommand implements Callable<Integer> {
  private static final Duration POLL = Duration.ofMillis(10);
  private static final Duration GIVE_UP = Duration.ofSeconds(60);

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--api",
      defaultValue = "http://127.0.0.1:8080",
      description = "The API (reads and writes) (default: ${DEFAULT-VALUE}).")
  URI api;

  @Option(
      names = "--photos",
      defaultValue = "50",
      description = "Uploads measured (default: ${DEFAULT-VALUE}).")
  int photos;

  @Option(
      names = "--photo-size-kb",
      defaultValue = "50",
      description = "Size of each generated JPEG (default: ${DEFAULT-VALUE}).")
  int photoKilobytes;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Random random = new SecureRandom();
    PicShareClient client = new PicShareClient(api, Duration.ofSeconds(60));
    BenchSetup setup = new BenchSetup(client, out, random);
    out.println("PicShare upload-to-searchable delay against " + api);
    setup.checkReady();
    List<byte[]> jpegs = setup.jpegs(photoKilobytes * 1024, Math.min(photos, 16));
    String boundary = MultipartBody.randomBoundary(random);
    BenchUser user = setup.users(1).get(0);
    Histogram delays = new Histogram(3);
    Histogram uploads = new Histogram(3);
    int notFound = 0;
    for (int i = 0; i < photos; i++) {
      // Letters only, so the title analyser keeps it one token: "zq" + 12 random letters.
      String word = "zq" + letters(random, 12);
      MultipartBody body =
          MultipartBody.builder(boundary)
              .field("title", "Bench " + word + " at dusk")
              .file("file", "bench.jpg", "image/jpeg", jpegs.get(i % jpegs.size()))
              .build();
      long started = System.nanoTime();
      Reply reply = setup.call("POST /v1/photos", () -> client.uploadPhoto(user.token(), body));
      long created = System.nanoTime();
      if (reply.status() != 201) {
        throw BenchSetup.rejected("POST /v1/photos", reply);
      }
      uploads.recordValue((created - started) / 1000);
      String id = BenchSetup.json(reply, "id");
      while (true) {
        Reply found = client.searchPhotos(word, 20).join();
        long now = System.nanoTime();
        if (found.status() == 200 && found.text().contains("\"" + id + "\"")) {
          delays.recordValue((now - created) / 1000);
          break;
        }
        if (now - created > GIVE_UP.toNanos()) {
          notFound++;
          out.println("  upload " + i + " not found by search after " + GIVE_UP.toSeconds() + " s");
          break;
        }
        Thread.sleep(POLL.toMillis());
      }
    }
    out.printf(
        Locale.ROOT,
        "%n| uploads | upload 201 p50 | delay 201 → searchable p50 | p90 | p99 | max | not found |%n"
            + "|---|---|---|---|---|---|---|%n"
            + "| %d × %d KB | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %d |%n",
        photos,
        photoKilobytes,
        uploads.getValueAtPercentile(50) / 1000.0,
        delays.getValueAtPercentile(50) / 1000.0,
        delays.getValueAtPercentile(90) / 1000.0,
        delays.getValueAtPercentile(99) / 1000.0,
        delays.getMaxValue() / 1000.0,
        notFound);
    return 0;
  }

  private static String letters(Random random, int count) {
    StringBuilder letters = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      letters.append((char) ('a' + random.nextInt(26)));
    }
    return letters.toString();
  }
}
