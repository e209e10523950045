package io.picshare.bench;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code picshare bench upload}: how fast the API accepts {@code POST /v1/photos} at each
 * concurrency.
 */
@Command(
    name = "upload",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks POST /v1/photos: signs up fresh users, then keeps N uploads of generated JPEGs"
            + " in flight per level (rotating over users and 64 distinct images). Counts 201 as success;"
            + " reports uploads/s and latency percentiles as a Markdown table.")
public final class UploadCommand implements Callable<Integer> {
  static final int DISTINCT_IMAGES = 64;

  @Spec CommandSpec spec;

  @Mixin LoadOptions options;

  @Override
  public Integer call() throws InterruptedException {
    LoadParameters parameters = options.toParameters();
    PrintWriter out = spec.commandLine().getOut();
    Random random = new SecureRandom();
    PicShareClient client = new PicShareClient(parameters.api(), parameters.requestTimeout());
    BenchSetup setup = new BenchSetup(client, out, random);

    out.println("PicShare upload benchmark against " + parameters.api());
    setup.checkReady();
    List<MultipartBody> bodies =
        uploadBodies(setup.jpegs(parameters.photoBytes(), DISTINCT_IMAGES), random);
    List<BenchUser> users = setup.users(parameters.users());
    probe(setup, client, users.get(0), bodies.get(0), out);

    AtomicLong sequence = new AtomicLong();
    LevelSeries series =
        new LevelSeries(parameters, MarkdownReport.forUploads(), out, Clock.systemUTC());
    List<LevelResult> results =
        series.run(
            () -> {
              long n = sequence.getAndIncrement();
              BenchUser user = users.get((int) (n % users.size()));
              MultipartBody body = bodies.get((int) (n % bodies.size()));
              long started = System.nanoTime();
              return client
                  .uploadPhoto(user.token(), body)
                  .handle(
                      (reply, failure) ->
                          Outcome.of(reply, failure, Outcome.microsSince(started), 201, -1));
            });
    series.printReport("upload (POST /v1/photos, " + DISTINCT_IMAGES + " distinct JPEGs)", results);
    return 0;
  }

  /**
   * One untimed upload, so a missing endpoint or a refused image fails setup instead of every
   * request.
   */
  private static void probe(
      BenchSetup setup,
      PicShareClient client,
      BenchUser user,
      MultipartBody body,
      PrintWriter out) {
    Reply reply = setup.call("POST /v1/photos", () -> client.uploadPhoto(user.token(), body));
    if (reply.status() != 201) {
      throw BenchSetup.rejected("POST /v1/photos", reply);
    }
    String limit = reply.header("RateLimit-Limit");
    out.println(
        "Probe upload accepted"
            + (limit.isEmpty()
                ? ""
                : "; server upload limit per user: RateLimit-Limit "
                    + limit
                    + ", RateLimit-Reset "
                    + reply.header("RateLimit-Reset")
                    + " s (raise rate-limit-uploads-per-minute"
                    + " on the server, or use more --users, if the run shows 429s)"));
  }

  static List<MultipartBody> uploadBodies(List<byte[]> jpegs, Random random) {
    String boundary = MultipartBody.randomBoundary(random);
    List<MultipartBody> bodies = new ArrayList<>(jpegs.size());
    for (int i = 0; i < jpegs.size(); i++) {
      bodies.add(
          MultipartBody.builder(boundary)
              .field("title", "bench photo " + i)
              .file("file", "bench.jpg", "image/jpeg", jpegs.get(i))
              .build());
    }
    return List.copyOf(bodies);
  }
}
