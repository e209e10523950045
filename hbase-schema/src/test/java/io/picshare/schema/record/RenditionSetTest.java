package io.picshare.schema.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.media.DisplaySize;
import io.picshare.schema.record.RenditionSet.Entry;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenditionSetTest {
  private static final String SHA_A = "aa".repeat(32);
  private static final String SHA_B = "bb".repeat(32);

  @Test
  void knownVector() {
    // Also in docs/schema.md.
    RenditionSet set =
        new RenditionSet(
            "/r/1",
            List.of(
                new Entry(DisplaySize.SMALL, 48, 32, 1200, 900, SHA_B),
                new Entry(DisplaySize.THUMB, 32, 32, 0, 1200, SHA_A)));

    assertThat(HexFormat.of().formatHex(set.encode()))
        .isEqualTo(
            "0102"
                + "00"
                + "00000020"
                + "00000020"
                + "0000000000000000"
                + "00000000000004b0"
                + SHA_A
                + "01"
                + "00000030"
                + "00000020"
                + "00000000000004b0"
                + "0000000000000384"
                + SHA_B
                + "2f722f31");
    assertThat(set.entries())
        .extracting(Entry::size)
        .containsExactly(DisplaySize.THUMB, DisplaySize.SMALL);
    assertThat(RenditionSet.decode(set.encode())).isEqualTo(set);
  }

  @Test
  void closestPrefersTheSizeThenLargerThenSmaller() {
    RenditionSet set =
        new RenditionSet(
            "/r/2",
            List.of(
                new Entry(DisplaySize.THUMB, 150, 150, 0, 10, SHA_A),
                new Entry(DisplaySize.MEDIUM, 640, 480, 10, 10, SHA_A)));

    assertThat(set.closestTo(DisplaySize.THUMB).size()).isEqualTo(DisplaySize.THUMB);
    assertThat(set.closestTo(DisplaySize.SMALL).size()).isEqualTo(DisplaySize.MEDIUM);
    assertThat(set.closestTo(DisplaySize.MEDIUM).size()).isEqualTo(DisplaySize.MEDIUM);
    assertThat(set.closestTo(DisplaySize.LARGE).size()).isEqualTo(DisplaySize.MEDIUM);
    assertThat(set.get(DisplaySize.LARGE)).isEmpty();
  }

  @Test
  void rejectsInvalidSetsAndForeignBytes() {
    Entry thumb = new Entry(DisplaySize.THUMB, 1, 1, 0, 1, SHA_A);
    assertThatThrownBy(() -> new RenditionSet("/r", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RenditionSet("/r", List.of(thumb, thumb)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Entry(DisplaySize.THUMB, 0, 1, 0, 1, SHA_A))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Entry(DisplaySize.THUMB, 1, 1, 0, 0, SHA_A))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Entry(DisplaySize.THUMB, 1, 1, 0, 1, "xyz"))
        .isInstanceOf(IllegalArgumentException.class);

    byte[] bytes = new RenditionSet("/r", List.of(thumb)).encode();
    assertThatThrownBy(() -> RenditionSet.decode(Arrays.copyOf(bytes, 2 + 57)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] otherVersion = bytes.clone();
    otherVersion[0] = 2;
    assertThatThrownBy(() -> RenditionSet.decode(otherVersion))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] unknownSize = bytes.clone();
    unknownSize[2] = 9;
    assertThatThrownBy(() -> RenditionSet.decode(unknownSize))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
