package io.picshare.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.media.ImageRejectedException.Reason;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageValuesTest {
  @Test
  void formatsKnowTheirMimeTypeAndExtension() {
    assertThat(ImageFormat.JPEG.mimeType()).isEqualTo("image/jpeg");
    assertThat(ImageFormat.JPEG.extension()).isEqualTo("jpg");
    assertThat(ImageFormat.PNG.mimeType()).isEqualTo("image/png");
    assertThat(ImageFormat.PNG.extension()).isEqualTo("png");
    assertThat(ImageFormat.GIF.mimeType()).isEqualTo("image/gif");
    assertThat(ImageFormat.GIF.extension()).isEqualTo("gif");
    assertThat(ImageFormat.WEBP.mimeType()).isEqualTo("image/webp");
    assertThat(ImageFormat.WEBP.extension()).isEqualTo("webp");
  }

  /** The codes appear in API error responses: changing one breaks clients. */
  @Test
  void rejectionCodesAreStable() {
    assertThat(Reason.UNSUPPORTED_TYPE.code()).isEqualTo("unsupported-image-type");
    assertThat(Reason.MALFORMED.code()).isEqualTo("malformed-image");
    assertThat(Reason.TOO_MANY_PIXELS.code()).isEqualTo("too-many-pixels");
  }

  @Test
  void geoPointAcceptsTheWholeGlobe() {
    assertThat(new GeoPoint(-90, -180)).isEqualTo(new GeoPoint(-90.0, -180.0));
    assertThat(new GeoPoint(90, 180).latitude()).isEqualTo(90);
  }

  @Test
  void geoPointRejectsOutOfRangeAndNaN() {
    assertThatThrownBy(() -> new GeoPoint(90.5, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GeoPoint(0, -180.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GeoPoint(Double.NaN, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GeoPoint(0, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void imageInfoRejectsImpossibleValues() {
    assertThatThrownBy(() -> new ImageInfo(ImageFormat.PNG, 0, 1, 1, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ImageInfo(ImageFormat.PNG, 1, 1, 9, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ImageInfo(null, 1, 1, 1, Optional.empty()))
        .isInstanceOf(NullPointerException.class);
  }
}
