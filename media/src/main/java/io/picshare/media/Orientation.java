package io.picshare.media;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Turns an image stored with an EXIF orientation (1–8) upright. Orientations 5–8 swap width and
 * height. Works on {@code TYPE_INT_RGB} images, pixel by pixel over their arrays.
 */
final class Orientation {
  private Orientation() {}

  static BufferedImage apply(BufferedImage stored, int orientation) {
    if (orientation == 1) {
      return stored;
    }
    if (stored.getType() != BufferedImage.TYPE_INT_RGB) {
      throw new IllegalArgumentException("expected TYPE_INT_RGB, got type " + stored.getType());
    }
    int w = stored.getWidth();
    int h = stored.getHeight();
    boolean swapped = orientation >= 5;
    int width = swapped ? h : w;
    int height = swapped ? w : h;
    BufferedImage upright = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] from = ((DataBufferInt) stored.getRaster().getDataBuffer()).getData();
    int[] to = ((DataBufferInt) upright.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        // (sx, sy): the stored pixel shown at (x, y)
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> { // mirrored
            sx = w - 1 - x;
            sy = y;
          }
          case 3 -> { // rotated 180°
            sx = w - 1 - x;
            sy = h - 1 - y;
          }
          case 4 -> { // mirrored vertically
            sx = x;
            sy = h - 1 - y;
          }
          case 5 -> { // transposed
            sx = y;
            sy = x;
          }
          case 6 -> { // needs 90° clockwise
            sx = y;
            sy = h - 1 - x;
          }
          case 7 -> { // transversed
            sx = w - 1 - y;
            sy = h - 1 - x;
          }
          case 8 -> { // needs 90° counter-clockwise
            sx = w - 1 - y;
            sy = x;
          }
          default -> throw new IllegalArgumentException("orientation must be 1..8: " + orientation);
        }
        to[y * width + x] = from[sy * w + sx];
      }
    }
    return upright;
  }
}
