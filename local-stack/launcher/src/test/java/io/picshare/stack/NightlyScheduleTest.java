package io.picshare.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class NightlyScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void theDefaultIsThreeInTheMorning() {
    assertThat(NightlySchedule.DEFAULT).hasToString("03:00");
    assertThat(NightlySchedule.parse("03:00")).isEqualTo(NightlySchedule.DEFAULT);
  }

  @Test
  void theNextRunIsTodayIfTheTimeIsAheadElseTomorrow() {
    NightlySchedule schedule = NightlySchedule.parse("03:00");
    ZonedDateTime night = ZonedDateTime.of(2026, 6, 1, 1, 30, 0, 0, BERLIN);
    assertThat(schedule.nextRun(night)).contains(ZonedDateTime.of(2026, 6, 1, 3, 0, 0, 0, BERLIN));
    ZonedDateTime atThree = ZonedDateTime.of(2026, 6, 1, 3, 0, 0, 0, BERLIN);
    assertThat(schedule.nextRun(atThree))
        .contains(ZonedDateTime.of(2026, 6, 2, 3, 0, 0, 0, BERLIN));
  }

  @Test
  void aTimeTheClocksSkipRunsWhenTheSkipEnds() {
    // 29 March 2026, 02:00 → 03:00 in Berlin: 02:30 does not exist that night.
    ZonedDateTime evening = ZonedDateTime.of(2026, 3, 28, 22, 0, 0, 0, BERLIN);
    assertThat(NightlySchedule.parse("02:30").nextRun(evening))
        .contains(ZonedDateTime.of(2026, 3, 29, 3, 30, 0, 0, BERLIN));
  }

  @Test
  void offNeverRuns() {
    NightlySchedule off = NightlySchedule.parse("off");
    assertThat(off.nextRun(ZonedDateTime.now(BERLIN))).isEmpty();
    assertThat(off).hasToString("off");
  }

  @Test
  void rejectsOtherValues() {
    assertThatThrownBy(() -> NightlySchedule.parse("3am"))
        .hasMessageContaining("expected HH:mm (e.g. 03:00) or off");
    assertThatThrownBy(() -> NightlySchedule.parse("25:00"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
