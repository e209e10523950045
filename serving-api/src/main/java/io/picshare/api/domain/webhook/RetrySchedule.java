package io.picshare.api.domain.webhook;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: after attempt {@code n} fails, {@code initialDelay ×
 * 2^(n-1)}, at most {@code maxDelay}, each spread by ±20 % of random jitter (so receivers that came
 * back are not hit by every retry at once); after {@code maxAttempts} attempts it is given up. The
 * defaults (10 s doubling to at most 1 h, 10 attempts) try for about an hour and a half.
 */
public record RetrySchedule(int maxAttempts, Duration initialDelay, Duration maxDelay) {
  public static final RetrySchedule DEFAULTS =
      new RetrySchedule(10, Duration.ofSeconds(10), Duration.ofHours(1));

  public RetrySchedule {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive");
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("maxDelay must be at least initialDelay");
    }
  }

  /** Whether a delivery that has had {@code attempts} attempts may have another. */
  public boolean allowsAnother(int attempts) {
    return attempts < maxAttempts;
  }

  /** The delay before the attempt after failed attempt {@code attempt}, without jitter. */
  public Duration baseDelay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt numbers start at 1: " + attempt);
    }
    long max = maxDelay.toMillis();
    long delay = initialDelay.toMillis();
    for (int i = 1; i < attempt && delay < max; i++) {
      delay *= 2;
    }
    return Duration.ofMillis(Math.min(delay, max));
  }

  /** {@link #baseDelay} spread by {@code random} (uniform in [0, 1)) over ±20 %. */
  public Duration delay(int attempt, DoubleSupplier random) {
    double factor = 0.8 + 0.4 * random.getAsDouble();
    return Duration.ofMillis(Math.round(baseDelay(attempt).toMillis() * factor));
  }
}
