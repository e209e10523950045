package io.picshare.data.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeedRankingTest {
  private static final long NOW = 1_780_282_800_000L;
  private static final long HOUR = 3_600_000;

  @Test
  void scoreIsLikesPlusOneOverAgePlusTwoToTheOneAndAHalf() {
    assertThat(FeedRanking.score(20, NOW - 10 * HOUR, NOW)).isEqualTo(21 / Math.pow(12, 1.5));
    assertThat(FeedRanking.score(-4, NOW + HOUR, NOW))
        .as("negative counts and future uploads clamp to zero")
        .isEqualTo(1 / Math.pow(2, 1.5));
  }

  @Test
  void theWindowIsOpenAtItsOldEnd() {
    Duration day = Duration.ofDays(1);
    assertThat(FeedRanking.inWindow(NOW - day.toMillis() + 1, NOW, day)).isTrue();
    assertThat(FeedRanking.inWindow(NOW - day.toMillis(), NOW, day)).isFalse();
    assertThat(FeedRanking.inWindow(NOW - 6 * 24 * HOUR, NOW))
        .isEqualTo(FeedRanking.inWindow(NOW - 6 * 24 * HOUR, NOW, FeedRanking.WINDOW))
        .isTrue();
  }
}
