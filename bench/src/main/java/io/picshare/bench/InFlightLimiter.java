package io.picshare.bench;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many asynchronous operations run at once. A caller starts operations in a loop; each
 * start waits for a free slot, and a slot frees when its operation's stage completes, so at most
 * {@code limit} operations are ever in flight and, while the caller keeps starting, exactly {@code
 * limit} are.
 */
final class InFlightLimiter {
  private final int limit;
  private final Semaphore slots;

  InFlightLimiter(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    this.limit = limit;
    this.slots = new Semaphore(limit);
  }

  int limit() {
    return limit;
  }

  int inFlight() {
    return limit - slots.availablePermits();
  }

  /** Waits for a free slot and starts the operation. */
  void start(Supplier<? extends CompletionStage<?>> operation) throws InterruptedException {
    slots.acquire();
    launch(operation);
  }

  /**
   * Starts the operation once a slot is free, unless {@code deadlineNanos} (on the {@link
   * System#nanoTime()} scale) passes first; returns whether it started.
   */
  boolean startBefore(long deadlineNanos, Supplier<? extends CompletionStage<?>> operation)
      throws InterruptedException {
    long wait = deadlineNanos - System.nanoTime();
    if (!slots.tryAcquire(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
      return false;
    }
    launch(operation);
    return true;
  }

  /** Waits until nothing is in flight; returns false if {@code timeout} passed first. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    if (!slots.tryAcquire(limit, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    slots.release(limit);
    return true;
  }

  private void launch(Supplier<? extends CompletionStage<?>> operation) {
    CompletionStage<?> stage;
    try {
      stage = operation.get();
    } catch (RuntimeException | Error e) {
      slots.release();
      throw e;
    }
    stage.whenComplete((result, failure) -> slots.release());
  }
}
