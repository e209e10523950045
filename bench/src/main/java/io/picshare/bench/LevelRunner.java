package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
  private final FirstFailures failures;

  LevelRunner(
      PrintWriter out,
      ScheduledExecutorService scheduler,
      Duration progressInterval,
      Duration drainTimeout) {
    this.out = requireNonNull(out, "out is null");
    this.scheduler = requireNonNull(scheduler, "scheduler is null");
    this.progressInterval = requireNonNull(progressInterval, "progressInterval is null");
    this.drainTimeout = requireNonNull(drainTimeout, "drainTimeout is null");
    this.failures = new FirstFailures(out);
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
    LevelProgress progress =
        new LevelProgress(
            String.format(Locale.ROOT, "c=%-4d", concurrency),
            limiter::inFlight,
            start,
            windowStart,
            measure,
            out);
    ScheduledFuture<?> ticker = progress.printEvery(progressInterval, scheduler);
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
    failures.showFirst(outcome);
  }
}
