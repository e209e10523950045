package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.api.config.ApiConfig;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.StackPorts;
import io.picshare.stack.junit.LocalStackExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    int port = StackPorts.ephemeral().api();
    Process api = startApiProcess(stack, port);
    Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
    String username;
    try {
      ApiClient client = new ApiClient(port);
      awaitReady(client, api);
      username = "crash_" + Long.toHexString(System.nanoTime());
      assertThat(client.postJson("/v1/users", ApiClient.credentials(username)).statusCode()).isEqualTo(201);
      String token = client.logIn(username);

      ExecutorService uploaders = Executors.newFixedThreadPool(UPLOADERS);
      AtomicInteger seed = new AtomicInteger();
      for (int i = 0; i < UPLOADERS; i++) {
        uploaders.execute(() -> {
          try {
            while (true) {
              byte[] photo = TestPhotos.jpeg(320, 240, seed.incrementAndGet());
              HttpResponse<byte[]> response = client.upload(token, photo, "crash test");
              if (response.statusCode() == 201) {
                acknowledged.put(json(response).getString("id"), photo);
              }
            }
          } catch (Exception connectionLost) {
            // the process was killed: this uploader stops
          }
        });
      }
      long deadline = System.currentTimeMillis() + 60_000;
      while (acknowledged.size() < 30 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      api.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL, uploads in flight
      uploaders.shutdown();
      assertThat(uploaders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      api.destroyForcibly();
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(30);

    try (PicShareApi survivor = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS)) {
      ApiClient client = new ApiClient(survivor.port());
      for (Map.Entry<String, byte[]> upload : acknowledged.entrySet()) {
        HttpResponse<byte[]> content = client.get("/v1/photos/" + upload.getKey() + "/content");
        assertThat(content.statusCode()).as(upload.getKey()).isEqualTo(200);
        assertThat(content.body()).as(upload.getKey()).isEqualTo(upload.getValue());
      }
      List<String> listed = new ArrayList<>();
      json(client.get("/v1/users/" + username + "/photos?limit=100")).getJsonArray("items")
          .forEach(item -> listed.add(((io.vertx.core.json.JsonObject) item).getString("id")));
      assertThat(listed).containsAll(acknowledged.keySet());
    }
  }

  /** The API in its own JVM, as deployed, so that it can be killed without killing the test. */
  private static Process startApiProcess(StackEndpoints stack, int port) throws Exception {
    ApiConfig config = StackConfigs.api(stack);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "io.picshare.api.PicShareApi",
        "--http-host=127.0.0.1",
        "--http-port=" + port,
        "--hdfs-uri=" + config.storage().hdfsUri(),
        "--zookeeper-quorum=" + config.storage().zookeeperQuorum(),
        "--kafka-bootstrap=" + config.storage().kafkaBootstrap(),
        "--solr-url=" + config.storage().solrUrl(),
        "--token-secret-file=" + config.auth().tokenSecretFile(),
        "--rate-limit-uploads-per-minute=100000",
        "--rate-limit-logins-per-minute=100000",
        "--rate-limit-signups-per-hour=100000"));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(Path.of("target", "crash-test-api.log").toFile())
        .start();
  }

  private static void awaitReady(ApiClient client, Process api) throws Exception {
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline) {
      assertThat(api.isAlive()).as("the API process is running (see target/crash-test-api.log)").isTrue();
      try {
        if (client.get("/health/ready").statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notListeningYet) {
        // keep waiting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the API did not become ready; see target/crash-test-api.log");
  }
}
