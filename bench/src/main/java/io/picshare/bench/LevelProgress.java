package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The live line of a running level, warm-up included: successes and errors per second since the
 * last line, and how many requests are in flight. Counts come from any thread; {@link #print} runs
 * on one.
 */
final class LevelProgress {
  private final String label;
  private final IntSupplier inFlight;
  private final long start;
  private final long windowStart;
  private final Duration measure;
  private final PrintWriter out;
  private final LongAdder successes = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private long lastNanos;
  private long lastSuccesses;
  private long lastFailures;

  LevelProgress(
      String label,
      IntSupplier inFlight,
      long start,
      long windowStart,
      Duration measure,
      PrintWriter out) {
    this.label = requireNonNull(label, "label is null");
    this.inFlight = requireNonNull(inFlight, "inFlight is null");
    this.start = start;
    this.windowStart = windowStart;
    this.measure = requireNonNull(measure, "measure is null");
    this.out = requireNonNull(out, "out is null");
    this.lastNanos = start;
  }

  /** Prints a line every {@code interval} on {@code scheduler}, until the future is cancelled. */
  ScheduledFuture<?> printEvery(Duration interval, ScheduledExecutorService scheduler) {
    return scheduler.scheduleAtFixedRate(
        this::print, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  void count(Outcome outcome) {
    (outcome.succeeded() ? successes : failures).increment();
  }

  void print() {
    long now = System.nanoTime();
    long ok = successes.sum();
    long failed = failures.sum();
    double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
    String phase =
        now - windowStart < 0
            ? String.format(
                Locale.ROOT, "warm-up %2d s", TimeUnit.NANOSECONDS.toSeconds(now - start))
            : String.format(
                Locale.ROOT,
                "%2d/%d s",
                TimeUnit.NANOSECONDS.toSeconds(now - windowStart),
                measure.toSeconds());
    out.printf(
        Locale.ROOT,
        "  %s %s: %8.1f ok/s, %6.1f errors/s, %d in flight%n",
        label,
        phase,
        (ok - lastSuccesses) / seconds,
        (failed - lastFailures) / seconds,
        inFlight.getAsInt());
    lastNanos = now;
    lastSuccesses = ok;
    lastFailures = failed;
  }
}
