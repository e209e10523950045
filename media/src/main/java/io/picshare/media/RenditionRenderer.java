package io.picshare.media;

import static java.util.Objects.requireNonNull;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Builds the {@link DisplaySize display renditions} of an image: decodes it once (JPEG including
 * CMYK and progressive, PNG, GIF's first frame, WebP), scales it by repeated bilinear halving and
 * one bicubic step per size, crops the thumbnail to a centred square, applies the EXIF orientation
 * and encodes baseline JPEGs that carry no metadata at all (no EXIF, XMP, ICC profile or comment;
 * only the JFIF header). Widths are never upscaled: the smallest width size that reaches the
 * photo's own width is built at that width and the larger ones are not built. Transparent pixels
 * are flattened onto white.
 *
 * <p>An image is decoded only if it passes the same checks as an upload ({@link ImageInspector})
 * and within {@code maxPixels}; images over {@link #DECODE_PIXELS} are decoded subsampled. A decode
 * running past {@code timeLimit} is aborted and fails as timed out. The JDK's JPEG decoder honours
 * the abort only between the rows it outputs, and a progressive JPEG's rows come out only once all
 * its scans are decoded: for those, what bounds a decode's time is the pixel limit (a 4000 x 3000
 * progressive JPEG, subsampled, takes about 3 s on one core here, aborted or not), and the abort
 * saves only the scaling and encoding. Every failure caused by the image is a {@link
 * RenditionFailedException}. Thread-safe; close it to stop its watchdog thread.
 */
public final class RenditionRenderer implements AutoCloseable {
  /** Images above this many pixels are decoded at 1/2, 1/3 … of their size to bound memory. */
  public static final long DECODE_PIXELS = 16_000_000L;

  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(20);
  public static final float DEFAULT_QUALITY = 0.82f;
  private static final long ABORT_REPEAT_MILLIS = 20;

  private final ImageInspector inspector;
  private final long maxPixels;
  private final Duration timeLimit;
  private final float quality;
  private final ScheduledExecutorService watchdog;

  /**
   * @param maxPixels the largest image decoded at all (as an upload's pixel cap)
   * @param timeLimit how long one image may take to decode
   * @param quality the JPEG quality, in (0, 1]
   */
  public RenditionRenderer(long maxPixels, Duration timeLimit, float quality) {
    this.inspector = new ImageInspector(maxPixels);
    this.maxPixels = maxPixels;
    this.timeLimit = requireNonNull(timeLimit, "timeLimit is null");
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
    }
    if (!(quality > 0 && quality <= 1)) {
      throw new IllegalArgumentException("quality must be within (0, 1]: " + quality);
    }
    this.quality = quality;
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "rendition-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.watchdog = executor;
  }

  public RenditionRenderer() {
    this(ImageInspector.DEFAULT_MAX_PIXELS, DEFAULT_TIME_LIMIT, DEFAULT_QUALITY);
  }

  /**
   * Every display size this image has, in {@link DisplaySize} order (the thumbnail always; widths
   * up to the image's own).
   *
   * @throws RenditionFailedException if the image cannot be decoded, is too large, or took too long
   */
  public List<Rendition> render(byte[] original) {
    requireNonNull(original, "original is null");
    ImageInfo info;
    try {
      info = inspector.inspect(original);
    } catch (ImageRejectedException e) {
      throw RenditionFailedException.of(e);
    }
    BufferedImage stored = decode(original);
    int orientation = info.orientation();
    boolean swapped = orientation >= 5;
    int displayedWidth = swapped ? stored.getHeight() : stored.getWidth();
    int displayedHeight = swapped ? stored.getWidth() : stored.getHeight();

    // Widths, largest first, each scaled from the one before (still in stored orientation).
    Map<DisplaySize, BufferedImage> scaled = new EnumMap<>(DisplaySize.class);
    BufferedImage previous = stored;
    List<DisplaySize> widths = widthsToBuild(displayedWidth);
    for (int i = widths.size() - 1; i >= 0; i--) {
      DisplaySize size = widths.get(i);
      int width = Math.min(size.pixels(), displayedWidth);
      int height = Math.max(1, (int) Math.round((double) displayedHeight * width / displayedWidth));
      previous =
          swapped
              ? scale(previous, height, width, whole(previous))
              : scale(previous, width, height, whole(previous));
      scaled.put(size, previous);
    }

    // The thumbnail: the centred square (the same square in either orientation) of the smallest
    // image that still has enough pixels.
    int side = Math.min(DisplaySize.THUMB.pixels(), Math.min(displayedWidth, displayedHeight));
    BufferedImage thumbSource = stored;
    for (DisplaySize size : widths) {
      BufferedImage candidate = scaled.get(size);
      if (Math.min(candidate.getWidth(), candidate.getHeight()) >= side) {
        thumbSource = candidate;
        break;
      }
    }
    scaled.put(DisplaySize.THUMB, scale(thumbSource, side, side, centredSquare(thumbSource)));

    List<Rendition> renditions = new ArrayList<>();
    for (Map.Entry<DisplaySize, BufferedImage> entry : scaled.entrySet()) {
      BufferedImage upright = Orientation.apply(entry.getValue(), orientation);
      renditions.add(
          new Rendition(entry.getKey(), upright.getWidth(), upright.getHeight(), encode(upright)));
    }
    return List.copyOf(renditions);
  }

  /** The width sizes below the image's width, plus the first one that reaches it. */
  static List<DisplaySize> widthsToBuild(int displayedWidth) {
    List<DisplaySize> sizes = new ArrayList<>();
    for (DisplaySize size : DisplaySize.values()) {
      if (size.square()) {
        continue;
      }
      sizes.add(size);
      if (size.pixels() >= displayedWidth) {
        break;
      }
    }
    return sizes;
  }

  private BufferedImage decode(byte[] original) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(original))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new RenditionFailedException(
            RenditionFailedException.Reason.UNSUPPORTED_TYPE, "no decoder reads this image", null);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width * height > maxPixels) {
          throw new RenditionFailedException(
              RenditionFailedException.Reason.TOO_MANY_PIXELS,
              "the image has " + width + " x " + height + " pixels, over " + maxPixels,
              null);
        }
        ImageReadParam param = reader.getDefaultReadParam();
        int subsampling = subsampling(width, height);
        if (subsampling > 1) {
          param.setSourceSubsampling(subsampling, subsampling, 0, 0);
        }
        // Readers clear an abort request when a read starts: keep asking until it ends.
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> abort =
            watchdog.scheduleAtFixedRate(
                () -> {
                  timedOut.set(true);
                  reader.abort();
                },
                timeLimit.toMillis(),
                ABORT_REPEAT_MILLIS,
                TimeUnit.MILLISECONDS);
        BufferedImage image;
        try {
          image = reader.read(0, param);
        } catch (IOException | RuntimeException e) {
          if (timedOut.get()) {
            throw timedOut(e);
          }
          throw new RenditionFailedException(
              RenditionFailedException.Reason.MALFORMED,
              "the image could not be decoded: " + e.getMessage(),
              e);
        } finally {
          abort.cancel(false);
        }
        if (timedOut.get() || image == null) {
          throw timedOut(null);
        }
        return image;
      } catch (IOException | RuntimeException e) {
        if (e instanceof RenditionFailedException failed) {
          throw failed;
        }
        throw new RenditionFailedException(
            RenditionFailedException.Reason.MALFORMED,
            "the image header could not be read: " + e.getMessage(),
            e);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a byte array does not fail
    }
  }

  private RenditionFailedException timedOut(Throwable cause) {
    return new RenditionFailedException(
        RenditionFailedException.Reason.TIMED_OUT,
        "decoding took longer than " + timeLimit.toMillis() + " ms",
        cause);
  }

  /** The smallest step that brings the decoded image within {@link #DECODE_PIXELS}. */
  static int subsampling(long width, long height) {
    int step = 1;
    while (ceilDiv(width, step) * ceilDiv(height, step) > DECODE_PIXELS) {
      step++;
    }
    return step;
  }

  private static long ceilDiv(long value, int divisor) {
    return (value + divisor - 1) / divisor;
  }

  private static int[] whole(BufferedImage image) {
    return new int[] {0, 0, image.getWidth(), image.getHeight()};
  }

  private static int[] centredSquare(BufferedImage image) {
    int side = Math.min(image.getWidth(), image.getHeight());
    int x = (image.getWidth() - side) / 2;
    int y = (image.getHeight() - side) / 2;
    return new int[] {x, y, x + side, y + side};
  }

  /**
   * The {@code region} (x1, y1, x2, y2) of {@code source} scaled to {@code width × height}: halved
   * with bilinear filtering while at least twice the target, then one bicubic step.
   */
  static BufferedImage scale(BufferedImage source, int width, int height, int[] region) {
    BufferedImage current = source;
    int[] from = region;
    int currentWidth = region[2] - region[0];
    int currentHeight = region[3] - region[1];
    while (currentWidth >= 2 * width && currentHeight >= 2 * height) {
      currentWidth /= 2;
      currentHeight /= 2;
      current =
          draw(
              current,
              from,
              currentWidth,
              currentHeight,
              RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      from = whole(current);
    }
    if (current == source || currentWidth != width || currentHeight != height) {
      current = draw(current, from, width, height, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }
    return current;
  }

  private static BufferedImage draw(
      BufferedImage source, int[] region, int width, int height, Object interpolation) {
    BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = target.createGraphics();
    try {
      if (source.getColorModel().hasAlpha()) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
      }
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, width, height, region[0], region[1], region[2], region[3], null);
    } finally {
      g.dispose();
    }
    return target;
  }

  /** A baseline JPEG with optimised Huffman tables and no metadata beyond the JFIF header. */
  private byte[] encode(BufferedImage image) {
    ImageWriter writer = jdkJpegWriter();
    ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4);
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      if (param instanceof javax.imageio.plugins.jpeg.JPEGImageWriteParam jpeg) {
        jpeg.setOptimizeHuffmanTables(true);
      }
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a JPEG in memory failed", e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** The JDK's own JPEG writer (plugins on the class path may register others first). */
  private static ImageWriter jdkJpegWriter() {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter first = null;
    while (writers.hasNext()) {
      ImageWriter writer = writers.next();
      if (writer.getClass().getName().equals("com.sun.imageio.plugins.jpeg.JPEGImageWriter")) {
        if (first != null) {
          first.dispose();
        }
        return writer;
      }
      if (first == null) {
        first = writer;
      } else {
        writer.dispose();
      }
    }
    if (first == null) {
      throw new IllegalStateException("no JPEG writer is installed");
    }
    return first;
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
  }
}
