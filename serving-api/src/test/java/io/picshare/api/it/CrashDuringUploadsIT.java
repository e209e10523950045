package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    Map<String, RetryingUploaders.Acknowledged> acknowledged;
    String username = "crash_" + Long.toHexString(System.nanoTime());
    try (ApiProcess api = ApiProcess.start(stack, "crash-test-api", List.of())) {
      ApiClient client = api.client();
      assertThat(client.postJson("/v1/users", ApiClient.credentials(username)).statusCode())
          .isEqualTo(201);
      String token = client.logIn(username);

      // No fallback: each uploader stops at its first broken request.
      try (RetryingUploaders uploaders =
          RetryingUploaders.start(UPLOADERS, client, Optional.empty(), token, 320, 240)) {
        uploaders.awaitAcknowledged(30, Duration.ofSeconds(60));
        api.kill(); // SIGKILL, uploads in flight
        assertThat(uploaders.stop(Duration.ofSeconds(60))).isTrue();
        acknowledged = uploaders.acknowledged();
        assertThat(uploaders.problems()).isEmpty();
      }
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(30);

    try (PicShareApi survivor =
        PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS)) {
      ApiClient client = new ApiClient(survivor.port());
      for (RetryingUploaders.Acknowledged upload : acknowledged.values()) {
        HttpResponse<byte[]> content = client.get("/v1/photos/" + upload.photoId() + "/content");
        assertThat(content.statusCode()).as(upload.photoId()).isEqualTo(200);
        assertThat(content.body()).as(upload.photoId()).isEqualTo(upload.bytes());
      }
      assertThat(client.photoIds(username))
          .containsAll(
              acknowledged.values().stream().map(RetryingUploaders.Acknowledged::photoId).toList());
    }
  }
}
