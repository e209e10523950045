package io.picshare.media;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Test images built in code, no files or network: real JPEG, PNG and GIF encodings from ImageIO,
 * hand-made WebP, PNG and GIF headers, an EXIF block, and helpers to damage them.
 */
public final class TestImages {
  /** Real 1x1 WebP files from Modernizr's WebP feature detection (lossy, lossless, animated). */
  static final byte[] WEBP_LOSSY_1X1 =
      base64("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");

  static final byte[] WEBP_LOSSLESS_1X1 =
      base64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
  static final byte[] WEBP_ANIMATED_1X1 =
      base64(
          "UklGRlIAAABXRUJQVlA4WAoAAAASAAAAAAAAAAAAQU5JTQYAAAD/////AABBTk1GJgAAAAAAAAAAAAAAAAAAAGQAAABW"
              + "UDhMDQAAAC8AAAAQBxAREYiI/gcA");

  private TestImages() {}

  // ---- ImageIO encodings -------------------------------------------------------------------

  public static byte[] jpeg(int width, int height) {
    return encode(picture(width, height), "jpeg");
  }

  public static byte[] png(int width, int height) {
    return encode(picture(width, height), "png");
  }

  static byte[] gif(int width, int height) {
    return encode(picture(width, height), "gif");
  }

  /** A progressive JPEG: several scans with Huffman tables between them. */
  public static byte[] progressiveJpeg(int width, int height) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      writer.setOutput(stream);
      writer.write(null, new IIOImage(picture(width, height), null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** A gradient with deterministic noise, so encoders produce real entropy-coded data. */
  static BufferedImage picture(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    long seed = 42;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        int noise = (int) (seed >>> 58);
        int red = (x * 255 / width + noise) & 0xFF;
        int green = (y * 255 / height + noise) & 0xFF;
        int blue = (x + y + noise * 3) & 0xFF;
        image.setRGB(x, y, red << 16 | green << 8 | blue);
      }
    }
    return image;
  }

  public static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  // ---- JPEG --------------------------------------------------------------------------------

  /**
   * {@code jpeg} with an APP1 segment holding {@code "Exif\0\0"} + {@code tiff} right after SOI.
   */
  public static byte[] jpegWithExif(byte[] jpeg, byte[] tiff) {
    return jpegWithSegment(jpeg, 0xE1, concat("Exif\0\0".getBytes(US_ASCII), tiff));
  }

  /** {@code jpeg} with the segment {@code FF marker length payload} inserted right after SOI. */
  public static byte[] jpegWithSegment(byte[] jpeg, int marker, byte[] payload) {
    int length = payload.length + 2;
    byte[] header = {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length};
    return concat(
        Arrays.copyOf(jpeg, 2), header, payload, Arrays.copyOfRange(jpeg, 2, jpeg.length));
  }

  /**
   * A CMYK JPEG as Photoshop writes them: four inverted channels (here pure cyan ink: stored 0,
   * 255, 255, 255) and an Adobe APP14 segment saying "no colour transform". The JDK's own reader
   * refuses it.
   */
  public static byte[] cmykJpeg(int width, int height) {
    java.awt.image.WritableRaster raster =
        java.awt.image.Raster.createInterleavedRaster(
            java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(x, y, new int[] {0, 255, 255, 255});
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    byte[] jpeg = out.toByteArray();
    byte[] adobe =
        concat("Adobe".getBytes(US_ASCII), new byte[] {0, 100, 0, 0, 0, 0, 0 /* transform */});
    return hasSegment(jpeg, 0xEE) ? jpeg : jpegWithSegment(jpeg, 0xEE, adobe);
  }

  /**
   * {@code jpeg} with its first scan naming a component (id 9) that the frame does not have: every
   * marker is in place, so upload inspection accepts it, but no decoder can read the scan.
   */
  public static byte[] withUndefinedScanComponent(byte[] jpeg) {
    byte[] damaged = jpeg.clone();
    int offset = 2;
    while ((damaged[offset + 1] & 0xFF) != 0xDA) {
      offset += 2 + ((damaged[offset + 2] & 0xFF) << 8 | damaged[offset + 3] & 0xFF);
    }
    damaged[offset + 5] = 9; // FF DA, length (2), component count (1), then the first selector
    return damaged;
  }

  private static boolean hasSegment(byte[] jpeg, int wanted) {
    int offset = 2;
    while (offset + 4 <= jpeg.length) {
      int marker = jpeg[offset + 1] & 0xFF;
      if (marker == wanted) {
        return true;
      }
      if (marker == 0xDA) {
        return false;
      }
      offset += 2 + ((jpeg[offset + 2] & 0xFF) << 8 | jpeg[offset + 3] & 0xFF);
    }
    return false;
  }

  // ---- EXIF --------------------------------------------------------------------------------

  /**
   * A big-endian TIFF block as EXIF stores it: IFD0 with Orientation and a GPS IFD pointer, and a
   * GPS IFD with version, latitude and longitude (references N/S, E/W; three rationals each).
   *
   * <pre>
   *   0  4D 4D 00 2A 00 00 00 08          "MM", 42, IFD0 at 8
   *   8  00 02                            IFD0: 2 entries
   *      01 12 00 03 00000001 0006 0000   Orientation, SHORT, 1, value
   *      88 25 00 04 00000001 00000026    GPSInfo IFD pointer, LONG, 1, offset 38
   *      00 00 00 00                      no next IFD
   *  38  00 05                            GPS IFD: 5 entries
   *      00 00 00 01 00000004 02030000    GPSVersionID 2.3.0.0
   *      00 01 00 02 00000002 'N' 0 0 0   GPSLatitudeRef
   *      00 02 00 05 00000003 00000068    GPSLatitude, 3 RATIONALs at 104
   *      00 03 00 02 00000002 'E' 0 0 0   GPSLongitudeRef
   *      00 04 00 05 00000003 00000080    GPSLongitude, 3 RATIONALs at 128
   *      00 00 00 00                      no next IFD
   * 104  deg/1 min/1 sec*10000/10000      latitude
   * 128  deg/1 min/1 sec*10000/10000      longitude
   * </pre>
   */
  public static byte[] exif(int orientation, double latitude, double longitude) {
    ByteBuffer tiff = ByteBuffer.allocate(152).order(ByteOrder.BIG_ENDIAN);
    tiff.put("MM".getBytes(US_ASCII)).putShort((short) 42).putInt(8);
    tiff.putShort((short) 2);
    ifdEntry(tiff, 0x0112, 3, 1, orientation << 16); // a SHORT sits in the high half
    ifdEntry(tiff, 0x8825, 4, 1, 38);
    tiff.putInt(0);
    tiff.putShort((short) 5);
    ifdEntry(tiff, 0x0000, 1, 4, 0x02030000);
    ifdEntry(tiff, 0x0001, 2, 2, (latitude < 0 ? 'S' : 'N') << 24);
    ifdEntry(tiff, 0x0002, 5, 3, 104);
    ifdEntry(tiff, 0x0003, 2, 2, (longitude < 0 ? 'W' : 'E') << 24);
    ifdEntry(tiff, 0x0004, 5, 3, 128);
    tiff.putInt(0);
    degreesMinutesSeconds(tiff, Math.abs(latitude));
    degreesMinutesSeconds(tiff, Math.abs(longitude));
    return tiff.array();
  }

  private static void ifdEntry(ByteBuffer tiff, int tag, int type, int count, int value) {
    tiff.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
  }

  private static void degreesMinutesSeconds(ByteBuffer tiff, double decimalDegrees) {
    int degrees = (int) decimalDegrees;
    double remainingMinutes = (decimalDegrees - degrees) * 60;
    int minutes = (int) remainingMinutes;
    long tenThousandthsOfSecond = Math.round((remainingMinutes - minutes) * 60 * 10_000);
    tiff.putInt(degrees).putInt(1);
    tiff.putInt(minutes).putInt(1);
    tiff.putInt((int) tenThousandthsOfSecond).putInt(10_000);
  }

  // ---- PNG ---------------------------------------------------------------------------------

  static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  /**
   * A structurally valid PNG that declares {@code width x height} 8-bit RGB but carries only a tiny
   * IDAT: signature, IHDR (13 bytes, CRC-correct), IDAT (zlib of 16 zero bytes), IEND. With a large
   * size this is a decompression bomb: a few dozen bytes that a decoder would expand.
   */
  static byte[] pngHeaderOnly(int width, int height) {
    byte[] header =
        ByteBuffer.allocate(13)
            .putInt(width)
            .putInt(height)
            .put((byte) 8) // bit depth
            .put((byte) 2) // colour type: RGB
            .put((byte) 0)
            .put((byte) 0)
            .put((byte) 0) // compression, filter, no interlace
            .array();
    return concat(
        PNG_SIGNATURE,
        pngChunk("IHDR", header),
        pngChunk("IDAT", zlib(new byte[16])),
        pngChunk("IEND", new byte[0]));
  }

  /** {@code length, type, data, CRC-32(type + data)}. */
  static byte[] pngChunk(String type, byte[] data) {
    byte[] typeAndData = concat(type.getBytes(US_ASCII), data);
    CRC32 crc = new CRC32();
    crc.update(typeAndData);
    return ByteBuffer.allocate(12 + data.length)
        .putInt(data.length)
        .put(typeAndData)
        .putInt((int) crc.getValue())
        .array();
  }

  /** {@code png} with {@code chunk} inserted right after IHDR (which always ends at byte 33). */
  static byte[] pngWithChunk(byte[] png, byte[] chunk) {
    return concat(Arrays.copyOf(png, 33), chunk, Arrays.copyOfRange(png, 33, png.length));
  }

  private static byte[] zlib(byte[] data) {
    Deflater deflater = new Deflater();
    deflater.setInput(data);
    deflater.finish();
    byte[] buffer = new byte[64 + data.length];
    int length = deflater.deflate(buffer);
    deflater.end();
    return Arrays.copyOf(buffer, length);
  }

  // ---- GIF ---------------------------------------------------------------------------------

  /**
   * A hand-made GIF89a with a {@code screenWidth x screenHeight} logical screen and one frame of
   * {@code frameWidth x frameHeight} at 0,0 with a 2-colour local table and a stub LZW stream.
   */
  static byte[] gifWithFrame(int screenWidth, int screenHeight, int frameWidth, int frameHeight) {
    ByteBuffer gif = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    gif.put("GIF89a".getBytes(US_ASCII));
    gif.putShort((short) screenWidth).putShort((short) screenHeight);
    gif.put((byte) 0).put((byte) 0).put((byte) 0); // no global colour table, background, aspect
    gif.put((byte) 0x2C).putShort((short) 0).putShort((short) 0);
    gif.putShort((short) frameWidth).putShort((short) frameHeight);
    gif.put((byte) 0x80); // local colour table of 2 entries
    gif.put(new byte[] {0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
    gif.put((byte) 2); // LZW minimum code size
    gif.put((byte) 2).put((byte) 0x44).put((byte) 0x01).put((byte) 0); // one sub-block, terminator
    gif.put((byte) 0x3B);
    return Arrays.copyOf(gif.array(), gif.position());
  }

  // ---- WebP --------------------------------------------------------------------------------

  /**
   * A lossless WebP: {@code RIFF size "WEBP"}, then a VP8L chunk holding the 5-byte bitstream
   * header (signature 0x2F; 14 bits width-1, 14 bits height-1, alpha bit, 3-bit version 0, all
   * little-endian). The entropy-coded pixels are omitted: the inspector never reads them.
   */
  public static byte[] webpLossless(int width, int height) {
    return riff(riffChunk("VP8L", vp8lHeader(width, height)));
  }

  /**
   * A lossy WebP: a VP8 chunk with the 10-byte key-frame header of RFC 6386 section 9.1 (frame tag
   * 10 00 00 = key frame, shown, empty first partition; start code 9D 01 2A; 16-bit little-endian
   * width and height, scale bits 0). Partitions are omitted.
   */
  static byte[] webpLossy(int width, int height) {
    byte[] header =
        ByteBuffer.allocate(10)
            .order(ByteOrder.LITTLE_ENDIAN)
            .put((byte) 0x10)
            .put((byte) 0)
            .put((byte) 0)
            .put((byte) 0x9D)
            .put((byte) 0x01)
            .put((byte) 0x2A)
            .putShort((short) width)
            .putShort((short) height)
            .array();
    return riff(riffChunk("VP8 ", header));
  }

  /**
   * An extended WebP: a VP8X chunk (flags byte — 0x08 when EXIF follows —, 3 reserved bytes, 24-bit
   * canvas width-1 and height-1, little-endian), the VP8L chunk of {@link #webpLossless} and, when
   * {@code tiff} is not null, an EXIF chunk holding it.
   */
  static byte[] webpExtended(int width, int height, byte[] tiff) {
    ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    vp8x.put((byte) (tiff == null ? 0 : 0x08)).put(new byte[3]);
    putUInt24(vp8x, width - 1);
    putUInt24(vp8x, height - 1);
    byte[] chunks =
        concat(riffChunk("VP8X", vp8x.array()), riffChunk("VP8L", vp8lHeader(width, height)));
    return riff(tiff == null ? chunks : concat(chunks, riffChunk("EXIF", tiff)));
  }

  static byte[] vp8lHeader(int width, int height) {
    int bits = (width - 1) | (height - 1) << 14;
    return ByteBuffer.allocate(5)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 0x2F)
        .putInt(bits)
        .array();
  }

  /** {@code "RIFF" size "WEBP" chunks}, where size counts everything after itself. */
  static byte[] riff(byte[] chunks) {
    return ByteBuffer.allocate(12 + chunks.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put("RIFF".getBytes(US_ASCII))
        .putInt(4 + chunks.length)
        .put("WEBP".getBytes(US_ASCII))
        .put(chunks)
        .array();
  }

  /** {@code fourCC size data}, plus a zero byte when the size is odd. */
  static byte[] riffChunk(String fourCc, byte[] data) {
    return ByteBuffer.allocate(8 + data.length + (data.length & 1))
        .order(ByteOrder.LITTLE_ENDIAN)
        .put(fourCc.getBytes(US_ASCII))
        .putInt(data.length)
        .put(data)
        .array();
  }

  private static void putUInt24(ByteBuffer buffer, int value) {
    buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
  }

  // ---- damage ------------------------------------------------------------------------------

  static byte[] truncate(byte[] bytes, int length) {
    return Arrays.copyOf(bytes, length);
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] base64(String encoded) {
    return Base64.getDecoder().decode(encoded);
  }
}
