package io.picshare.media;

/**
 * Reads a GIF's logical screen descriptor and walks every block and data sub-block to the trailer;
 * bytes after the trailer are ignored. The size is the logical screen grown to cover any frame that
 * overhangs it, since that is what a decoder ends up allocating.
 */
final class GifParser {
  private static final int IMAGE_DESCRIPTOR = 0x2C;
  private static final int EXTENSION = 0x21;
  private static final int TRAILER = 0x3B;
  private static final int HEADER_LENGTH = 6;
  private static final int SCREEN_DESCRIPTOR_LENGTH = 7;
  private static final int IMAGE_DESCRIPTOR_LENGTH = 10;

  private GifParser() {}

  static ImageLayout parse(ImageBytes image) {
    int width = image.u16le(HEADER_LENGTH);
    int height = image.u16le(HEADER_LENGTH + 2);
    int offset =
        HEADER_LENGTH + SCREEN_DESCRIPTOR_LENGTH + colourTableLength(image.u8(HEADER_LENGTH + 4));
    int frames = 0;
    while (true) {
      int block = image.u8(offset);
      if (block == IMAGE_DESCRIPTOR) {
        int left = image.u16le(offset + 1);
        int top = image.u16le(offset + 3);
        width = Math.max(width, left + image.u16le(offset + 5));
        height = Math.max(height, top + image.u16le(offset + 7));
        offset += IMAGE_DESCRIPTOR_LENGTH + colourTableLength(image.u8(offset + 9));
        image.u8(offset); // LZW minimum code size
        offset = skipSubBlocks(image, offset + 1);
        frames++;
      } else if (block == EXTENSION) {
        image.u8(offset + 1); // label
        offset = skipSubBlocks(image, offset + 2);
      } else if (block == TRAILER) {
        if (frames == 0) {
          throw image.malformed("it has no image data");
        }
        if (width == 0 || height == 0) {
          throw image.malformed("it declares a zero width or height");
        }
        return ImageLayout.withoutExif(width, height);
      } else {
        throw image.malformed("unexpected block at byte " + offset);
      }
    }
  }

  /** A colour table follows a descriptor whose packed field has the top bit set. */
  private static int colourTableLength(int packedFields) {
    return (packedFields & 0x80) == 0 ? 0 : 3 << ((packedFields & 0x07) + 1);
  }

  /** Skips length-prefixed sub-blocks up to and including the zero-length terminator. */
  private static int skipSubBlocks(ImageBytes image, int offset) {
    int size;
    while ((size = image.u8(offset)) != 0) {
      offset += 1 + size;
    }
    return offset + 1;
  }
}
