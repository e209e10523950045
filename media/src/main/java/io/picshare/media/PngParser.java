package io.picshare.media;

import java.nio.charset.StandardCharsets;

/**
 * Reads the size from a PNG's IHDR chunk and walks every chunk to IEND, checking each length and
 * CRC-32; bytes after IEND are ignored. Nothing is inflated.
 */
final class PngParser {
  private static final int SIGNATURE_LENGTH = 8;
  private static final int IHDR = ImageBytes.tag("IHDR");
  private static final int IDAT = ImageBytes.tag("IDAT");
  private static final int IEND = ImageBytes.tag("IEND");
  private static final int EXIF = ImageBytes.tag("eXIf");

  private PngParser() {}

  static ImageLayout parse(ImageBytes image) {
    if (image.u32be(SIGNATURE_LENGTH) != 13 || image.s32be(SIGNATURE_LENGTH + 4) != IHDR) {
      throw image.malformed("it must start with a 13-byte IHDR chunk");
    }
    int header = SIGNATURE_LENGTH + 8;
    int width = image.s32be(header);
    int height = image.s32be(header + 4);
    if (width <= 0 || height <= 0) {
      throw image.malformed("the header declares a zero or out-of-range width or height");
    }
    if (!isValidPixelFormat(image.u8(header + 8), image.u8(header + 9))
        || image.u8(header + 10) != 0
        || image.u8(header + 11) != 0
        || image.u8(header + 12) > 1) {
      throw image.malformed("the header declares an invalid pixel format");
    }

    int exifOffset = 0;
    int exifLength = 0;
    boolean dataSeen = false;
    int offset = SIGNATURE_LENGTH;
    while (true) {
      long length = image.u32be(offset);
      int type = image.s32be(offset + 4);
      if (length > Integer.MAX_VALUE || !isChunkType(type)) {
        throw image.malformed("invalid chunk at byte " + offset);
      }
      int data = offset + 8;
      int crcOffset = image.requireEnd(data + length);
      if (image.s32be(crcOffset) != image.crc32(offset + 4, 4 + (int) length)) {
        throw image.malformed(
            "chunk " + name(type) + " at byte " + offset + " fails its CRC check");
      }
      if (type == IDAT) {
        dataSeen = true;
      } else if (type == EXIF && exifLength == 0) {
        exifOffset = data;
        exifLength = (int) length;
      } else if (type == IEND) {
        if (!dataSeen) {
          throw image.malformed("it has no image data");
        }
        return new ImageLayout(width, height, exifOffset, exifLength);
      }
      offset = crcOffset + 4;
    }
  }

  /** The colour type and bit depth combinations of PNG specification table 11.1. */
  private static boolean isValidPixelFormat(int bitDepth, int colourType) {
    return switch (colourType) {
      case 0 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
      case 3 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
      case 2, 4, 6 -> bitDepth == 8 || bitDepth == 16;
      default -> false;
    };
  }

  private static boolean isChunkType(int type) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      int c = type >>> shift & 0xFF;
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
        return false;
      }
    }
    return true;
  }

  private static String name(int type) {
    byte[] ascii = {(byte) (type >>> 24), (byte) (type >>> 16), (byte) (type >>> 8), (byte) type};
    return new String(ascii, StandardCharsets.US_ASCII);
  }
}
