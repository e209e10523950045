package io.picshare.media;

import static io.picshare.media.ImageRejectedException.Reason.MALFORMED;
import static io.picshare.media.ImageRejectedException.Reason.TOO_MANY_PIXELS;
import static io.picshare.media.ImageRejectedException.Reason.UNSUPPORTED_TYPE;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import io.picshare.media.ImageRejectedException.Reason;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageInspectorTest {
  private static final double SYDNEY_LATITUDE = -33.856784;
  private static final double SYDNEY_LONGITUDE = 151.215297;

  private final ImageInspector inspector = new ImageInspector(ImageInspector.DEFAULT_MAX_PIXELS);

  @Nested
  class Dimensions {
    @Test
    void jpeg() {
      assertSize(TestImages.jpeg(640, 480), ImageFormat.JPEG, 640, 480);
    }

    @Test
    void progressiveJpeg() {
      assertSize(TestImages.progressiveJpeg(320, 200), ImageFormat.JPEG, 320, 200);
    }

    @Test
    void png() {
      assertSize(TestImages.png(300, 17), ImageFormat.PNG, 300, 17);
    }

    @Test
    void gif() {
      assertSize(TestImages.gif(33, 250), ImageFormat.GIF, 33, 250);
    }

    @Test
    void webpLossless() {
      assertSize(TestImages.webpLossless(16383, 2), ImageFormat.WEBP, 16383, 2);
    }

    @Test
    void webpLossy() {
      assertSize(TestImages.webpLossy(1024, 768), ImageFormat.WEBP, 1024, 768);
    }

    @Test
    void webpExtended() {
      assertSize(TestImages.webpExtended(4000, 3000, null), ImageFormat.WEBP, 4000, 3000);
    }

    @Test
    void webpFilesFromARealEncoder() {
      assertSize(TestImages.WEBP_LOSSY_1X1, ImageFormat.WEBP, 1, 1);
      assertSize(TestImages.WEBP_LOSSLESS_1X1, ImageFormat.WEBP, 1, 1);
      assertSize(TestImages.WEBP_ANIMATED_1X1, ImageFormat.WEBP, 1, 1);
    }

    @Test
    void webpOddChunkPaddingIsAcceptedWhetherOrNotTheRiffSizeCountsIt() {
      byte[] padded = TestImages.webpLossless(10, 20); // 5-byte VP8L header + pad byte
      assertThat(riffSize(padded)).isEqualTo(18);
      byte[] sizeWithoutPad = withRiffSize(padded, 17);
      byte[] padMissing = TestImages.truncate(sizeWithoutPad, sizeWithoutPad.length - 1);

      assertSize(padded, ImageFormat.WEBP, 10, 20);
      assertSize(sizeWithoutPad, ImageFormat.WEBP, 10, 20);
      assertSize(padMissing, ImageFormat.WEBP, 10, 20);
    }

    @Test
    void jpegWithTrailingBytesAfterEndOfImageIsAccepted() {
      byte[] jpeg = TestImages.jpeg(64, 48);
      byte[] trailer =
          TestImages.concat(
              "maker trailer".getBytes(US_ASCII),
              new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00});

      assertSize(TestImages.concat(jpeg, trailer), ImageFormat.JPEG, 64, 48);
      assertSize(TestImages.concat(jpeg, TestImages.jpeg(8, 8)), ImageFormat.JPEG, 64, 48);
    }

    @Test
    void gifFrameOverhangingTheScreenCountsTowardsTheSize() {
      byte[] gif = TestImages.gifWithFrame(10, 10, 2000, 1500);

      assertSize(gif, ImageFormat.GIF, 2000, 1500);
      assertRejected(() -> new ImageInspector(1_000_000).inspect(gif), TOO_MANY_PIXELS);
    }

    private void assertSize(byte[] bytes, ImageFormat format, int width, int height) {
      ImageInfo info = inspector.inspect(bytes);

      assertThat(info.format()).isEqualTo(format);
      assertThat(info.width()).isEqualTo(width);
      assertThat(info.height()).isEqualTo(height);
    }
  }

  @Nested
  class Exif {
    @Test
    void jpegOrientationAndGpsAreRead() {
      byte[] jpeg =
          TestImages.jpegWithExif(
              TestImages.jpeg(80, 60), TestImages.exif(6, SYDNEY_LATITUDE, SYDNEY_LONGITUDE));

      ImageInfo info = inspector.inspect(jpeg);

      assertThat(info.width()).isEqualTo(80);
      assertThat(info.orientation()).isEqualTo(6);
      assertThat(info.location()).hasValueSatisfying(this::isSydney);
    }

    @Test
    void theFixtureIsExifThatMetadataExtractorFindsOnItsOwn() throws Exception {
      byte[] jpeg =
          TestImages.jpegWithExif(
              TestImages.jpeg(80, 60), TestImages.exif(6, SYDNEY_LATITUDE, SYDNEY_LONGITUDE));

      Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));

      ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
      assertThat(ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION)).isEqualTo(6);
      GeoLocation location = metadata.getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation();
      assertThat(location.getLatitude()).isCloseTo(SYDNEY_LATITUDE, within(1e-6));
      assertThat(location.getLongitude()).isCloseTo(SYDNEY_LONGITUDE, within(1e-6));
    }

    @Test
    void pngExifChunkIsRead() {
      byte[] png =
          TestImages.pngWithChunk(
              TestImages.png(40, 30),
              TestImages.pngChunk("eXIf", TestImages.exif(8, SYDNEY_LATITUDE, SYDNEY_LONGITUDE)));

      ImageInfo info = inspector.inspect(png);

      assertThat(info.orientation()).isEqualTo(8);
      assertThat(info.location()).hasValueSatisfying(this::isSydney);
    }

    @Test
    void webpExifChunkIsRead() {
      byte[] webp =
          TestImages.webpExtended(40, 30, TestImages.exif(3, SYDNEY_LATITUDE, SYDNEY_LONGITUDE));

      ImageInfo info = inspector.inspect(webp);

      assertThat(info.orientation()).isEqualTo(3);
      assertThat(info.location()).hasValueSatisfying(this::isSydney);
    }

    @Test
    void imagesWithoutExifHaveDefaultOrientationAndNoLocation() {
      ImageInfo info = inspector.inspect(TestImages.jpeg(16, 16));

      assertThat(info.orientation()).isEqualTo(1);
      assertThat(info.location()).isEmpty();
    }

    @Test
    void unreadableExifDoesNotRejectTheImage() {
      byte[] garbage = new byte[300];
      new Random(7).nextBytes(garbage);
      byte[] jpeg = TestImages.jpegWithExif(TestImages.jpeg(32, 32), garbage);

      ImageInfo info = inspector.inspect(jpeg);

      assertThat(info.width()).isEqualTo(32);
      assertThat(info.orientation()).isEqualTo(1);
      assertThat(info.location()).isEmpty();
    }

    @Test
    void implausibleValuesAreIgnored() {
      byte[] outOfRange =
          TestImages.jpegWithExif(TestImages.jpeg(32, 32), TestImages.exif(9, 95.0, 10.0));
      byte[] nullIsland =
          TestImages.jpegWithExif(TestImages.jpeg(32, 32), TestImages.exif(5, 0, 0));

      ImageInfo outOfRangeInfo = inspector.inspect(outOfRange);
      ImageInfo nullIslandInfo = inspector.inspect(nullIsland);

      assertThat(outOfRangeInfo.orientation()).isEqualTo(1);
      assertThat(outOfRangeInfo.location()).isEmpty();
      assertThat(nullIslandInfo.orientation()).isEqualTo(5);
      assertThat(nullIslandInfo.location()).isEmpty();
    }

    private void isSydney(GeoPoint point) {
      assertThat(point.latitude()).isCloseTo(SYDNEY_LATITUDE, within(1e-6));
      assertThat(point.longitude()).isCloseTo(SYDNEY_LONGITUDE, within(1e-6));
    }
  }

  @Nested
  class PixelLimit {
    @Test
    void pngBombDeclaring30000By30000IsRejectedFromItsHeader() {
      byte[] bomb = TestImages.pngHeaderOnly(30000, 30000);
      assertThat(bomb.length).isLessThan(100);

      assertThatThrownBy(() -> inspector.inspect(bomb))
          .isInstanceOfSatisfying(
              ImageRejectedException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(TOO_MANY_PIXELS);
                assertThat(e.getMessage())
                    .isEqualTo(
                        "The image is 30000 x 30000 pixels (900.0 megapixels); "
                            + "at most 50.0 megapixels are allowed.");
              });
    }

    @Test
    void theBombIsOtherwiseAWellFormedPng() {
      ImageInfo info =
          new ImageInspector(Long.MAX_VALUE).inspect(TestImages.pngHeaderOnly(30000, 30000));

      assertThat(info.width()).isEqualTo(30000);
    }

    @Test
    void theLimitIsInclusive() {
      ImageInspector inspector = new ImageInspector(640 * 480);

      assertThat(inspector.inspect(TestImages.jpeg(640, 480)).width()).isEqualTo(640);
      assertRejected(() -> inspector.inspect(TestImages.pngHeaderOnly(641, 480)), TOO_MANY_PIXELS);
    }

    @Test
    void defaultAllowsFiftyMegapixels() {
      assertThat(inspector.inspect(TestImages.pngHeaderOnly(7000, 7000)).height()).isEqualTo(7000);
      assertRejected(
          () -> inspector.inspect(TestImages.pngHeaderOnly(8000, 8000)), TOO_MANY_PIXELS);
    }

    @Test
    void guardsEveryFormat() {
      ImageInspector small = new ImageInspector(10_000);

      assertRejected(() -> small.inspect(TestImages.jpeg(101, 100)), TOO_MANY_PIXELS);
      assertRejected(() -> small.inspect(TestImages.gif(101, 100)), TOO_MANY_PIXELS);
      assertRejected(() -> small.inspect(TestImages.webpLossless(101, 100)), TOO_MANY_PIXELS);
      assertRejected(() -> small.inspect(TestImages.webpLossy(101, 100)), TOO_MANY_PIXELS);
      byte[] animatedCanvas = TestImages.WEBP_ANIMATED_1X1.clone();
      Arrays.fill(animatedCanvas, 24, 30, (byte) 0xFF); // VP8X canvas width-1, height-1: 2^24 - 1
      assertRejected(() -> inspector.inspect(animatedCanvas), TOO_MANY_PIXELS);
    }

    @Test
    void rejectsNonPositiveLimit() {
      assertThatThrownBy(() -> new ImageInspector(0)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class UnsupportedTypes {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.picshare.media.ImageInspectorTest#notImages")
    void areRejectedWhateverTheyAreCalled(String description, byte[] bytes) {
      assertRejected(() -> inspector.inspect(bytes), UNSUPPORTED_TYPE);
    }

    @Test
    void messageTellsTheClientWhatIsAccepted() {
      assertThatThrownBy(() -> inspector.inspect(new byte[0]))
          .hasMessage("The file is not a supported image: upload a JPEG, PNG, GIF or WebP.");
    }
  }

  static Stream<Arguments> notImages() {
    return Stream.of(
        Arguments.of("empty", new byte[0]),
        Arguments.of("text", "hello, this is a photo.jpg".getBytes(US_ASCII)),
        Arguments.of("PDF", "%PDF-1.7\n1 0 obj".getBytes(US_ASCII)),
        Arguments.of(
            "HEIC", new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0}),
        Arguments.of("WAV", "RIFF\u0024\0\0\0WAVEfmt ".getBytes(US_ASCII)),
        Arguments.of("JPEG magic cut short", new byte[] {(byte) 0xFF, (byte) 0xD8}),
        Arguments.of("PNG magic cut short", TestImages.truncate(TestImages.PNG_SIGNATURE, 7)),
        Arguments.of("GIF of an unknown version", "GIF88a\u0001\0\u0001\0".getBytes(US_ASCII)),
        Arguments.of("JPEG one byte in", TestImages.concat(new byte[] {0}, TestImages.jpeg(8, 8))));
  }

  @Nested
  class Malformed {
    @Test
    void truncatedJpeg() {
      byte[] jpeg = TestImages.jpeg(200, 150);

      assertRejected(
          () -> inspector.inspect(TestImages.truncate(jpeg, jpeg.length / 2)), MALFORMED);
    }

    @Test
    void jpegWithoutEndOfImageMarker() {
      byte[] jpeg = TestImages.jpeg(200, 150);

      assertRejected(
          () -> inspector.inspect(TestImages.truncate(jpeg, jpeg.length - 2)), MALFORMED);
    }

    @Test
    void jpegSegmentLengthRunningPastTheEnd() {
      byte[] jpeg = TestImages.jpegWithSegment(TestImages.jpeg(16, 16), 0xE2, new byte[10]);
      jpeg[4] = (byte) 0x7F; // APP2 length high byte: now 32 KB longer than the file

      assertRejected(() -> inspector.inspect(jpeg), MALFORMED);
    }

    @Test
    void pngWithCorruptedCrc() {
      byte[] png = TestImages.png(50, 50);
      png[png.length - 13] ^= 0x01; // last byte of the final IDAT chunk's CRC

      assertThatThrownBy(() -> inspector.inspect(png))
          .isInstanceOfSatisfying(
              ImageRejectedException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(MALFORMED);
                assertThat(e.getMessage()).contains("IDAT").contains("CRC");
              });
    }

    @Test
    void pngWithCorruptedPixelData() {
      byte[] png = TestImages.png(50, 50);
      png[60] ^= 0x40; // inside the IDAT payload

      assertRejected(() -> inspector.inspect(png), MALFORMED);
    }

    @Test
    void pngWithZeroWidth() {
      assertRejected(() -> inspector.inspect(TestImages.pngHeaderOnly(0, 10)), MALFORMED);
    }

    @Test
    void pngWithoutEndChunk() {
      byte[] png = TestImages.png(20, 20);

      assertRejected(() -> inspector.inspect(TestImages.truncate(png, png.length - 12)), MALFORMED);
    }

    @Test
    void truncatedGif() {
      byte[] gif = TestImages.gif(120, 90);

      assertRejected(() -> inspector.inspect(TestImages.truncate(gif, gif.length / 2)), MALFORMED);
      assertRejected(() -> inspector.inspect(TestImages.truncate(gif, gif.length - 1)), MALFORMED);
    }

    @Test
    void gifWithZeroSize() {
      assertRejected(() -> inspector.inspect(TestImages.gifWithFrame(0, 0, 0, 0)), MALFORMED);
    }

    @Test
    void gifWithTrailingPaddingIsAccepted() {
      byte[] gif = TestImages.concat(TestImages.gif(12, 8), new byte[32]);

      assertThat(inspector.inspect(gif).width()).isEqualTo(12);
    }

    @Test
    void webpWhoseRiffSizeDisagreesWithTheFile() {
      byte[] webp = TestImages.webpExtended(100, 100, TestImages.exif(1, 1, 1));

      assertRejected(
          () -> inspector.inspect(TestImages.truncate(webp, webp.length - 4)), MALFORMED);
      assertRejected(() -> inspector.inspect(TestImages.concat(webp, new byte[2])), MALFORMED);
      assertRejected(() -> inspector.inspect(withRiffSize(webp, Integer.MAX_VALUE)), MALFORMED);
    }

    @Test
    void webpExtendedWhoseBitstreamIsLargerThanTheCanvas() {
      byte[] canvas = TestImages.webpExtended(1, 1, null);
      byte[] bitstream = TestImages.vp8lHeader(16000, 16000);
      System.arraycopy(bitstream, 0, canvas, canvas.length - 6, 5); // the VP8L data, before its pad

      assertRejected(() -> inspector.inspect(canvas), MALFORMED);
    }

    @Test
    void messageSaysWhatIsWrongWithoutInternals() {
      byte[] jpeg = TestImages.jpeg(64, 64);

      assertThatThrownBy(() -> inspector.inspect(TestImages.truncate(jpeg, 300)))
          .hasMessageStartingWith("The JPEG image is damaged or incomplete: ")
          .hasMessageNotContaining("Exception")
          .hasMessageNotContaining("java.")
          .hasMessageNotContaining("io.picshare");
    }
  }

  /**
   * Every strict prefix of a valid image is rejected as MALFORMED once its magic bytes are there.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("validImages")
  void everyTruncationIsMalformed(String description, byte[] image) {
    inspector.inspect(image);
    for (int length = 12; length < image.length; length++) {
      byte[] prefix = TestImages.truncate(image, length);
      assertRejected(() -> inspector.inspect(prefix), MALFORMED);
    }
  }

  /** Random damage yields an ImageInfo or an ImageRejectedException, never any other exception. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("validImages")
  void randomDamageNeverEscapesAsAnotherException(String description, byte[] image) {
    Random random = new Random(description.hashCode());
    for (int round = 0; round < 2_000; round++) {
      byte[] damaged = image.clone();
      int flips = 1 + random.nextInt(4);
      for (int i = 0; i < flips; i++) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      }
      try {
        inspector.inspect(damaged);
      } catch (ImageRejectedException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  static Stream<Arguments> validImages() {
    byte[] tiff = TestImages.exif(6, SYDNEY_LATITUDE, SYDNEY_LONGITUDE);
    return Stream.of(
        Arguments.of("JPEG with EXIF", TestImages.jpegWithExif(TestImages.jpeg(24, 16), tiff)),
        Arguments.of("progressive JPEG", TestImages.progressiveJpeg(24, 16)),
        Arguments.of(
            "PNG with EXIF",
            TestImages.pngWithChunk(TestImages.png(24, 16), TestImages.pngChunk("eXIf", tiff))),
        Arguments.of("GIF", TestImages.gif(24, 16)),
        Arguments.of("WebP extended with EXIF", TestImages.webpExtended(24, 16, tiff)),
        Arguments.of("WebP lossy", TestImages.WEBP_LOSSY_1X1),
        Arguments.of("WebP animated", TestImages.WEBP_ANIMATED_1X1));
  }

  private static void assertRejected(ThrowingCallable inspection, Reason reason) {
    assertThatThrownBy(inspection)
        .isInstanceOfSatisfying(
            ImageRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private static long riffSize(byte[] webp) {
    return ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN).getInt(4) & 0xFFFFFFFFL;
  }

  private static byte[] withRiffSize(byte[] webp, int size) {
    byte[] copy = webp.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(4, size);
    return copy;
  }
}
