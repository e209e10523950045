package io.picshare.schema.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.schema.record.FeedCandidates.Candidate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedCandidatesTest {
  @Test
  void roundTripsAndHasAFixedLayout() {
    FeedCandidates feed =
        new FeedCandidates(List.of(new Candidate(10, 2, 1.5), new Candidate(9, 3, 0.25)));

    byte[] bytes = feed.encode();

    assertThat(bytes).hasSize(1 + 4 + 2 * 24);
    assertThat(HexFormat.of().formatHex(bytes, 0, 21))
        .isEqualTo("0100000002" + "000000000000000a" + "0000000000000002");
    assertThat(FeedCandidates.decode(bytes)).isEqualTo(feed);
    assertThat(FeedCandidates.decode(new FeedCandidates(List.of()).encode()).candidates())
        .isEmpty();
  }

  @Test
  void rejectsTruncatedOrForeignBytes() {
    byte[] bytes = new FeedCandidates(List.of(new Candidate(1, 1, 1))).encode();

    assertThatThrownBy(() -> FeedCandidates.decode(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FeedCandidates.decode(new byte[] {2, 0, 0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FeedCandidates.decode(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
