package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JpegFactoryTest {
  @ParameterizedTest
  @ValueSource(ints = {2, 20, 200, 1000})
  void poolImagesAreDistinctValidJpegsWithinTenPercentOfTheTarget(int kilobytes)
      throws IOException {
    int target = kilobytes * 1024;
    List<byte[]> pool = new JpegFactory(target).pool(6, 42);

    assertThat(pool).hasSize(6);
    for (byte[] jpeg : pool) {
      assertThat(jpeg.length).isBetween((int) (target * 0.9), (int) (target * 1.1));
      assertThat(Arrays.copyOf(jpeg, 3)).containsExactly(0xFF, 0xD8, 0xFF); // SOI, then a marker
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
      assertThat(decoded).as("ImageIO decodes it").isNotNull();
      assertThat(decoded.getWidth()).isGreaterThan(0);
    }
    assertThat(pool.stream().map(Arrays::hashCode).distinct()).hasSize(6);
  }

  @Test
  void theSameSeedMakesTheSameImage() {
    JpegFactory factory = new JpegFactory(50 * 1024);

    assertThat(factory.create(9)).isEqualTo(factory.create(9)).isNotEqualTo(factory.create(10));
  }

  @Test
  void targetsTooSmallForAJpegAreRejected() {
    assertThatThrownBy(() -> new JpegFactory(1000)).isInstanceOf(IllegalArgumentException.class);
  }
}
