package io.picshare.media;

/**
 * Checks that a WebP's RIFF size matches the upload, walks its chunks and reads the size from the
 * VP8 (lossy), VP8L (lossless) or VP8X (extended) header. An extended still image must contain a
 * bitstream of the canvas size; an animation must contain frames.
 */
final class WebpParser {
  private static final int RIFF_HEADER_LENGTH = 12;
  private static final int VP8 = ImageBytes.tag("VP8 ");
  private static final int VP8L = ImageBytes.tag("VP8L");
  private static final int VP8X = ImageBytes.tag("VP8X");
  private static final int ANMF = ImageBytes.tag("ANMF");
  private static final int EXIF = ImageBytes.tag("EXIF");
  private static final int VP8X_ANIMATION_FLAG = 0x02;

  private WebpParser() {}

  static ImageLayout parse(ImageBytes image) {
    long riffSize = image.u32le(4);
    long declaredEnd = 8 + riffSize;
    boolean oddSizePadded = riffSize % 2 == 1 && image.length() == declaredEnd + 1;
    if (image.length() != declaredEnd && !oddSizePadded) {
      throw image.malformed("its RIFF size does not match the file length");
    }
    int end = (int) declaredEnd;

    Chunks chunks = new Chunks();
    int offset = RIFF_HEADER_LENGTH;
    while (offset < end) {
      if (offset > end - 8) {
        throw image.malformed("a chunk header is cut off at byte " + offset);
      }
      int type = image.s32be(offset);
      long size = image.u32le(offset + 4);
      int data = offset + 8;
      if (data + size > end) {
        throw image.malformed("a chunk runs past the end of the file at byte " + offset);
      }
      chunks.add(image, type, data, (int) size);
      offset = (int) (data + size + (size & 1)); // chunks are padded to an even size
    }
    return chunks.layout(image);
  }

  /** What the chunk walk has seen so far. */
  private static final class Chunks {
    int firstType;
    int count;
    int canvasWidth;
    int canvasHeight;
    boolean animated;
    boolean framesSeen;
    int bitstreamWidth;
    int bitstreamHeight;
    int exifOffset;
    int exifLength;

    void add(ImageBytes image, int type, int data, int size) {
      if (count++ == 0) {
        firstType = type;
      }
      if (type == VP8X && count == 1) {
        if (size < 10) {
          throw image.malformed("the VP8X header is too short");
        }
        animated = (image.u8(data) & VP8X_ANIMATION_FLAG) != 0;
        canvasWidth = image.u24le(data + 4) + 1;
        canvasHeight = image.u24le(data + 7) + 1;
      } else if (type == VP8 && bitstreamWidth == 0) {
        // RFC 6386 section 9.1: 3-byte frame tag (bit 0 clear on key frames), start code 9D 01 2A,
        // then 14-bit width and height, each with a 2-bit scale above it.
        if (size < 10
            || (image.u8(data) & 0x01) != 0
            || image.u8(data + 3) != 0x9D
            || image.u8(data + 4) != 0x01
            || image.u8(data + 5) != 0x2A) {
          throw image.malformed("the VP8 frame header is invalid");
        }
        bitstreamWidth = image.u16le(data + 6) & 0x3FFF;
        bitstreamHeight = image.u16le(data + 8) & 0x3FFF;
        if (bitstreamWidth == 0 || bitstreamHeight == 0) {
          throw image.malformed("the VP8 frame header declares a zero width or height");
        }
      } else if (type == VP8L && bitstreamWidth == 0) {
        // Lossless bitstream: signature 0x2F, then 14 bits width - 1, 14 bits height - 1,
        // 1 bit alpha hint and a 3-bit version that must be 0, little-endian.
        if (size < 5 || image.u8(data) != 0x2F) {
          throw image.malformed("the VP8L header is invalid");
        }
        long bits = image.u32le(data + 1);
        if (bits >>> 29 != 0) {
          throw image.malformed("the VP8L header has an unknown version");
        }
        bitstreamWidth = (int) (bits & 0x3FFF) + 1;
        bitstreamHeight = (int) (bits >>> 14 & 0x3FFF) + 1;
      } else if (type == ANMF) {
        framesSeen = true;
      } else if (type == EXIF && exifLength == 0) {
        // Some writers keep the JPEG-style "Exif\0\0" preamble in front of the TIFF header.
        int skip =
            image.hasAt(data, ExifSummary.JPEG_PREAMBLE) ? ExifSummary.JPEG_PREAMBLE.length : 0;
        exifOffset = data + skip;
        exifLength = size - skip;
      }
    }

    ImageLayout layout(ImageBytes image) {
      if (firstType == VP8 || firstType == VP8L) {
        return ImageLayout.withoutExif(bitstreamWidth, bitstreamHeight);
      }
      if (firstType != VP8X) {
        throw image.malformed("it must start with a VP8, VP8L or VP8X chunk");
      }
      if (animated ? !framesSeen : bitstreamWidth == 0) {
        throw image.malformed("it has no image data");
      }
      if (!animated && (bitstreamWidth != canvasWidth || bitstreamHeight != canvasHeight)) {
        throw image.malformed("the bitstream size does not match the canvas size");
      }
      return new ImageLayout(canvasWidth, canvasHeight, exifOffset, exifLength);
    }
  }
}
