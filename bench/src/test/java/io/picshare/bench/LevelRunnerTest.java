package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LevelRunnerTest {
  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  @Test
  void keepsExactlyCInFlightCountsTheWindowAndDrainsBeforeReturning() throws InterruptedException {
    StringWriter printed = new StringWriter();
    LevelRunner runner =
        new LevelRunner(
            new PrintWriter(printed, true),
            executor,
            Duration.ofMillis(100),
            Duration.ofSeconds(5));
    InFlightLimiterTest.FakeAsyncCall call = new InFlightLimiterTest.FakeAsyncCall(executor);
    AtomicLong sequence = new AtomicLong();

    LevelResult result =
        runner.run(
            4,
            Duration.ofMillis(100),
            Duration.ofMillis(400),
            () -> {
              boolean fail = sequence.incrementAndGet() % 10 == 0;
              return call.start()
                  .thenApply(
                      done ->
                          fail
                              ? Outcome.failure("503", 1_000, "{\"code\":\"unavailable\"}")
                              : Outcome.success(1_000, 2_048));
            });

    assertThat(call.running).as("drained").hasValue(0);
    assertThat(call.peak).hasValue(4);
    assertThat(result.concurrency()).isEqualTo(4);
    assertThat(result.window()).isEqualTo(Duration.ofMillis(400));
    assertThat(result.successes()).isPositive().isLessThan(call.calls.get());
    assertThat(result.errors()).containsOnlyKeys("503");
    assertThat(result.successBytes()).isEqualTo(result.successes() * 2_048);
    String output = printed.toString();
    assertThat(output).containsOnlyOnce("first 503: {\"code\":\"unavailable\"}");
    assertThat(output).contains("c=4").contains("ok/s");
  }
}
