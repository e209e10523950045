package io.picshare.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * {@code picshare bench thumbnail-delay}: how long after an upload's {@code 201} its thumbnail can
 * be downloaded by anyone, through the outbox relay, Kafka and the renditions worker.
 */
@Command(
    name = "thumbnail-delay",
    mixinStandardHelpOptions = true,
    description =
        "Uploads photos one at a time to a running stack (./picshare up) and, after each 201,"
            + " polls GET /v1/photos/{id}/content?size=thumb (anonymous) every 10 ms until it"
            + " answers 200; prints the delay's percentiles.")
public final class ThumbnailDelayCommand implements Callable<Integer> {
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
      defaultValue = "200",
      description = "Size of each generated JPEG (default: ${DEFAULT-VALUE}).")
  int photoKilobytes;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Random random = new SecureRandom();
    PicShareClient client = new PicShareClient(api, Duration.ofSeconds(60));
    BenchSetup setup = new BenchSetup(client, out, random);
    out.println("PicShare upload-to-thumbnail delay against " + api);
    setup.checkReady();
    List<byte[]> jpegs = setup.jpegs(photoKilobytes * 1024, Math.min(photos, 16));
    List<MultipartBody> bodies = UploadCommand.uploadBodies(jpegs, random);
    BenchUser user = setup.users(1).get(0);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Histogram delays = new Histogram(3);
    Histogram uploads = new Histogram(3);
    int timedOut = 0;
    for (int i = 0; i < photos; i++) {
      MultipartBody body = bodies.get(i % bodies.size());
      long started = System.nanoTime();
      Reply reply = setup.call("POST /v1/photos", () -> client.uploadPhoto(user.token(), body));
      long created = System.nanoTime();
      if (reply.status() != 201) {
        throw BenchSetup.rejected("POST /v1/photos", reply);
      }
      uploads.recordValue((created - started) / 1000);
      URI thumb = api.resolve("/v1/photos/" + BenchSetup.json(reply, "id") + "/content?size=thumb");
      HttpRequest request = HttpRequest.newBuilder(thumb).timeout(Duration.ofSeconds(10)).build();
      while (true) {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        long now = System.nanoTime();
        if (status == 200) {
          delays.recordValue((now - created) / 1000);
          break;
        }
        if (status != 503 || now - created > GIVE_UP.toNanos()) {
          timedOut++;
          out.println("  thumbnail of upload " + i + " not served: status " + status);
          break;
        }
        Thread.sleep(POLL.toMillis());
      }
    }
    out.printf(
        Locale.ROOT,
        "%n| uploads | upload 201 p50 | delay 201 → thumbnail p50 | p90 | p99 | max | not served |%n"
            + "|---|---|---|---|---|---|---|%n"
            + "| %d × %d KB | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %d |%n",
        photos,
        photoKilobytes,
        uploads.getValueAtPercentile(50) / 1000.0,
        delays.getValueAtPercentile(50) / 1000.0,
        delays.getValueAtPercentile(90) / 1000.0,
        delays.getValueAtPercentile(99) / 1000.0,
        delays.getMaxValue() / 1000.0,
        timedOut);
    return 0;
  }
}
