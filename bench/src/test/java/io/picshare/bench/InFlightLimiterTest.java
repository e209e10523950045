package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InFlightLimiterTest {
  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  /**
   * An asynchronous call that finishes 0.5-2 ms later on another thread and tracks its own
   * concurrency.
   */
  static final class FakeAsyncCall {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    private final ScheduledExecutorService executor;

    FakeAsyncCall(ScheduledExecutorService executor) {
      this.executor = executor;
    }

    CompletableFuture<Void> start() {
      calls.incrementAndGet();
      peak.accumulateAndGet(running.incrementAndGet(), Math::max);
      CompletableFuture<Void> done = new CompletableFuture<>();
      executor.schedule(
          () -> {
            running.decrementAndGet();
            done.complete(null);
          },
          ThreadLocalRandom.current().nextLong(500, 2_000),
          TimeUnit.MICROSECONDS);
      return done;
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 16})
  void neverMoreThanTheLimitAreInFlightAndTheLimitIsReached(int limit) throws InterruptedException {
    InFlightLimiter limiter = new InFlightLimiter(limit);
    FakeAsyncCall call = new FakeAsyncCall(executor);

    for (int i = 0; i < 200 * limit; i++) {
      limiter.start(call::start);
      assertThat(limiter.inFlight()).isLessThanOrEqualTo(limit);
    }

    assertThat(limiter.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(call.peak).hasValue(limit);
    assertThat(call.running).hasValue(0);
    assertThat(call.calls).hasValue(200 * limit);
  }

  @Test
  void startBeforeGivesUpAtTheDeadlineWhileEverySlotIsBusy() throws InterruptedException {
    InFlightLimiter limiter = new InFlightLimiter(1);
    CompletableFuture<Void> stuck = new CompletableFuture<>();
    limiter.start(() -> stuck);

    long started = System.nanoTime();
    boolean second =
        limiter.startBefore(started + TimeUnit.MILLISECONDS.toNanos(50), CompletableFuture::new);

    assertThat(second).isFalse();
    assertThat(System.nanoTime() - started)
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(45));
    assertThat(limiter.awaitIdle(Duration.ofMillis(20))).isFalse();
    stuck.complete(null);
    assertThat(limiter.awaitIdle(Duration.ofSeconds(1))).isTrue();
  }

  @Test
  void anOperationThatThrowsGivesItsSlotBack() throws InterruptedException {
    InFlightLimiter limiter = new InFlightLimiter(1);

    assertThatThrownBy(
            () ->
                limiter.start(
                    () -> {
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(limiter.inFlight()).isZero();
    assertThat(
            limiter.startBefore(System.nanoTime(), () -> CompletableFuture.completedFuture(null)))
        .isTrue();
  }

  @Test
  void operationsThatCompleteSynchronouslyDoNotPileUpTheStack() throws InterruptedException {
    InFlightLimiter limiter = new InFlightLimiter(2);

    for (int i = 0; i < 200_000; i++) {
      limiter.start(() -> CompletableFuture.completedFuture(null));
    }

    assertThat(limiter.inFlight()).isZero();
  }
}
