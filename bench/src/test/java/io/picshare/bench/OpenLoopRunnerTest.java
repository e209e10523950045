package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenLoopRunnerTest {
  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
  private final StringWriter printed = new StringWriter();

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  private OpenLoopRunner runner(int maxInFlight) {
    return new OpenLoopRunner(
        new PrintWriter(printed, true),
        executor,
        Duration.ofMillis(100),
        Duration.ofSeconds(5),
        maxInFlight);
  }

  /** A call answered after {@code millis}. */
  private CompletableFuture<Outcome> answeredAfter(long millis, Outcome outcome) {
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    executor.schedule(() -> done.complete(outcome), millis, TimeUnit.MILLISECONDS);
    return done;
  }

  @Test
  void sendsAtTheRateAndCountsTheRequestsIntendedInTheWindow() throws InterruptedException {
    AtomicInteger sent = new AtomicInteger();

    OpenLoopRunner.Level level =
        runner(100)
            .run(
                200,
                Duration.ofMillis(200),
                Duration.ofMillis(500),
                () -> {
                  sent.incrementAndGet();
                  return answeredAfter(2, Outcome.success(0, 10));
                });

    LevelResult result = level.intended();
    assertThat(sent).hasValue(140); // 200/s for 0.7 s
    assertThat(result.requests()).isEqualTo(100); // the 0.5 s window
    assertThat(level.served().successesPerSecond()).isBetween(180.0, 220.0);
    assertThat(result.errors()).isEmpty();
    assertThat(result.latency().p50()).isBetween(2_000L, 20_000L);
    assertThat(printed.toString()).contains("200/s").contains("ok/s");
  }

  @Test
  void aSlowServerShowsAsQueueingLatencyNotAsALowerRate() throws InterruptedException {
    // capacity: 2 in flight, 50 ms each = 40/s, offered 100/s for 0.5 s
    OpenLoopRunner.Level level =
        runner(2)
            .run(
                100,
                Duration.ZERO,
                Duration.ofMillis(500),
                () -> answeredAfter(50, Outcome.success(0, 0)));
    LevelResult result = level.intended();

    assertThat(result.requests()).isEqualTo(50);
    assertThat(result.concurrency()).isEqualTo(2);
    // the last request was intended at 0.49 s and answered near 50 * 25 ms = 1.25 s:
    // it waited about 0.7 s behind the others
    assertThat(result.latency().max()).isGreaterThan(600_000);
    assertThat(result.latency().p50()).isGreaterThan(200_000);
    // what the server kept up with: about 40/s, not the 100/s offered
    assertThat(level.served().successesPerSecond()).isBetween(30.0, 44.0);
  }

  @Test
  void failuresAreCountedByKeyAndShownOnce() throws InterruptedException {
    AtomicInteger sent = new AtomicInteger();

    LevelResult result =
        runner(100)
            .run(
                100,
                Duration.ZERO,
                Duration.ofMillis(300),
                () ->
                    sent.incrementAndGet() % 3 == 0
                        ? answeredAfter(1, Outcome.failure("503", 0, "busy"))
                        : answeredAfter(1, Outcome.success(0, 0)))
            .intended();

    assertThat(result.errors()).containsEntry("503", 10L);
    assertThat(result.successes()).isEqualTo(20);
    assertThat(printed.toString()).containsOnlyOnce("first 503: busy");
  }
}
