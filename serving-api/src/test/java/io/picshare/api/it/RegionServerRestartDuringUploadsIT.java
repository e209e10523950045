package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.StackFaults;
import io.picshare.stack.junit.LocalStackExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HBase region server killed during concurrent uploads (no region closed, no memstore flushed)
 * and a new one started: the photos' metadata acknowledged before the kill is recovered from the
 * write-ahead log, uploads stall or fail meanwhile, and the clients' retries with the same
 * Idempotency-Key succeed once the regions are back, never creating a second photo. A region server
 * is started again (and every region online) even if the test fails, since later tests share the
 * stack.
 */
@ExtendWith(LocalStackExtension.class)
class RegionServerRestartDuringUploadsIT {
  private static final int CLIENTS = 8;

  /**
   * Longer than the API's HBase operation timeout (30 s), so uploads fail and are retried, not only
   * stall.
   */
  private static final Duration DOWN_FOR = Duration.ofSeconds(35);

  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(4);

  @Test
  void acknowledgedUploadsSurviveARegionServerCrashAndRetriesSucceed(
      StackEndpoints stack, StackFaults faults) throws Exception {
    String username = "rsrestart_" + UUID.randomUUID().toString().substring(0, 8);
    RetryingUploader.Outcome outcome;
    long killedAt;
    long startedAt;
    long onlineAt;
    int acknowledgedBeforeKill;
    try (PicShareApi api =
        PicShareApi.start(RetryingUploader.apiConfig(stack)).await(60, TimeUnit.SECONDS)) {
      ApiClient client = new ApiClient(api.port());
      assertThat(client.postJson("/v1/users", ApiClient.credentials(username)).statusCode())
          .isEqualTo(201);
      String token = client.logIn(username);

      try (RetryingUploader uploader =
          RetryingUploader.start(client, token, CLIENTS, GIVE_UP_AFTER)) {
        uploader.awaitAcknowledged(2 * CLIENTS, Duration.ofSeconds(60));
        boolean killed = false;
        try {
          acknowledgedBeforeKill = uploader.acknowledgedCount();
          killedAt = System.currentTimeMillis();
          System.out.println("fault: " + faults.killRegionServer());
          killed = true;
          Thread.sleep(DOWN_FOR.toMillis());
        } finally {
          startedAt = System.currentTimeMillis();
          if (killed) {
            System.out.println("repair: " + faults.startRegionServer());
          }
        }
        onlineAt = System.currentTimeMillis();
        // Retries of the photos that failed meanwhile now succeed; upload a little longer on a
        // whole cluster.
        uploader.keepUploading(Duration.ofSeconds(5));
        outcome = uploader.finish();
      }
      System.out.printf(
          "RegionServerRestartDuringUploadsIT: region server down %.1f s, new one serving every region"
              + " %.1f s later; acknowledged before the kill=%d, between kill and all regions online=%d;"
              + " attempts in flight at the kill=%d; %s; attempts by outcome %s%n",
          (startedAt - killedAt) / 1e3,
          (onlineAt - startedAt) / 1e3,
          acknowledgedBeforeKill,
          outcome.acknowledgedBetween(killedAt, onlineAt),
          outcome.attemptsInFlightAt(killedAt),
          outcome.summary(),
          outcome.attemptsByOutcome());

      assertThat(outcome.unacknowledged()).as("photos never acknowledged").isEmpty();
      assertThat(outcome.attemptsInFlightAt(killedAt))
          .as("uploads in flight when the region server died")
          .isPositive();
      assertThat(outcome.retriedPhotos())
          .as("photos retried after a failure while HBase was down")
          .isPositive();
      assertThat(outcome.attemptsByOutcome().keySet())
          .as("HBase being down is a refusal to retry, never a 500")
          .doesNotContain("500");
    }

    // A fresh API instance, so nothing is served from the uploading instance's memory or caches.
    try (PicShareApi verifier =
        PicShareApi.start(RetryingUploader.apiConfig(stack)).await(60, TimeUnit.SECONDS)) {
      ApiClient client = new ApiClient(verifier.port());
      HttpResponse<byte[]> ready = client.get("/health/ready");
      assertThat(ready.statusCode())
          .as("the repaired stack is ready: " + ApiClient.text(ready))
          .isEqualTo(200);
      RetryingUploader.assertEachAcknowledgedPhotoListedOnceAndIntact(
          client, username, outcome.acknowledged());
      RetryingUploader.assertReplaysNameTheSamePhoto(
          client, client.logIn(username), outcome.acknowledged());
    }
  }
}
