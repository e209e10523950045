package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {
  @Test
  void probabilitiesFollowThePowerLawAndSumToOne() {
    ZipfSampler zipf = new ZipfSampler(4, 1.0);
    double harmonic = 1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0;

    assertThat(zipf.probability(0)).isCloseTo(1 / harmonic, within(1e-12));
    assertThat(zipf.probability(3)).isCloseTo(0.25 / harmonic, within(1e-12));
    double sum = 0;
    for (int r = 0; r < 4; r++) {
      sum += zipf.probability(r);
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void drawsMatchTheProbabilities() {
    int n = 1000;
    ZipfSampler zipf = new ZipfSampler(n, 1.0);
    SplittableRandom random = new SplittableRandom(7);
    int[] counts = new int[n];
    int draws = 1_000_000;
    for (int i = 0; i < draws; i++) {
      counts[zipf.sample(random)]++;
    }
    // rank 1 about twice as often as rank 2, ten times as often as rank 10
    assertThat(counts[0] / (double) draws).isCloseTo(zipf.probability(0), within(0.003));
    assertThat(counts[0] / (double) counts[1]).isCloseTo(2.0, within(0.05));
    assertThat(counts[0] / (double) counts[9]).isCloseTo(10.0, within(0.5));
    // the top 1% of ranks takes about H(10)/H(1000) = 39% of the draws
    int top = 0;
    for (int r = 0; r < 10; r++) {
      top += counts[r];
    }
    assertThat(top / (double) draws).isCloseTo(0.392, within(0.005));
  }

  @Test
  void exponentZeroIsUniformAndEveryRankIsReachable() {
    ZipfSampler uniform = new ZipfSampler(3, 0);
    SplittableRandom random = new SplittableRandom(1);
    int[] counts = new int[3];
    for (int i = 0; i < 30_000; i++) {
      counts[uniform.sample(random)]++;
    }
    assertThat(Arrays.stream(counts).boxed())
        .allSatisfy(c -> assertThat(c).isBetween(9_500, 10_500));
    assertThat(new ZipfSampler(1, 2.0).sample(random)).isZero();
  }

  @Test
  void theSameSeedDrawsTheSameRanks() {
    ZipfSampler zipf = new ZipfSampler(10_000, 1.2);
    SplittableRandom a = new SplittableRandom(42);
    SplittableRandom b = new SplittableRandom(42);
    for (int i = 0; i < 1000; i++) {
      assertThat(zipf.sample(a)).isEqualTo(zipf.sample(b));
    }
  }

  @Test
  void rejectsBadParameters() {
    assertThatThrownBy(() -> new ZipfSampler(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ZipfSampler(5, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ZipfSampler(5, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
