package io.picshare.media;

/**
 * What a container parser found: the pixel size a decoder would allocate, and where the raw EXIF
 * (TIFF) block lies in the upload ({@code exifLength} 0 when there is none).
 */
record ImageLayout(int width, int height, int exifOffset, int exifLength) {
  static ImageLayout withoutExif(int width, int height) {
    return new ImageLayout(width, height, 0, 0);
  }

  boolean hasExif() {
    return exifLength > 0;
  }
}
