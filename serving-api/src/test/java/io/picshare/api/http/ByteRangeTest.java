package io.picshare.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void parsesTheThreeFormsOfASingleRange() {
    assertThat(ByteRange.parse("bytes=0-99", 1000)).hasValue(new ByteRange(0, 99, 1000));
    assertThat(ByteRange.parse("bytes=900-", 1000)).hasValue(new ByteRange(900, 999, 1000));
    assertThat(ByteRange.parse("bytes=-100", 1000)).hasValue(new ByteRange(900, 999, 1000));
    assertThat(ByteRange.parse("bytes=990-5000", 1000)).hasValue(new ByteRange(990, 999, 1000));
    assertThat(ByteRange.parse("bytes=-5000", 1000)).hasValue(new ByteRange(0, 999, 1000));
  }

  @Test
  void ignoresWhatItDoesNotServe() {
    assertThat(ByteRange.parse(null, 1000)).isEmpty();
    assertThat(ByteRange.parse("items=0-1", 1000)).isEmpty();
    assertThat(ByteRange.parse("bytes=0-1,5-9", 1000)).isEmpty();
    assertThat(ByteRange.parse("bytes=9-1", 1000)).isEmpty();
    assertThat(ByteRange.parse("bytes=a-b", 1000)).isEmpty();
  }

  @Test
  void rangesPastTheEndAreUnsatisfiable() {
    assertThatThrownBy(() -> ByteRange.parse("bytes=1000-", 1000))
        .isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 1000))
        .isInstanceOf(ByteRange.Unsatisfiable.class);
  }

  @Test
  void describesItself() {
    ByteRange range = new ByteRange(100, 199, 1000);
    assertThat(range.length()).isEqualTo(100);
    assertThat(range.contentRange()).isEqualTo("bytes 100-199/1000");
  }
}
