package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one concurrency level measured inside its window: successes, errors counted by key (HTTP
 * statuses first, in numeric order, then transport errors), bytes of successful bodies, and the
 * latency of successful requests.
 */
public record LevelResult(
    int concurrency,
    Duration window,
    long successes,
    Map<String, Long> errors,
    long successBytes,
    LatencySummary latency) {
  /** Statuses in numeric order, then named errors alphabetically. */
  static final Comparator<String> ERROR_ORDER =
      Comparator.comparing((String key) -> !key.chars().allMatch(Character::isDigit))
          .thenComparing(
              key -> key.chars().allMatch(Character::isDigit) ? String.format("%5s", key) : key);

  public LevelResult {
    requireNonNull(window, "window is null");
    requireNonNull(errors, "errors is null");
    requireNonNull(latency, "latency is null");
    if (concurrency < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("need a concurrency >= 1 and a positive window");
    }
    Map<String, Long> sorted = new LinkedHashMap<>();
    errors.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(ERROR_ORDER))
        .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    errors = Collections.unmodifiableMap(sorted);
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  public long requests() {
    return successes + errorCount();
  }

  /** Successful requests per second of the window. */
  public double successesPerSecond() {
    return successes / seconds();
  }

  /** MiB of successful response bodies per second of the window. */
  public double mebibytesPerSecond() {
    return successBytes / (1024.0 * 1024.0) / seconds();
  }

  private double seconds() {
    return window.toNanos() / 1e9;
  }
}
