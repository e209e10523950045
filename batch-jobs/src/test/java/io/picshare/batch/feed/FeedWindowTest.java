package io.picshare.batch.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedWindowTest {
  private static final Instant CUTOFF = Instant.parse("2026-06-01T03:00:00Z");
  private final FeedWindow window = new FeedWindow(CUTOFF, Duration.ofDays(7));

  @Test
  void photosBeforeTheCutoffAndYoungerThanTheWindowAreInside() {
    long cutoff = CUTOFF.toEpochMilli();
    assertThat(window.position(cutoff - 1)).isEqualTo(FeedWindow.Position.INSIDE);
    assertThat(window.position(cutoff - Duration.ofDays(7).toMillis() + 1))
        .isEqualTo(FeedWindow.Position.INSIDE);
  }

  @Test
  void theWindowIsHalfOpen() {
    long cutoff = CUTOFF.toEpochMilli();
    assertThat(window.position(cutoff)).isEqualTo(FeedWindow.Position.AFTER_CUTOFF);
    assertThat(window.position(cutoff - Duration.ofDays(7).toMillis()))
        .isEqualTo(FeedWindow.Position.BEFORE_WINDOW);
  }

  @Test
  void rejectsAnEmptyWindow() {
    assertThatThrownBy(() -> new FeedWindow(CUTOFF, Duration.ZERO))
        .hasMessageContaining("window must be positive");
  }
}
