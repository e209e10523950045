package io.picshare.api.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  @Test
  void theDefaultsDoubleFromTenSecondsToAnHourOverTenAttempts() {
    RetrySchedule schedule = RetrySchedule.DEFAULTS;
    List<Long> seconds = new ArrayList<>();
    for (int attempt = 1; attempt < schedule.maxAttempts(); attempt++) {
      seconds.add(schedule.baseDelay(attempt).toSeconds());
    }

    assertThat(seconds).containsExactly(10L, 20L, 40L, 80L, 160L, 320L, 640L, 1280L, 2560L);
    assertThat(seconds.stream().mapToLong(Long::longValue).sum())
        .as("about an hour and a half of retrying")
        .isBetween(80L * 60, 90L * 60);
    assertThat(schedule.allowsAnother(9)).isTrue();
    assertThat(schedule.allowsAnother(10)).isFalse();
  }

  @Test
  void delaysStopGrowingAtTheMaximum() {
    RetrySchedule schedule = new RetrySchedule(50, Duration.ofSeconds(10), Duration.ofMinutes(5));

    assertThat(schedule.baseDelay(5)).isEqualTo(Duration.ofSeconds(160));
    assertThat(schedule.baseDelay(6)).isEqualTo(Duration.ofMinutes(5));
    assertThat(schedule.baseDelay(49)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void jitterSpreadsEachDelayWithinTwentyPercent() {
    RetrySchedule schedule = RetrySchedule.DEFAULTS;

    assertThat(schedule.delay(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(32));
    assertThat(schedule.delay(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(40));
    assertThat(schedule.delay(3, () -> 0.999_999)).isLessThanOrEqualTo(Duration.ofSeconds(48));
    Random random = new Random(9);
    long distinct =
        random
            .doubles(100)
            .mapToObj(r -> schedule.delay(1, () -> r))
            .peek(d -> assertThat(d).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12)))
            .distinct()
            .count();
    assertThat(distinct).as("retries of many deliveries do not line up").isGreaterThan(50);
  }

  @Test
  void tinyDelaysForTests() {
    RetrySchedule schedule = new RetrySchedule(3, Duration.ofMillis(50), Duration.ofMillis(200));

    assertThat(schedule.baseDelay(1)).isEqualTo(Duration.ofMillis(50));
    assertThat(schedule.baseDelay(2)).isEqualTo(Duration.ofMillis(100));
    assertThat(schedule.allowsAnother(3)).isFalse();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new RetrySchedule(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetrySchedule(3, Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetrySchedule(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
