package io.picshare.bench;

import io.picshare.media.Rendition;
import io.picshare.media.RenditionRenderer;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.HdrHistogram.ConcurrentHistogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code picshare bench renditions}: how many photos per second (each giving its four display
 * renditions) the workers' renderer builds, in this process, with no stack: the CPU side of the
 * renditions consumer.
 */
@Command(
    name = "renditions",
    mixinStandardHelpOptions = true,
    description =
        "Renders the display sizes (thumb, small, medium, large) of generated camera-like JPEGs"
            + " in-process with the workers' RenditionRenderer, on 1..N threads, and prints photos/s,"
            + " photos/s per thread and per-photo latency. Needs no running stack.")
public final class RenditionsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--sizes",
      split = ",",
      defaultValue = "4000x3000,1600x1200",
      paramLabel = "WxH",
      description = "Source image sizes, each a level (default: ${DEFAULT-VALUE}).")
  List<String> sizes;

  @Option(
      names = "--threads",
      split = ",",
      defaultValue = "1,2",
      paramLabel = "N",
      description = "Rendering threads, each a level (default: ${DEFAULT-VALUE}).")
  List<Integer> threads;

  @Option(
      names = "--duration",
      defaultValue = "15",
      paramLabel = "SECONDS",
      description =
          "Measured seconds per level, after a warm-up of a third of it (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.println("PicShare renditions benchmark: " + MachineInfo.current().describe());
    out.println();
    out.println(
        "| source | threads | photos/s | photos/s per thread | renditions/s | ms per photo p50 | p99 | output bytes per photo |");
    out.println("|---|---|---|---|---|---|---|---|");
    try (RenditionRenderer renderer = new RenditionRenderer()) {
      for (String size : sizes) {
        String[] wh = size.split("x");
        List<byte[]> sources = sources(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
        for (int threadCount : threads) {
          run(renderer, sources, threadCount, durationSeconds / 3.0); // warm-up
          Level level = run(renderer, sources, threadCount, durationSeconds);
          out.printf(
              Locale.ROOT,
              "| %s JPEG (%d KB) | %d | %.1f | %.1f | %.1f | %.0f | %.0f | %d |%n",
              size,
              sources.get(0).length / 1024,
              threadCount,
              level.photosPerSecond(),
              level.photosPerSecond() / threadCount,
              level.renditionsPerSecond(),
              level.latency().getValueAtPercentile(50) / 1000.0,
              level.latency().getValueAtPercentile(99) / 1000.0,
              level.outputBytes() / Math.max(1, level.photos()));
          out.flush();
        }
      }
    }
    return 0;
  }

  private record Level(
      long photos, long renditions, long outputBytes, double seconds, ConcurrentHistogram latency) {
    double photosPerSecond() {
      return photos / seconds;
    }

    double renditionsPerSecond() {
      return renditions / seconds;
    }
  }

  private static Level run(
      RenditionRenderer renderer, List<byte[]> sources, int threadCount, double seconds)
      throws Exception {
    ConcurrentHistogram latency = new ConcurrentHistogram(3);
    AtomicLong photos = new AtomicLong();
    AtomicLong renditions = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    long started = System.nanoTime();
    long deadline = started + (long) (seconds * 1e9);
    ExecutorService pool = Executors.newFixedThreadPool(threadCount);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threadCount; t++) {
        int first = t;
        workers.add(
            pool.submit(
                () -> {
                  for (int i = first; System.nanoTime() < deadline; i++) {
                    long one = System.nanoTime();
                    List<Rendition> built = renderer.render(sources.get(i % sources.size()));
                    latency.recordValue((System.nanoTime() - one) / 1000);
                    photos.incrementAndGet();
                    renditions.addAndGet(built.size());
                    bytes.addAndGet(built.stream().mapToLong(r -> r.jpeg().length).sum());
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    return new Level(photos.get(), renditions.get(), bytes.get(), elapsed, latency);
  }

  /** Four distinct camera-like JPEGs (gradients, blobs, noise; quality 0.9) of this size. */
  static List<byte[]> sources(int width, int height) {
    List<byte[]> images = new ArrayList<>();
    for (int seed = 0; seed < 4; seed++) {
      images.add(encode(picture(width, height, seed)));
    }
    return images;
  }

  private static BufferedImage picture(int width, int height, long seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    SplittableRandom random = new SplittableRandom(seed);
    int cx = random.nextInt(width);
    int cy = random.nextInt(height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        long dx = x - cx;
        long dy = y - cy;
        int blob = (int) Math.min(255, (dx * dx + dy * dy) / (width * 4L));
        int noise = random.nextInt(24);
        int r = (x * 255 / width + noise) & 0xFF;
        int g = (y * 255 / height + noise) & 0xFF;
        int b = (blob + noise) & 0xFF;
        pixels[y * width + x] = r << 16 | g << 8 | b;
      }
    }
    return image;
  }

  private static byte[] encode(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
