package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The promise behind every 201: an API process killed with {@code kill -9} in the middle of
 * concurrent uploads loses none of the uploads it acknowledged.
 */
@ExtendWith(LocalStackExtension.class)
class CrashDuringUploadsIT {
  private static final int UPLOADERS = 8;

  @Test
  void everyAcknowledgedUploadSurvivesAKillOfTheApi(StackEndpoints stack) throws Exception {
    List<RetryingUploader.Acknowledged> acknowledged;
    String username = "crash_" + Long.toHexString(System.nanoTime());
    try (ApiProcess api = ApiProcess.start(stack, "crash-test-api", List.of())) {
      ApiClient client = api.client();
      client.signUp(username);
      String token = client.logIn(username);

      // The only API is killed: each client stops at its first failed request.
      try (RetryingUploader uploader =
          RetryingUploader.clients(UPLOADERS, client, token).stopAtFirstFailure().start()) {
        uploader.awaitAcknowledged(30, Duration.ofSeconds(60));
        api.kill(); // SIGKILL, uploads in flight
        RetryingUploader.Outcome outcome = uploader.finish();
        acknowledged = outcome.acknowledged();
        assertThat(outcome.unacknowledged()).as("photos never acknowledged").isEmpty();
      }
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(30);

    try (PicShareApi survivor =
        PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS)) {
      ApiClient client = new ApiClient(survivor.port());
      RetryingUploader.assertDownloadsIntact(client, acknowledged);
      assertThat(client.photoIds(username))
          .containsAll(acknowledged.stream().map(RetryingUploader.Acknowledged::photoId).toList());
    }
  }
}
