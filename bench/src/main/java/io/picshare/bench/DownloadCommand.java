package io.picshare.bench;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code picshare bench download}: how fast the API serves photo bytes (or metadata) at each
 * concurrency.
 */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks GET /v1/photos/{id}/content?size=original as the owner (or, with --metadata, GET /v1/photos/{id}):"
            + " uploads a pool of photos untimed, then keeps N GETs of random pool photos in flight per level."
            + " Counts 200 with the uploaded byte count as success; reports req/s, MB/s and latency percentiles.")
public final class DownloadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LoadOptions options;

  @Option(
      names = "--metadata",
      description = "Benchmark GET /v1/photos/{id} (the Photo JSON) instead of the content.")
  boolean metadata;

  @Option(
      names = "--pool-size",
      defaultValue = "200",
      paramLabel = "N",
      description =
          "Photos uploaded (untimed) before the run to download from (default: ${DEFAULT-VALUE}).")
  int poolSize;

  @Override
  public Integer call() throws InterruptedException {
    LoadParameters parameters = options.toParameters();
    if (poolSize < 1) {
      throw new ParameterException(spec.commandLine(), "--pool-size must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    Random random = new SecureRandom();
    PicShareClient client = new PicShareClient(parameters.api(), parameters.requestTimeout());
    BenchSetup setup = new BenchSetup(client, out, random);

    String endpoint = metadata ? "GET /v1/photos/{id}" : "GET /v1/photos/{id}/content";
    out.println("PicShare download benchmark (" + endpoint + ") against " + parameters.api());
    setup.checkReady();
    List<byte[]> jpegs =
        setup.jpegs(parameters.photoBytes(), Math.min(poolSize, UploadCommand.DISTINCT_IMAGES));
    List<BenchUser> users = setup.users(parameters.users());
    List<UploadedPhoto> pool =
        setup.uploadPhotos(users, UploadCommand.uploadBodies(jpegs, random), jpegs, poolSize);

    LevelSeries series =
        new LevelSeries(parameters, MarkdownReport.forDownloads(), out, Clock.systemUTC());
    List<LevelResult> results =
        series.run(
            () -> {
              UploadedPhoto photo = pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
              long started = System.nanoTime();
              return (metadata
                      ? client.photoMetadata(photo.id())
                      : client.photoContent(photo.id(), photo.ownerToken()))
                  .handle(
                      (reply, failure) ->
                          Outcome.of(
                              reply,
                              failure,
                              Outcome.microsSince(started),
                              200,
                              metadata ? -1 : photo.size()));
            });
    series.printReport("download (" + endpoint + ", " + pool.size() + " photos, random)", results);
    return 0;
  }
}
