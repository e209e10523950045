package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateScheduleTest {
  @Test
  void requestsAreEvenlySpacedFromTheStart() {
    RateSchedule schedule = new RateSchedule(1_000, 500);

    assertThat(schedule.intendedNanos(0)).isEqualTo(1_000);
    assertThat(schedule.intendedNanos(1)).isEqualTo(1_000 + 2_000_000);
    assertThat(schedule.intendedNanos(500)).isEqualTo(1_000 + 1_000_000_000);
  }

  @Test
  void aRateThatDoesNotDivideASecondKeepsItsAverage() {
    RateSchedule schedule = new RateSchedule(0, 3);

    assertThat(schedule.intendedNanos(1)).isEqualTo(333_333_333);
    assertThat(schedule.intendedNanos(2)).isEqualTo(666_666_666);
    assertThat(schedule.intendedNanos(3_000)).isEqualTo(1_000_000_000_000L);
  }

  @Test
  void dueByCountsTheRequestsIntendedAtOrBeforeAMoment() {
    RateSchedule schedule = new RateSchedule(5_000, 1_000);

    assertThat(schedule.dueBy(4_999)).isZero();
    assertThat(schedule.dueBy(5_000)).isEqualTo(1);
    assertThat(schedule.dueBy(5_000 + 999_999)).isEqualTo(1);
    assertThat(schedule.dueBy(5_000 + 1_000_000)).isEqualTo(2);
    // a sender this late owes all of them at once
    assertThat(schedule.dueBy(5_000 + 2_000_000_000L)).isEqualTo(2_001);
  }

  @Test
  void aLevelSendsItsRateTimesItsLength() {
    assertThat(new RateSchedule(0, 200).count(Duration.ofSeconds(20))).isEqualTo(4_000);
    assertThat(new RateSchedule(0, 3).count(Duration.ofMillis(500))).isEqualTo(2);
    for (long i = 0; i < 4_000; i++) {
      assertThat(new RateSchedule(0, 200).intendedNanos(i)).isLessThan(20_000_000_000L);
    }
  }

  @Test
  void refusesRatesThatAreNotPositive() {
    assertThatThrownBy(() -> new RateSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateSchedule(0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateSchedule(0, 1).intendedNanos(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
