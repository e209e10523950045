package io.picshare.schema.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BlobLocationTest {
  @Test
  void knownVector() {
    // Also in docs/schema.md.
    assertThat(HexFormat.of().formatHex(BlobLocation.wholeFile("/p/1", 1234).encode()))
        .isEqualTo("01000000000000000000000000000004d22f702f31");
  }

  @Test
  void roundTrip() {
    for (BlobLocation location :
        new BlobLocation[] {
          BlobLocation.wholeFile("/picshare/photos/2026/11/23/ABat8Vaq4R4.jpg", 204_800),
          new BlobLocation("/picshare/volumes/v-000042", 7_340_032_123L, 0),
          new BlobLocation("/fotos/über/ß", Long.MAX_VALUE, Long.MAX_VALUE)
        }) {
      assertThat(BlobLocation.decode(location.encode())).isEqualTo(location);
    }
  }

  @Test
  void rejectsInvalidLocations() {
    assertThatThrownBy(() -> new BlobLocation(null, 0, 1)).hasMessage("path is null");
    assertThatThrownBy(() -> new BlobLocation("", 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlobLocation("/p", -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlobLocation("/p", 0, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decodeRejectsOtherFormats() {
    byte[] encoded = BlobLocation.wholeFile("/p/1", 1).encode();
    encoded[0] = 2;

    assertThatThrownBy(() -> BlobLocation.decode(encoded))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BlobLocation.decode(new byte[17]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
