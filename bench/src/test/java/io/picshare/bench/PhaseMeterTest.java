package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhaseMeterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void showsTheRateNowTheAverageAndWhenThePhaseEnds() {
    PhaseMeter meter = new PhaseMeter("follows", 500_000, 100_000, 0);

    assertThat(meter.line(150_000, 5 * SECOND))
        .isEqualTo(
            "  follows 150,000/500,000 (30.0%): 10,000/s now, 10,000/s on average, ETA 35 s");
    assertThat(meter.line(160_000, 10 * SECOND))
        .isEqualTo("  follows 160,000/500,000 (32.0%): 2,000/s now, 6,000/s on average, ETA 57 s");
    assertThat(meter.summary(500_000, 40 * SECOND))
        .isEqualTo("follows: 400,000 written in 40.0 s (10,000/s)");
  }

  @Test
  void anEtaNeedsARate() {
    assertThat(PhaseMeter.eta(0, 0)).isEqualTo("0 s");
    assertThat(PhaseMeter.eta(10, 0)).isEqualTo("unknown");
    assertThat(PhaseMeter.eta(10, 3)).isEqualTo("4 s");
    assertThat(PhaseMeter.eta(3_600, 1)).isEqualTo("60 min 00 s");
  }
}
