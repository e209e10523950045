package io.picshare.bench;

import io.picshare.data.lease.WorkerIdLease;
import io.picshare.schema.blob.PhotoPaths;
import io.picshare.schema.blob.VolumePaths;
import io.picshare.schema.id.IdGenerator;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code picshare bench storage}: photo reads from wherever the storage jobs put the bytes. The
 * first run seeds the photos (small files and rows, as uploads leave them) and writes a pool file;
 * later runs read the same photos, so one run before {@code batch pack}, one after it and one after
 * {@code batch rebalance --cold-after 0d} compare small files, hot volumes and the cold tier.
 */
@Command(
    name = "storage",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks GET /v1/photos/{id}/content?size=original (as the owner) over photos whose"
          + " bytes live where the storage jobs left them. Unless --pool names a file an earlier"
          + " run wrote, first seeds --photos photos as uploads leave them: a small HDFS file each"
          + " (random bytes of --photo-size-kb, replication 3) in upload hours of the last day,"
          + " and its rows through the project's photo store, all owned by one user signed up"
          + " through the API; then writes --pool (the owner's credentials and --sample of the"
          + " photos). Each run prints where the sample's bytes live now (small files, hot or"
          + " cold volumes) and the GET latency at each --concurrency.",
      "Compare: run it, then ./picshare batch pack --older-than 0s --grace 0s, run it again, then"
          + " ./picshare batch rebalance --cold-after 0d --grace 0s, and again (bench/README.md)."
    })
public final class StorageCommand implements Callable<Integer> {
  private static final String PASSWORD = "picshare-storage-bench";

  @Spec CommandSpec spec;

  @Mixin LoadOptions options;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--photos",
      defaultValue = "100000",
      paramLabel = "N",
      description = "Photos seeded when there is no pool file yet (default: ${DEFAULT-VALUE}).")
  int photos;

  @Option(
      names = "--sample",
      defaultValue = "5000",
      paramLabel = "N",
      description = "Photos of them kept in the pool file and read (default: ${DEFAULT-VALUE}).")
  int sample;

  @Option(
      names = "--pool",
      defaultValue = "target/storage-bench-pool.txt",
      paramLabel = "FILE",
      description = "The pool file: read if it exists, else written (default: ${DEFAULT-VALUE}).")
  Path pool;

  @Override
  public Integer call() throws Exception {
    LoadParameters parameters = options.toParameters();
    if (photos < 1 || sample < 1) {
      throw new ParameterException(spec.commandLine(), "--photos and --sample must be positive");
    }
    PrintWriter out = spec.commandLine().getOut();
    PicShareClient client = new PicShareClient(parameters.api(), parameters.requestTimeout());
    BenchSetup setup = new BenchSetup(client, out, new SecureRandom());
    out.println("PicShare storage read benchmark against " + parameters.api());
    setup.checkReady();
    try (BenchCluster stack = BenchCluster.connect(cluster)) {
      if (!Files.exists(pool)) {
        seed(stack, setup, parameters.photoBytes(), out);
      }
      List<String> lines = Files.readAllLines(pool, StandardCharsets.UTF_8);
      List<SeededPhoto> seeded = lines.stream().skip(1).map(SeededPhoto::parse).toList();
      String tiers = tiers(stack, seeded);
      BenchUser owner = setup.logIn(List.of(lines.get(0)), PASSWORD).get(0);
      List<UploadedPhoto> pooled =
          seeded.stream()
              .map(photo -> new UploadedPhoto(photo.publicId(), photo.size(), owner.token()))
              .toList();
      out.println("Where the " + seeded.size() + " pooled photos' bytes are: " + tiers);
      LevelSeries series =
          new LevelSeries(parameters, MarkdownReport.forDownloads(), out, Clock.systemUTC());
      List<LevelResult> results =
          series.run(
              () -> {
                UploadedPhoto photo =
                    pooled.get(ThreadLocalRandom.current().nextInt(pooled.size()));
                long started = System.nanoTime();
                return client
                    .photoContent(photo.id(), photo.ownerToken())
                    .handle(
                        (reply, failure) ->
                            Outcome.of(
                                reply, failure, Outcome.microsSince(started), 200, photo.size()));
              });
      series.printReport(
          "storage reads (GET …/content?size=original, " + tiers + ", random)", results);
    }
    return 0;
  }

  /** A pooled photo: its public id, size, owner id and photo id (one pool-file line). */
  private record SeededPhoto(String publicId, long size, long ownerId, long photoId) {
    static SeededPhoto parse(String line) {
      String[] fields = line.split(" ");
      return new SeededPhoto(
          fields[0],
          Long.parseLong(fields[1]),
          Long.parseLong(fields[2]),
          Long.parseLong(fields[3]));
    }

    String line() {
      return publicId + " " + size + " " + ownerId + " " + photoId;
    }
  }

  /** Seeds the photos and writes the pool file. */
  private void seed(BenchCluster stack, BenchSetup setup, int photoBytes, PrintWriter out)
      throws Exception {
    String username = "storage_" + HexFormat.of().formatHex(randomBytes(4));
    setup.signUpAndLogIn(username, PASSWORD);
    long ownerId = stack.users.findByUsername(username).join().orElseThrow().user().userId();
    long now = System.currentTimeMillis();
    long lastHourStart = now - now % Duration.ofHours(1).toMillis();
    long firstMillis = lastHourStart - Duration.ofHours(23).toMillis();
    int workerId =
        WorkerIdLease.reserveUnused(
                stack.leases, ("bench storage " + now).getBytes(StandardCharsets.UTF_8), now)
            .join();
    FileSystem hdfs = stack.hdfs();
    Random random = new Random(now);
    byte[] bytes = new byte[photoBytes];
    random.nextBytes(bytes);
    List<SeededPhoto> kept = new ArrayList<>();
    int keepEvery = Math.max(1, photos / sample);
    long started = System.nanoTime();
    ExecutorService writers = Executors.newFixedThreadPool(16);
    try {
      List<Future<CompletableFuture<Boolean>>> pending = new ArrayList<>();
      for (int p = 0; p < photos; p++) {
        long createdAt =
            firstMillis + (long) ((double) p / photos * (lastHourStart - firstMillis - 1));
        long photoId =
            ((createdAt - IdGenerator.EPOCH_MILLIS)
                    << (IdGenerator.SEQUENCE_BITS + IdGenerator.WORKER_BITS))
                | ((long) workerId << IdGenerator.SEQUENCE_BITS)
                | (p % (1 << IdGenerator.SEQUENCE_BITS));
        // each photo's bytes differ (its id in the first 8 bytes), so each hash does
        byte[] content = bytes.clone();
        for (int i = 0; i < 8; i++) {
          content[i] = (byte) (photoId >>> (56 - 8 * i));
        }
        PhotoRecord record =
            new PhotoRecord(
                photoId,
                ownerId,
                "storage bench " + p,
                "image/jpeg",
                content.length,
                1080,
                720,
                1,
                null,
                null,
                SeedImages.sha256(content),
                BlobLocation.wholeFile(PhotoPaths.incoming(photoId, "jpg"), content.length),
                createdAt);
        pending.add(writers.submit(() -> write(hdfs, stack, record, content)));
        if (p % keepEvery == 0 && kept.size() < sample) {
          kept.add(new SeededPhoto(PublicIds.encode(photoId), content.length, ownerId, photoId));
        }
        if (pending.size() >= 2_000 || p == photos - 1) {
          for (Future<CompletableFuture<Boolean>> write : pending) {
            if (!write.get().join()) {
              throw new SetupException("a seeded photo id was taken");
            }
          }
          pending.clear();
          if ((p + 1) % 10_000 == 0 || p == photos - 1) {
            out.printf(Locale.ROOT, "  seeded %,d of %,d photos%n", p + 1, photos);
            out.flush();
          }
        }
      }
    } finally {
      writers.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(
        Locale.ROOT,
        "Seeded %,d photos of %,d bytes in %.1f s (%.0f photos/s: HDFS file, id lookup, row)%n",
        photos,
        photoBytes,
        seconds,
        photos / seconds);
    List<String> lines = new ArrayList<>();
    lines.add(username);
    kept.forEach(photo -> lines.add(photo.line()));
    Files.createDirectories(pool.toAbsolutePath().getParent());
    Files.write(pool, lines, StandardCharsets.UTF_8);
  }

  /** Writes the photo's file (on this thread), then its rows; the future says both were new. */
  private static CompletableFuture<Boolean> write(
      FileSystem hdfs, BenchCluster stack, PhotoRecord record, byte[] content) {
    try (FSDataOutputStream file =
        hdfs.create(new org.apache.hadoop.fs.Path(record.location().path()), false)) {
      file.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return stack
        .photos
        .insertLookupIfAbsent(record)
        .thenCompose(
            inserted ->
                inserted
                    ? stack.photos.insertRowIfAbsent(record)
                    : CompletableFuture.completedFuture(false));
  }

  /** How many of {@code photos} live in small files, hot volumes and cold volumes now. */
  private static String tiers(BenchCluster stack, List<SeededPhoto> photos) {
    Map<String, Integer> counts = new TreeMap<>();
    for (SeededPhoto photo : photos) {
      String path =
          stack
              .photos
              .find(photo.ownerId(), photo.photoId())
              .join()
              .orElseThrow(
                  () -> new SetupException("pooled photo " + photo.publicId() + " is gone"))
              .record()
              .location()
              .path();
      String tier =
          VolumePaths.isCold(path)
              ? "cold volumes"
              : VolumePaths.isVolume(path) ? "hot volumes" : "small files";
      counts.merge(tier, 1, Integer::sum);
    }
    return counts.toString();
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
