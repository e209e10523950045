package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class LevelRecorderTest {
  @Test
  void onlyOutcomesCompletingInsideTheWindowCount() {
    LevelRecorder recorder = new LevelRecorder(1_000, 2_000);

    assertThat(recorder.record(Outcome.success(5_000, 10), 999)).isFalse(); // warm-up
    assertThat(recorder.record(Outcome.success(1_700, 10), 1_000)).isTrue();
    assertThat(recorder.record(Outcome.failure("429", 100, "{}"), 1_500)).isTrue();
    assertThat(recorder.record(Outcome.failure("timeout", 100, ""), 1_999)).isTrue();
    assertThat(recorder.record(Outcome.success(9_000, 10), 2_000)).isFalse(); // drain

    LevelResult result = recorder.result(4);
    assertThat(result.window()).isEqualTo(Duration.ofNanos(1_000));
    assertThat(result.successes()).isEqualTo(1);
    assertThat(result.successBytes()).isEqualTo(10);
    assertThat(result.errors()).containsExactly(Map.entry("429", 1L), Map.entry("timeout", 1L));
    assertThat(result.latency().max()).isEqualTo(1_700);
  }

  @Test
  void outcomesAreJudgedByStatusAndByteCount() {
    Reply ok = new Reply(200, 1234, "", HttpHeaders.of(Map.of(), (name, value) -> true));
    Reply limited = new Reply(429, 60, "{\"code\":\"rate-limited\"}", ok.headers());

    assertThat(Outcome.of(ok, null, 10, 200, 1234).succeeded()).isTrue();
    assertThat(Outcome.of(ok, null, 10, 200, -1).succeeded()).isTrue();
    assertThat(Outcome.of(ok, null, 10, 200, 1000).errorKey()).contains("size-mismatch");
    assertThat(Outcome.of(limited, null, 10, 200, -1).errorKey()).contains("429");
    assertThat(Outcome.of(limited, null, 10, 200, -1).detail()).contains("rate-limited");
    assertThat(
            Outcome.of(null, new CompletionException(new ConnectException()), 10, 200, -1)
                .errorKey())
        .contains("connect");
    assertThat(Outcome.of(null, new HttpTimeoutException("slow"), 10, 200, -1).errorKey())
        .contains("timeout");
  }
}
