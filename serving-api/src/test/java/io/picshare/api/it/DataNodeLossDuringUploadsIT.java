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
 * A DataNode killed during concurrent uploads: with replication 3 on three DataNodes no upload can
 * reach its replicas while one is down, so the API refuses them (503) rather than acknowledge an
 * under-replicated photo; once the DataNode is back the clients' retries, with the same
 * Idempotency-Key, succeed, and every acknowledged photo is listed once and downloads
 * byte-identical. The DataNode is restarted (and its blocks re-replicated) even if the test fails,
 * since later tests share the stack.
 */
@ExtendWith(LocalStackExtension.class)
class DataNodeLossDuringUploadsIT {
  private static final int CLIENTS = 8;
  private static final int DATANODE = 1;
  private static final int REPLICATION = 3;
  private static final Duration OUTAGE = Duration.ofSeconds(15);
  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(4);

  @Test
  void uploadsAreRefusedWhileADataNodeIsDownAndRetriesSucceedAfterItsReturn(
      StackEndpoints stack, StackFaults faults) throws Exception {
    String username = "dnloss_" + UUID.randomUUID().toString().substring(0, 8);
    RetryingUploader.Outcome outcome;
    long stoppedAt;
    long restartedAt;
    try (PicShareApi api =
        PicShareApi.start(RetryingUploader.apiConfig(stack)).await(60, TimeUnit.SECONDS)) {
      ApiClient client = new ApiClient(api.port());
      assertThat(client.postJson("/v1/users", ApiClient.credentials(username)).statusCode())
          .isEqualTo(201);
      String token = client.logIn(username);

      try (RetryingUploader uploader =
          RetryingUploader.start(client, token, CLIENTS, GIVE_UP_AFTER)) {
        uploader.awaitAcknowledged(2 * CLIENTS, Duration.ofSeconds(60));
        boolean stopped = false;
        try {
          stoppedAt = System.currentTimeMillis();
          System.out.println("fault: " + faults.stopDataNode(DATANODE));
          stopped = true;
          Thread.sleep(OUTAGE.toMillis());
          // While the DataNode is still down: whatever was acknowledged so far has all its replicas
          // (a block written now could only be reported by the two live DataNodes).
          RetryingUploader.assertFullyReplicated(
              api.backends().blobs(), uploader.acknowledgedSoFar(), REPLICATION);
        } finally {
          restartedAt = System.currentTimeMillis();
          if (stopped) {
            System.out.println("repair: " + faults.startDataNode(DATANODE));
          }
        }
        long repairedAt = System.currentTimeMillis();
        // Retries of the photos refused meanwhile now succeed; upload a little longer on a whole
        // cluster.
        uploader.keepUploading(Duration.ofSeconds(5));
        outcome = uploader.finish();
        System.out.printf(
            "DataNodeLossDuringUploadsIT: DataNode down %.1f s, repair (restart + re-replication) %.1f s;"
                + " acknowledged while down=%d; attempts in flight at the kill=%d; %s; attempts by outcome %s%n",
            (restartedAt - stoppedAt) / 1e3,
            (repairedAt - restartedAt) / 1e3,
            outcome.acknowledgedBetween(stoppedAt, restartedAt),
            outcome.attemptsInFlightAt(stoppedAt),
            outcome.summary(),
            outcome.attemptsByOutcome());
      }

      assertThat(outcome.unacknowledged()).as("photos never acknowledged").isEmpty();
      // Only uploads already under way at the kill (their bytes on all three) may be acknowledged
      // while it is down.
      assertThat(outcome.attemptsSentAndAcknowledgedBetween(stoppedAt, restartedAt))
          .as("uploads sent and acknowledged while only two DataNodes were live")
          .isZero();
      assertThat(outcome.attemptsByOutcome())
          .as("uploads refused while a DataNode was down")
          .containsKey("503");
      assertThat(outcome.attemptsByOutcome().keySet())
          .as("only refusals the clients may retry")
          .allMatch(status -> status.equals("201") || status.equals("503") || status.equals("409"));
      RetryingUploader.assertFullyReplicated(
          api.backends().blobs(), outcome.acknowledged(), REPLICATION);
    }

    // A fresh API instance, so nothing is served from the uploading instance's memory.
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
