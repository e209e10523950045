package io.picshare.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Recognises a supported image format from its leading magic bytes alone. */
final class FormatSniffer {
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] GIF87A = ascii("GIF87a");
  private static final byte[] GIF89A = ascii("GIF89a");
  private static final byte[] RIFF = ascii("RIFF");
  private static final byte[] WEBP = ascii("WEBP");

  private FormatSniffer() {}

  static Optional<ImageFormat> sniff(byte[] bytes) {
    if (hasAt(bytes, 0, JPEG)) {
      return Optional.of(ImageFormat.JPEG);
    }
    if (hasAt(bytes, 0, PNG)) {
      return Optional.of(ImageFormat.PNG);
    }
    if (hasAt(bytes, 0, GIF87A) || hasAt(bytes, 0, GIF89A)) {
      return Optional.of(ImageFormat.GIF);
    }
    if (hasAt(bytes, 0, RIFF) && hasAt(bytes, 8, WEBP)) {
      return Optional.of(ImageFormat.WEBP);
    }
    return Optional.empty();
  }

  private static boolean hasAt(byte[] bytes, int offset, byte[] magic) {
    return bytes.length >= offset + magic.length
        && Arrays.equals(bytes, offset, offset + magic.length, magic, 0, magic.length);
  }

  private static byte[] ascii(String magic) {
    return magic.getBytes(StandardCharsets.US_ASCII);
  }
}
