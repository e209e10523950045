package io.picshare.media;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RenditionRendererTest {
  /** What a metadata reader may find in a rendition: the JPEG's own structure, nothing personal. */
  private static final Set<String> STRUCTURE_ONLY = Set.of("JPEG", "JFIF", "Huffman", "File Type");

  private final RenditionRenderer renderer = new RenditionRenderer();

  @AfterEach
  void close() {
    renderer.close();
  }

  @Test
  void jpegWithGpsAndOrientationSixComesOutUprightAndWithoutAnyMetadata() throws Exception {
    // Stored 1600 x 1200 (landscape), shown rotated 90° clockwise: 1200 x 1600 (portrait).
    byte[] stored = TestImages.encode(quadrants(1600, 1200), "jpeg");
    byte[] original =
        TestImages.jpegWithSegment(
            TestImages.jpegWithSegment(
                TestImages.jpegWithExif(stored, TestImages.exif(6, 38.7223, -9.1393)), 0xE1, xmp()),
            0xE2,
            iccSegment());
    assertThat(directories(original)).contains("GPS", "Exif IFD0", "XMP", "ICC Profile");

    List<Rendition> renditions = renderer.render(original);

    assertThat(renditions)
        .extracting(Rendition::size, Rendition::width, Rendition::height)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(DisplaySize.THUMB, 150, 150),
            org.assertj.core.groups.Tuple.tuple(DisplaySize.SMALL, 320, 427),
            org.assertj.core.groups.Tuple.tuple(DisplaySize.MEDIUM, 640, 853),
            org.assertj.core.groups.Tuple.tuple(DisplaySize.LARGE, 1080, 1440));
    for (Rendition rendition : renditions) {
      assertThat(directories(rendition.jpeg()))
          .as("%s carries no EXIF, GPS, XMP or ICC", rendition.size())
          .isSubsetOf(STRUCTURE_ONLY);
      BufferedImage image = decode(rendition.jpeg());
      assertThat(image.getWidth()).isEqualTo(rendition.width());
      assertThat(image.getHeight()).isEqualTo(rendition.height());
    }
    // The stored top-left quadrant is red; turned 90° clockwise it is the top-right one.
    BufferedImage large = decode(renditions.get(3).jpeg());
    assertThat(isRed(large.getRGB(large.getWidth() * 3 / 4, large.getHeight() / 4))).isTrue();
    assertThat(isRed(large.getRGB(large.getWidth() / 4, large.getHeight() / 4))).isFalse();
    assertThat(isRed(large.getRGB(large.getWidth() * 3 / 4, large.getHeight() * 3 / 4))).isFalse();
  }

  @Test
  void everyOrientationPutsTheStoredTopLeftCornerWhereExifSaysItBelongs() {
    // Where the stored top-left quadrant is shown: 0 top-left, 1 top-right, 2 bottom-right,
    // 3 bottom-left.
    int[] expectedCorner = {0, 0, 1, 2, 3, 0, 1, 2, 3};
    for (int orientation = 1; orientation <= 8; orientation++) {
      byte[] original =
          TestImages.jpegWithExif(
              TestImages.encode(quadrants(400, 200), "jpeg"), TestImages.exif(orientation, 1, 1));
      Rendition small = renderer.render(original).get(1);
      BufferedImage image = decode(small.jpeg());
      assertThat(image.getWidth()).isEqualTo(orientation >= 5 ? 200 : 320);
      int[][] corners = {{1, 1}, {3, 1}, {3, 3}, {1, 3}};
      for (int corner = 0; corner < 4; corner++) {
        int x = image.getWidth() * corners[corner][0] / 4;
        int y = image.getHeight() * corners[corner][1] / 4;
        assertThat(isRed(image.getRGB(x, y)))
            .as("orientation %d, corner %d", orientation, corner)
            .isEqualTo(corner == expectedCorner[orientation]);
      }
    }
  }

  @Test
  void cmykJpegIsConvertedToRgb() {
    byte[] cmyk = TestImages.cmykJpeg(800, 600);
    assertThat(directories(cmyk)).contains("Adobe JPEG");

    List<Rendition> renditions = renderer.render(cmyk);

    assertThat(renditions)
        .extracting(Rendition::width, Rendition::height)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(150, 150),
            org.assertj.core.groups.Tuple.tuple(320, 240),
            org.assertj.core.groups.Tuple.tuple(640, 480),
            org.assertj.core.groups.Tuple.tuple(800, 600));
    // Pure cyan ink: little red, much green and blue.
    int rgb = decode(renditions.get(0).jpeg()).getRGB(75, 75);
    assertThat(rgb >> 16 & 0xFF).isLessThan(100);
    assertThat(rgb >> 8 & 0xFF).isGreaterThan(120);
    assertThat(rgb & 0xFF).isGreaterThan(120);
    assertThat(directories(renditions.get(2).jpeg())).isSubsetOf(STRUCTURE_ONLY);
  }

  @Test
  void progressiveJpegPngWithAlphaGifAndWebpAreRendered() throws Exception {
    assertThat(sizes(renderer.render(TestImages.progressiveJpeg(2000, 1000))))
        .containsExactly("thumb 150x150", "small 320x160", "medium 640x320", "large 1080x540");

    BufferedImage transparent = new BufferedImage(500, 400, BufferedImage.TYPE_INT_ARGB);
    List<Rendition> fromPng = renderer.render(TestImages.encode(transparent, "png"));
    assertThat(sizes(fromPng)).containsExactly("thumb 150x150", "small 320x256", "medium 500x400");
    assertThat(decode(fromPng.get(0).jpeg()).getRGB(10, 10) & 0xFFFFFF)
        .as("transparent becomes white")
        .isGreaterThan(0xF0F0F0);

    assertThat(sizes(renderer.render(TestImages.gif(300, 200))))
        .containsExactly("thumb 150x150", "small 300x200");

    byte[] webp;
    try (InputStream in = getClass().getResourceAsStream("quadrants-96x64.webp")) {
      webp = in.readAllBytes();
    }
    List<Rendition> fromWebp = renderer.render(webp);
    assertThat(sizes(fromWebp)).containsExactly("thumb 64x64", "small 96x64");
    BufferedImage small = decode(fromWebp.get(1).jpeg());
    assertThat(isRed(small.getRGB(20, 12))).isTrue();
    assertThat(isRed(small.getRGB(70, 40))).isFalse();
  }

  @Test
  void tinyAndExtremeShapesNeverUpscaleAndKeepAtLeastOnePixel() {
    assertThat(sizes(renderer.render(TestImages.jpeg(48, 32))))
        .containsExactly("thumb 32x32", "small 48x32");
    assertThat(sizes(renderer.render(TestImages.png(4000, 40))))
        .containsExactly("thumb 40x40", "small 320x3", "medium 640x6", "large 1080x11");
    assertThat(sizes(renderer.render(TestImages.jpeg(1080, 1080))))
        .containsExactly("thumb 150x150", "small 320x320", "medium 640x640", "large 1080x1080");
  }

  @Test
  void hugeImagesAreDecodedSubsampled() {
    assertThat(RenditionRenderer.subsampling(4000, 3000)).isEqualTo(1);
    assertThat(RenditionRenderer.subsampling(6000, 4000)).isEqualTo(2);
    assertThat(RenditionRenderer.subsampling(8660, 5774)).isEqualTo(2);
    assertThat(RenditionRenderer.subsampling(10000, 5000)).isEqualTo(2);
    assertThat(RenditionRenderer.subsampling(12000, 4000)).isEqualTo(2);
    assertThat(RenditionRenderer.subsampling(7071, 7071)).isEqualTo(2);
    assertThat(sizes(renderer.render(TestImages.jpeg(6000, 4000))))
        .containsExactly("thumb 150x150", "small 320x213", "medium 640x427", "large 1080x720");
  }

  @Test
  void corruptImagesThatPassUploadChecksFailWithATypedReason() {
    // The upload inspector reads headers only; these have valid headers and no usable pixels.
    ImageInspector inspector = new ImageInspector(ImageInspector.DEFAULT_MAX_PIXELS);
    byte[] webpWithoutPixels = TestImages.webpLossless(2000, 2000);
    byte[] pngWithTooLittleData = TestImages.pngHeaderOnly(3000, 3000);
    byte[] jpegWithBadScan = TestImages.withUndefinedScanComponent(TestImages.jpeg(300, 200));
    for (Map.Entry<String, byte[]> corrupt :
        Map.of(
                "WebP without pixels", webpWithoutPixels,
                "PNG with too little data", pngWithTooLittleData,
                "JPEG whose scan names no component", jpegWithBadScan)
            .entrySet()) {
      inspector.inspect(corrupt.getValue());
      assertThatThrownBy(() -> renderer.render(corrupt.getValue()))
          .as(corrupt.getKey())
          .isInstanceOfSatisfying(
              RenditionFailedException.class,
              e -> assertThat(e.reason()).isEqualTo(RenditionFailedException.Reason.MALFORMED));
    }
  }

  @Test
  void bombsAndUnknownBytesAreRefusedBeforeDecoding() {
    try (RenditionRenderer strict = new RenditionRenderer(1_000_000, Duration.ofSeconds(5), 0.8f)) {
      assertThatThrownBy(() -> strict.render(TestImages.pngHeaderOnly(30_000, 30_000)))
          .isInstanceOfSatisfying(
              RenditionFailedException.class,
              e ->
                  assertThat(e.reason())
                      .isEqualTo(RenditionFailedException.Reason.TOO_MANY_PIXELS));
    }
    assertThatThrownBy(() -> renderer.render("not an image".getBytes(US_ASCII)))
        .isInstanceOfSatisfying(
            RenditionFailedException.class,
            e ->
                assertThat(e.reason()).isEqualTo(RenditionFailedException.Reason.UNSUPPORTED_TYPE));
  }

  @Test
  void aDecodePastTheTimeLimitFailsAsTimedOut() {
    byte[] big = TestImages.progressiveJpeg(4000, 3000);
    try (RenditionRenderer hasty = new RenditionRenderer(50_000_000, Duration.ofMillis(5), 0.8f)) {
      // how soon it gives up is not asserted: see the class comment on progressive JPEGs
      assertThatThrownBy(() -> hasty.render(big))
          .isInstanceOfSatisfying(
              RenditionFailedException.class,
              e -> assertThat(e.reason()).isEqualTo(RenditionFailedException.Reason.TIMED_OUT));
    }
  }

  private static List<String> sizes(List<Rendition> renditions) {
    return renditions.stream()
        .map(r -> r.size().apiName() + " " + r.width() + "x" + r.height())
        .toList();
  }

  /** A picture whose top-left quadrant is red and the rest blue-green. */
  static BufferedImage quadrants(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        boolean topLeft = x < width / 2 && y < height / 2;
        image.setRGB(x, y, topLeft ? 0xE01010 : 0x1080C0);
      }
    }
    return image;
  }

  private static boolean isRed(int rgb) {
    return (rgb >> 16 & 0xFF) > 150 && (rgb >> 8 & 0xFF) < 80 && (rgb & 0xFF) < 80;
  }

  private static BufferedImage decode(byte[] jpeg) {
    try {
      return ImageIO.read(new ByteArrayInputStream(jpeg));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names of the metadata directories metadata-extractor finds, e.g. {@code GPS}. */
  static Set<String> directories(byte[] image) {
    try {
      Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image));
      Set<String> names = new TreeSet<>();
      for (Directory directory : metadata.getDirectories()) {
        names.add(directory.getName());
      }
      return names;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] xmp() {
    String packet =
        "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
            + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description"
            + " xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"38,43.338N\""
            + " exif:GPSLongitude=\"9,8.358W\"/></rdf:RDF></x:xmpmeta>";
    return packet.getBytes(US_ASCII);
  }

  /** An APP2 ICC_PROFILE segment holding the JDK's sRGB profile. */
  private static byte[] iccSegment() {
    byte[] profile =
        java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData();
    return TestImages.concat("ICC_PROFILE\0".getBytes(US_ASCII), new byte[] {1, 1}, profile);
  }
}
