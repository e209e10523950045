package io.picshare.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class TimeConvertersTest {
  private final TimeConverters.DurationConverter durations = new TimeConverters.DurationConverter();
  private final TimeConverters.InstantConverter instants = new TimeConverters.InstantConverter();

  @Test
  void durationsInShortOrIsoForm() {
    assertThat(durations.convert("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(durations.convert("36h")).isEqualTo(Duration.ofHours(36));
    assertThat(durations.convert("90m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(durations.convert("45s")).isEqualTo(Duration.ofSeconds(45));
    assertThat(durations.convert("P2DT3H")).isEqualTo(Duration.ofHours(51));
    assertThatThrownBy(() -> durations.convert("a week"))
        .isInstanceOf(TypeConversionException.class);
  }

  @Test
  void instantsAsIsoOrEpochMillis() {
    assertThat(instants.convert("2026-06-01T03:00:00Z"))
        .isEqualTo(Instant.parse("2026-06-01T03:00:00Z"));
    assertThat(instants.convert("1780282800000")).isEqualTo(Instant.ofEpochMilli(1780282800000L));
    assertThatThrownBy(() -> instants.convert("yesterday"))
        .isInstanceOf(TypeConversionException.class);
  }
}
