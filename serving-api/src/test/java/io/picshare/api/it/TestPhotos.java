package io.picshare.api.it;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Images made in code for upload tests: real encodings, and deliberately broken ones. */
final class TestPhotos {
  private TestPhotos() {}

  /** A real JPEG of the given size, with noise so that each seed gives different bytes. */
  static byte[] jpeg(int width, int height, long seed) {
    return jpeg(width, height, seed, Color.ORANGE, Color.BLUE);
  }

  /** The same, shaded from {@code from} (top left) to {@code to} (bottom right). */
  static byte[] jpeg(int width, int height, long seed, Color from, Color to) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(seed);
    Graphics2D g = image.createGraphics();
    g.setPaint(new java.awt.GradientPaint(0, 0, from, width, height, to));
    g.fillRect(0, 0, width, height);
    g.dispose();
    for (int i = 0; i < width * height / 8; i++) {
      image.setRGB(random.nextInt(width), random.nextInt(height), random.nextInt());
    }
    return encode(image, "jpg");
  }

  /**
   * A PNG of random pixels: it does not compress, so it is about {@code 3 × width × height} bytes.
   */
  static byte[] noisePng(int width, int height, long seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(seed);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    return encode(image, "png");
  }

  static byte[] png(int width, int height) {
    return encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png");
  }

  /** A tiny, valid PNG that declares 30000 × 30000 pixels: a decompression bomb. */
  static byte[] pngBomb() {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer header =
        ByteBuffer.allocate(13)
            .putInt(30_000)
            .putInt(30_000)
            .put((byte) 8)
            .put((byte) 2)
            .put((byte) 0)
            .put((byte) 0)
            .put((byte) 0);
    chunk(png, "IHDR", header.array());
    chunk(png, "IDAT", new byte[] {0x78, (byte) 0xda, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  static byte[] truncated(byte[] image) {
    return Arrays.copyOf(image, image.length / 2);
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
