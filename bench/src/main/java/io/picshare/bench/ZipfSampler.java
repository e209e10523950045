package io.picshare.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ranks {@code 0..n-1} with a power law: {@code P(rank r) ∝ 1 / (r + 1)^exponent} (Zipf's
 * law; exponent 0 is uniform, 1 is classic Zipf). One cumulative table of {@code n} doubles, then a
 * binary search per draw, so a draw costs {@code O(log n)} and the same random stream always gives
 * the same ranks.
 */
final class ZipfSampler {
  private final double exponent;
  private final double[] cumulative;

  ZipfSampler(int n, double exponent) {
    if (n < 1) {
      throw new IllegalArgumentException("need at least one rank, got " + n);
    }
    if (!(exponent >= 0) || exponent > 10) {
      throw new IllegalArgumentException("exponent must be in 0..10, got " + exponent);
    }
    this.exponent = exponent;
    this.cumulative = new double[n];
    double sum = 0;
    for (int r = 0; r < n; r++) {
      sum += weight(r);
      cumulative[r] = sum;
    }
    for (int r = 0; r < n; r++) {
      cumulative[r] /= sum;
    }
    cumulative[n - 1] = 1.0;
  }

  int size() {
    return cumulative.length;
  }

  /** The probability of drawing {@code rank}. */
  double probability(int rank) {
    return cumulative[rank] - (rank == 0 ? 0 : cumulative[rank - 1]);
  }

  int sample(SplittableRandom random) {
    double u = random.nextDouble();
    int found = Arrays.binarySearch(cumulative, u);
    // the first rank whose cumulative probability exceeds u
    int rank = found >= 0 ? found + 1 : -found - 1;
    return Math.min(rank, cumulative.length - 1);
  }

  private double weight(int rank) {
    return exponent == 0 ? 1.0 : Math.pow(rank + 1, -exponent);
  }
}
