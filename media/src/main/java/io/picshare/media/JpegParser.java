package io.picshare.media;

/**
 * Walks a JPEG's marker segments, takes the size from the first SOFn frame header and follows every
 * scan's entropy-coded data to the EOI marker; bytes after EOI (camera trailers, MPF images) are
 * ignored. Nothing is decoded.
 */
final class JpegParser {
  private static final int TEM = 0x01;
  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int APP1 = 0xE1;

  private JpegParser() {}

  static ImageLayout parse(ImageBytes image) {
    int width = 0;
    int height = 0;
    int exifOffset = 0;
    int exifLength = 0;
    boolean frameSeen = false;
    boolean scanSeen = false;
    boolean inScan = false;
    int offset = 2; // past SOI
    while (true) {
      int marker;
      if (inScan) {
        // Entropy-coded data: 0xFF is only followed by 0x00 (stuffing), RSTn or fill before a
        // marker.
        offset = image.indexOf(0xFF, offset);
        if (offset < 0) {
          throw image.malformed("the end-of-image marker is missing");
        }
        int next = image.u8(offset + 1);
        if (next == 0x00 || isRestart(next)) {
          offset += 2;
          continue;
        }
        if (next == 0xFF) {
          offset += 1;
          continue;
        }
        marker = next;
        offset += 2;
      } else {
        if (image.u8(offset) != 0xFF) {
          throw image.malformed("expected a marker at byte " + offset);
        }
        do {
          offset++;
        } while (image.u8(offset) == 0xFF);
        marker = image.u8(offset++);
      }
      inScan = false;

      if (marker == EOI) {
        if (!scanSeen) {
          throw image.malformed("it has no image data");
        }
        return new ImageLayout(width, height, exifOffset, exifLength);
      }
      if (isRestart(marker) || marker == TEM) {
        continue; // standalone markers without a length
      }
      if (marker == SOI || marker == 0x00) {
        throw image.malformed("unexpected marker at byte " + (offset - 1));
      }
      int length = image.u16be(offset);
      if (length < 2) {
        throw image.malformed("a segment has an invalid length");
      }
      int end = image.requireEnd((long) offset + length);
      if (isStartOfFrame(marker) && !frameSeen) {
        // Length, precision, height, width, component count, then 3 bytes per component.
        if (length < 8 || length < 8 + 3 * image.u8(offset + 7)) {
          throw image.malformed("the frame header is too short");
        }
        height = image.u16be(offset + 3);
        width = image.u16be(offset + 5);
        if (width == 0 || height == 0) {
          throw image.malformed("the frame header declares a zero width or height");
        }
        frameSeen = true;
      } else if (marker == APP1
          && exifLength == 0
          && image.hasAt(offset + 2, ExifSummary.JPEG_PREAMBLE)) {
        exifOffset = offset + 2 + ExifSummary.JPEG_PREAMBLE.length;
        exifLength = end - exifOffset;
      } else if (marker == SOS) {
        if (!frameSeen) {
          throw image.malformed("a scan starts before the frame header");
        }
        scanSeen = true;
        inScan = true;
      }
      offset = end;
    }
  }

  private static boolean isRestart(int marker) {
    return marker >= 0xD0 && marker <= 0xD7;
  }

  /** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }
}
