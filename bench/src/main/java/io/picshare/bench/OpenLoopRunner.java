package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs open-loop levels: requests start on a fixed {@link RateSchedule}, however long earlier ones
 * take, through a warm-up and then a measured window. A request's latency runs from its intended
 * send time to its completion, so a server (or client) falling behind shows as growing latency, not
 * as a lower offered rate. The requests intended inside the window count; the level ends once they
 * have completed. At most {@code maxInFlight} are outstanding: beyond that new ones wait, and their
 * waiting counts in their latency. The result's {@code concurrency} is the most requests that were
 * in flight at once.
 */
final class OpenLoopRunner {
  /**
   * One level: {@code intended} counts the requests intended inside the window (their latency,
   * successes and errors); {@code served} the requests that completed inside it, whose rate is what
   * the server kept up with (below the offered rate once it falls behind).
   */
  record Level(LevelResult intended, LevelResult served) {}

  private final PrintWriter out;
  private final ScheduledExecutorService scheduler;
  private final Duration progressInterval;
  private final Duration drainTimeout;
  private final int maxInFlight;
  private final FirstFailures failures;

  OpenLoopRunner(
      PrintWriter out,
      ScheduledExecutorService scheduler,
      Duration progressInterval,
      Duration drainTimeout,
      int maxInFlight) {
    this.out = requireNonNull(out, "out is null");
    this.scheduler = requireNonNull(scheduler, "scheduler is null");
    this.progressInterval = requireNonNull(progressInterval, "progressInterval is null");
    this.drainTimeout = requireNonNull(drainTimeout, "drainTimeout is null");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be positive");
    }
    this.maxInFlight = maxInFlight;
    this.failures = new FirstFailures(out);
  }

  /** Runs one level at {@code perSecond}; {@code operation} starts one request, not blocking. */
  Level run(
      double perSecond,
      Duration warmup,
      Duration measure,
      Supplier<CompletableFuture<Outcome>> operation)
      throws InterruptedException {
    InFlightLimiter limiter = new InFlightLimiter(maxInFlight);
    long start = System.nanoTime() + 10_000_000; // a moment to get going
    RateSchedule schedule = new RateSchedule(start, perSecond);
    long windowStart = start + warmup.toNanos();
    long windowEnd = windowStart + measure.toNanos();
    long total = schedule.count(warmup.plus(measure));
    LevelRecorder recorder = new LevelRecorder(windowStart, windowEnd);
    LevelRecorder served = new LevelRecorder(windowStart, windowEnd);
    AtomicInteger peak = new AtomicInteger();
    LevelProgress progress =
        new LevelProgress(
            String.format(Locale.ROOT, "%5.0f/s", perSecond),
            limiter::inFlight,
            start,
            windowStart,
            measure,
            out);
    ScheduledFuture<?> ticker = progress.printEvery(progressInterval, scheduler);
    try {
      for (long i = 0; i < total; i++) {
        long intended = schedule.intendedNanos(i);
        for (long wait = intended - System.nanoTime(); wait > 0; ) {
          LockSupport.parkNanos(wait);
          wait = intended - System.nanoTime();
          if (Thread.interrupted()) {
            throw new InterruptedException();
          }
        }
        limiter.start(
            () -> {
              peak.accumulateAndGet(limiter.inFlight(), Math::max);
              return operation
                  .get()
                  .whenComplete(
                      (outcome, failure) -> {
                        long latency = Outcome.microsSince(intended);
                        Outcome judged =
                            failure == null
                                ? outcome.withLatency(latency)
                                : Outcome.failure("error", latency, String.valueOf(failure));
                        recorder.record(judged, intended);
                        served.record(judged, System.nanoTime());
                        progress.count(judged);
                        failures.showFirst(judged);
                      });
            });
      }
      if (!limiter.awaitIdle(drainTimeout)) {
        out.printf(
            Locale.ROOT,
            "  %.0f/s: %d requests still in flight %d s after the window; going on without them%n",
            perSecond,
            limiter.inFlight(),
            drainTimeout.toSeconds());
      }
    } finally {
      ticker.cancel(false);
    }
    int mostInFlight = Math.max(1, peak.get());
    return new Level(recorder.result(mostInFlight), served.result(mostInFlight));
  }
}
