package io.picshare.media;

import static java.util.Objects.requireNonNull;

/**
 * Validates an upload cheaply before it is stored: sniffs the format from magic bytes, reads the
 * size from the header without decoding pixels, rejects decompression bombs and truncated or
 * corrupt files, and extracts EXIF orientation and GPS. Stateless and thread-safe.
 */
public final class ImageInspector {
  /** 50 megapixels: above any phone camera, far below what would exhaust a decoder's memory. */
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

  private final long maxPixels;

  /**
   * @param maxPixels the largest width × height accepted; larger images are TOO_MANY_PIXELS
   */
  public ImageInspector(long maxPixels) {
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
    }
    this.maxPixels = maxPixels;
  }

  /**
   * Describes the image in {@code bytes}, never trusting a file name or declared content type.
   *
   * @throws ImageRejectedException if the bytes are not a supported, complete image within the
   *     pixel limit
   */
  public ImageInfo inspect(byte[] bytes) {
    requireNonNull(bytes, "bytes is null");
    ImageFormat format =
        FormatSniffer.sniff(bytes).orElseThrow(ImageRejectedException::unsupportedType);
    ImageBytes image = new ImageBytes(bytes, format);
    ImageLayout layout = parse(format, image);
    if ((long) layout.width() * layout.height() > maxPixels) {
      throw ImageRejectedException.tooManyPixels(layout.width(), layout.height(), maxPixels);
    }
    ExifSummary exif =
        layout.hasExif()
            ? ExifSummary.read(image.copy(layout.exifOffset(), layout.exifLength()))
            : ExifSummary.ABSENT;
    return new ImageInfo(
        format, layout.width(), layout.height(), exif.orientation(), exif.location());
  }

  private static ImageLayout parse(ImageFormat format, ImageBytes image) {
    try {
      return switch (format) {
        case JPEG -> JpegParser.parse(image);
        case PNG -> PngParser.parse(image);
        case GIF -> GifParser.parse(image);
        case WEBP -> WebpParser.parse(image);
      };
    } catch (IndexOutOfBoundsException e) {
      // The parsers check bounds through ImageBytes; this is the safety net should one slip.
      throw ImageRejectedException.malformed(format, "its structure could not be read", e);
    }
  }
}
