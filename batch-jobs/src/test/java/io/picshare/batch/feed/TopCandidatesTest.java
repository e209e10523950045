package io.picshare.batch.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.schema.record.FeedCandidates.Candidate;
import org.junit.jupiter.api.Test;

class TopCandidatesTest {
  @Test
  void keepsTheBestKBestFirst() {
    TopCandidates top = new TopCandidates(3);
    for (int i = 1; i <= 10; i++) {
      top.offer(new Candidate(i, 1, (i * 7) % 10));
    }
    // scores: 1→7, 2→4, 3→1, 4→8, 5→5, 6→2, 7→9, 8→6, 9→3, 10→0
    assertThat(top.best())
        .containsExactly(new Candidate(7, 1, 9), new Candidate(4, 1, 8), new Candidate(1, 1, 7));
  }

  @Test
  void equalScoresPutTheNewerPhotoFirstAsTheReadPathDoes() {
    TopCandidates top = new TopCandidates(2);
    top.offer(new Candidate(5, 1, 1.0));
    top.offer(new Candidate(9, 2, 1.0));
    top.offer(new Candidate(7, 3, 1.0));
    assertThat(top.best()).containsExactly(new Candidate(9, 2, 1.0), new Candidate(7, 3, 1.0));
  }

  @Test
  void holdsFewerWhenFewerAreOffered() {
    TopCandidates top = new TopCandidates(500);
    assertThat(top.isEmpty()).isTrue();
    top.offer(new Candidate(1, 1, 0.5));
    assertThat(top.best()).containsExactly(new Candidate(1, 1, 0.5));
  }

  @Test
  void rejectsANonPositiveK() {
    assertThatThrownBy(() -> new TopCandidates(0)).hasMessageContaining("k must be positive");
  }
}
