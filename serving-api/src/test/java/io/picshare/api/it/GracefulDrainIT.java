package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code SIGTERM} in the middle of concurrent uploads: the API stops taking connections, lets the
 * uploads in flight finish with their 201, and exits within its drain timeout; clients that retry
 * with the same {@code Idempotency-Key} against a second instance neither lose an upload nor store
 * one twice.
 */
@ExtendWith(LocalStackExtension.class)
class GracefulDrainIT {
  private static final int UPLOADERS = 8;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

  /** A request sent this long before the signal has surely reached the server. */
  private static final Duration SENT_BEFORE_SIGNAL = Duration.ofMillis(100);

  @Test
  void sigtermFinishesTheUploadsInFlightAndLosesOrDuplicatesNone(StackEndpoints stack)
      throws Exception {
    String username = "drain_" + Long.toHexString(System.nanoTime());
    List<RetryingUploader.Acknowledged> acknowledged;
    List<RetryingUploader.Attempt> inFlight;
    try (PicShareApi second =
            PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
        ApiProcess first =
            ApiProcess.start(
                stack,
                "drain-test-api",
                List.of("--drain-timeout=" + DRAIN_TIMEOUT.toSeconds(), "--event-loops=2"))) {
      ApiClient firstClient = first.client();
      firstClient.signUp(username);
      String token = firstClient.logIn(username);

      long signalled;
      long exitedAfterMillis;
      try (RetryingUploader uploader =
          RetryingUploader.clients(UPLOADERS, firstClient, token)
              .photoSize(800, 600)
              .failOverTo(new ApiClient(second.port()))
              .start()) {
        uploader.awaitAcknowledged(20, Duration.ofSeconds(60));
        assertThat(metric(first.adminClient(), "picshare_event_loop_blocked_total"))
            .as("event loops blocked")
            .isZero();

        signalled = first.terminate();
        assertThat(first.awaitExit(DRAIN_TIMEOUT.plusSeconds(30)))
            .as("the API exits (see %s)", first.logFile())
            .isTrue();
        exitedAfterMillis = (System.nanoTime() - signalled) / 1_000_000;
        RetryingUploader.Outcome outcome = uploader.finish();
        assertThat(outcome.unacknowledged()).as("photos never acknowledged").isEmpty();
        acknowledged = outcome.acknowledged();
        inFlight =
            outcome.attempts().stream()
                .filter(
                    attempt ->
                        attempt.api() == firstClient
                            && attempt.inFlightAt(signalled, SENT_BEFORE_SIGNAL))
                .toList();
      }
      System.out.printf(
          "GracefulDrainIT: %d uploads acknowledged, %d in flight at SIGTERM, exit after %d ms%n",
          acknowledged.size(), inFlight.size(), exitedAfterMillis);
      assertThat(exitedAfterMillis)
          .as("exit within the drain timeout")
          .isLessThan(DRAIN_TIMEOUT.toMillis());
      assertThat(first.exitValue()).as("exit status of a JVM ended by SIGTERM").isEqualTo(143);
      assertThat(first.log()).contains("drained in", "stopped in");
      assertThat(inFlight).as("uploads in flight when SIGTERM came").isNotEmpty();
      // A request the server already reads finishes with 201. One that raced the close of an idle
      // keep-alive connection (sent as the server stopped accepting) sees the connection closed,
      // which HTTP allows; its client retries with the same key and must then be acknowledged.
      assertThat(inFlight)
          .filteredOn(RetryingUploader.Attempt::acknowledged)
          .as("uploads in flight that the drain let finish")
          .isNotEmpty();
      assertThat(inFlight)
          .as("no upload in flight was refused, failed with an error status or timed out")
          .allSatisfy(
              attempt ->
                  assertThat(attempt.outcome())
                      .as(attempt.key())
                      .isIn("201", RetryingUploader.CONNECTION_ERROR));
      Set<String> acknowledgedKeys =
          acknowledged.stream().map(RetryingUploader.Acknowledged::key).collect(Collectors.toSet());
      assertThat(inFlight)
          .filteredOn(attempt -> !attempt.acknowledged())
          .as("closed connections are retried with the same key and acknowledged")
          .allSatisfy(attempt -> assertThat(acknowledgedKeys).contains(attempt.key()));

      // One photo per Idempotency-Key: the user's photos are each acknowledged upload once, and
      // nothing else.
      RetryingUploader.assertEachAcknowledgedPhotoListedOnceAndIntact(
          new ApiClient(second.port()), username, acknowledged);
    }
  }

  /** The sum of a metric's samples in {@code GET /metrics}; fails if the API does not report it. */
  static double metric(ApiClient client, String name) throws Exception {
    List<String> samples =
        ApiClient.text(client.get("/metrics"))
            .lines()
            .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
            .toList();
    assertThat(samples).as("samples of %s", name).isNotEmpty();
    return samples.stream()
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
