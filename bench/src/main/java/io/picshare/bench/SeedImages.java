package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The small JPEGs seeded photos show: one HDFS file holding {@code images} distinct JPEGs back to
 * back, and where each one is in it, so a photo row points at a range of that file (a {@code
 * BlobLocation} with an offset, as packed photos do) instead of the seed creating 100,000 small
 * files. The API reads it like any photo.
 *
 * @param path the HDFS file
 * @param images each JPEG's range, dimensions and SHA-256
 */
record SeedImages(String path, List<Image> images) {
  /** One JPEG of the file. */
  record Image(long offset, int length, int width, int height, String sha256) {
    Image {
      requireNonNull(sha256, "sha256 is null");
    }
  }

  /** The file's bytes and the index of the images in it. */
  record Built(SeedImages index, byte[] content) {}

  SeedImages {
    requireNonNull(path, "path is null");
    images = List.copyOf(images);
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no images");
    }
  }

  /** The HDFS file of seed {@code seed}'s images. */
  static String pathFor(long seed) {
    return "/picshare/photos/seed/seed" + seed + ".jpgs";
  }

  /** Image {@code photo} shows (photos take turns). */
  Image imageOf(int photo) {
    return images.get(photo % images.size());
  }

  static Built build(long seed, int count, int targetBytes) {
    List<byte[]> jpegs = new JpegFactory(targetBytes).pool(count, seed);
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    List<Image> images = new ArrayList<>(count);
    for (byte[] jpeg : jpegs) {
      BufferedImage decoded = decode(jpeg);
      images.add(
          new Image(
              content.size(), jpeg.length, decoded.getWidth(), decoded.getHeight(), sha256(jpeg)));
      content.writeBytes(jpeg);
    }
    return new Built(new SeedImages(pathFor(seed), images), content.toByteArray());
  }

  private static BufferedImage decode(byte[] jpeg) {
    try {
      return requireNonNull(ImageIO.read(new ByteArrayInputStream(jpeg)), "not an image");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The hex SHA-256 of {@code bytes}, as photo rows hold it. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
