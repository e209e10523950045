package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Runs concurrency levels as a closed loop: keeps exactly C operations in flight through a warm-up
 * and then a measured window, printing the current rate every few seconds. Only operations
 * completing inside the window count; the level ends once the rest have drained, so levels never
 * overlap. The first failure of each kind is printed once per runner.
 */
final class LevelRunner {
  private final PrintWriter out;
  private final ScheduledExecutorService scheduler;
  private final Duration progressInterval;
  private final Duration drainTimeout;
  private final Set<String> shownFailures = ConcurrentHashMap.newKeySet();

  LevelRunner(
      PrintWriter out,
      ScheduledExecutorService scheduler,
      Duration progressInterval,
      Duration drainTimeout) {
    this.out = requireNonNull(out, "out is null");
    this.scheduler = requireNonNull(scheduler, "scheduler is null");
    this.progressInterval = requireNonNull(progressInterval, "progressInterval is null");
    this.drainTimeout = requireNonNull(drainTimeout, "drainTimeout is null");
  }

  /** Runs one level; {@code operation} starts one request and must not block. */
  LevelResult run(
      int concurrency,
      Duration warmup,
      Duration measure,
      Supplier<CompletableFuture<Outcome>> operation)
      throws InterruptedException {
    InFlightLimiter limiter = new InFlightLimiter(concurrency);
    long start = System.nanoTime();
    long windowStart = start + warmup.toNanos();
    long windowEnd = windowStart + measure.toNanos();
    LevelRecorder recorder = new LevelRecorder(windowStart, windowEnd);
    Progress progress = new Progress(concurrency, limiter, start, windowStart, measure);
    ScheduledFuture<?> ticker =
        scheduler.scheduleAtFixedRate(
            progress::print,
            progressInterval.toNanos(),
            progressInterval.toNanos(),
            TimeUnit.NANOSECONDS);
    try {
      while (System.nanoTime() - windowEnd < 0) {
        limiter.startBefore(
            windowEnd,
            () ->
                operation
                    .get()
                    .whenComplete(
                        (outcome, failure) -> {
                          Outcome judged =
                              failure == null
                                  ? outcome
                                  : Outcome.failure("error", 0, String.valueOf(failure));
                          recorder.record(judged, System.nanoTime());
                          progress.count(judged);
                          showFirst(judged);
                        }));
      }
      if (!limiter.awaitIdle(drainTimeout)) {
        out.printf(
            Locale.ROOT,
            "  c=%d: %d requests still in flight %d s after the window; going on without them%n",
            concurrency,
            limiter.inFlight(),
            drainTimeout.toSeconds());
      }
    } finally {
      ticker.cancel(false);
    }
    return recorder.result(concurrency);
  }

  private void showFirst(Outcome outcome) {
    if (outcome.succeeded() || !shownFailures.add(outcome.errorKey().orElseThrow())) {
      return;
    }
    out.printf(
        "  first %s: %s%n", outcome.errorKey().orElseThrow(), BenchSetup.oneLine(outcome.detail()));
  }

  /** Live counts for the progress line, warm-up included. */
  private final class Progress {
    private final int concurrency;
    private final InFlightLimiter limiter;
    private final long start;
    private final long windowStart;
    private final Duration measure;
    private final LongAdder successes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private long lastNanos;
    private long lastSuccesses;
    private long lastFailures;

    Progress(
        int concurrency, InFlightLimiter limiter, long start, long windowStart, Duration measure) {
      this.concurrency = concurrency;
      this.limiter = limiter;
      this.start = start;
      this.windowStart = windowStart;
      this.measure = measure;
      this.lastNanos = start;
    }

    void count(Outcome outcome) {
      (outcome.succeeded() ? successes : failures).increment();
    }

    /** Runs on the scheduler thread only. */
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
          "  c=%-4d %s: %8.1f ok/s, %6.1f errors/s, %d in flight%n",
          concurrency,
          phase,
          (ok - lastSuccesses) / seconds,
          (failed - lastFailures) / seconds,
          limiter.inFlight());
      lastNanos = now;
      lastSuccesses = ok;
      lastFailures = failed;
    }
  }
}
