package io.picshare.bench;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Makes distinct, valid baseline JPEGs of about a target size with {@code javax.imageio}: a
 * gradient with blobs and per-pixel noise, all drawn from a seed, in 4:3 dimensions that are
 * adjusted until the encoded file is within {@link #TOLERANCE} of the target.
 */
public final class JpegFactory {
  /** How far from the target size an image may be: ±10%. */
  public static final double TOLERANCE = 0.10;

  private static final float QUALITY = 0.85f;
  private static final int MAX_ATTEMPTS = 16;
  private static final int MIN_WIDTH = 8;

  /** Rough cost of noisy pixels at {@link #QUALITY}; only the first guess depends on it. */
  private static final double FIRST_GUESS_BYTES_PER_PIXEL = 0.9;

  private final int targetBytes;

  public JpegFactory(int targetBytes) {
    if (targetBytes < 2048) {
      throw new IllegalArgumentException(
          "target size must be at least 2 KB, got " + targetBytes + " bytes");
    }
    this.targetBytes = targetBytes;
  }

  public int targetBytes() {
    return targetBytes;
  }

  /** {@code count} distinct JPEGs, image {@code i} drawn from seed {@code seed + i}. */
  public List<byte[]> pool(int count, long seed) {
    List<byte[]> images = new ArrayList<>(count);
    int width = firstGuessWidth();
    for (int i = 0; i < count; i++) {
      Encoded encoded = create(seed + i, width);
      images.add(encoded.bytes());
      width = encoded.width();
    }
    return List.copyOf(images);
  }

  public byte[] create(long seed) {
    return create(seed, firstGuessWidth()).bytes();
  }

  private int firstGuessWidth() {
    return widthForPixels(targetBytes / FIRST_GUESS_BYTES_PER_PIXEL);
  }

  private Encoded create(long seed, int startWidth) {
    int width = startWidth;
    Encoded best = null;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Encoded encoded = new Encoded(encode(draw(width, seed)), width);
      if (best == null || encoded.error(targetBytes) < best.error(targetBytes)) {
        best = encoded;
      }
      if (encoded.error(targetBytes) <= TOLERANCE / 2) {
        return encoded;
      }
      // File size grows about linearly with the pixel count; the fixed header does not.
      double overhead = 700;
      double ratio = (targetBytes - overhead) / Math.max(1, encoded.bytes().length - overhead);
      int next = widthForPixels(width * (width * 3 / 4) * Math.max(0.25, Math.min(4, ratio)));
      width = next == width ? width + (ratio > 1 ? 1 : -1) : next;
      width = Math.max(MIN_WIDTH, width);
    }
    if (best.error(targetBytes) > TOLERANCE) {
      throw new IllegalStateException(
          "could not make a JPEG within 10% of "
              + targetBytes
              + " bytes; closest was "
              + best.bytes().length);
    }
    return best;
  }

  private static int widthForPixels(double pixels) {
    return Math.max(MIN_WIDTH, (int) Math.round(Math.sqrt(pixels * 4 / 3)));
  }

  private static BufferedImage draw(int width, long seed) {
    int height = Math.max(MIN_WIDTH * 3 / 4, width * 3 / 4);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    SplittableRandom random = new SplittableRandom(seed);
    int[] from = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
    int[] to = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
    int blobs = 3 + random.nextInt(4);
    double[][] blob = new double[blobs][];
    for (int b = 0; b < blobs; b++) {
      blob[b] =
          new double[] {
            random.nextDouble() * width,
            random.nextDouble() * height,
            (0.05 + random.nextDouble() * 0.25) * width,
            random.nextInt(-90, 90)
          };
    }
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double t = (x + (double) y) / (width + height);
        double light = 0;
        for (double[] b : blob) {
          double dx = x - b[0];
          double dy = y - b[1];
          if (dx * dx + dy * dy < b[2] * b[2]) {
            light += b[3];
          }
        }
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
          double value = from[c] + (to[c] - from[c]) * t + light + random.nextInt(-40, 41);
          rgb = (rgb << 8) | (int) Math.max(0, Math.min(255, value));
        }
        pixels[y * width + x] = rgb;
      }
    }
    return image;
  }

  private static byte[] encode(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(QUALITY);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG encoding failed", e);
    } finally {
      writer.dispose();
    }
  }

  private record Encoded(byte[] bytes, int width) {
    double error(int target) {
      return Math.abs(bytes.length - target) / (double) target;
    }
  }
}
