package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.StackPorts;
import io.picshare.stack.junit.LocalStackExtension;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Uploads and deletes become events on Kafka, through the outbox, even if Kafka was down. */
@ExtendWith(LocalStackExtension.class)
class EventsIT {
  @Test
  void uploadAndDeleteArePublished(StackEndpoints stack) throws Exception {
    try (PicShareApi api = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS)) {
      ApiClient client = new ApiClient(api.port());
      String token = client.newUserToken("ev");
      String id =
          json(client.upload(token, TestPhotos.jpeg(80, 60, 11), "an event")).getString("id");
      assertThat(client.delete("/v1/photos/" + id, token).statusCode()).isEqualTo(204);

      JsonObject uploaded = awaitEvent(stack, "photo-uploaded", id);
      assertThat(uploaded.getString("type")).isEqualTo("photo-uploaded");
      assertThat(uploaded.getJsonObject("photo").getString("title")).isEqualTo("an event");
      assertThat(uploaded.getJsonObject("photo").getString("sha256")).hasSize(64);
      assertThat(awaitEvent(stack, "photo-deleted", id).getString("type"))
          .isEqualTo("photo-deleted");
      System.gc(); // the metric must survive a collection (Micrometer holds its source weakly)
      assertThat(text(new ApiClient(api.adminPort()).get("/metrics")))
          .containsPattern("picshare_events_published_total\\{role=\"all\"} [1-9]");
    }
  }

  @Test
  void uploadsSucceedWhileKafkaIsDownAndTheirEventsArePublishedLater(StackEndpoints stack)
      throws Exception {
    int nothingListens = StackPorts.ephemeral().kafka();
    String id;
    try (PicShareApi cutOff =
        PicShareApi.start(
                StackConfigs.api(stack, Map.of("kafka-bootstrap", "127.0.0.1:" + nothingListens)))
            .await(60, TimeUnit.SECONDS)) {
      ApiClient client = new ApiClient(cutOff.port());
      HttpResponse<byte[]> ready = new ApiClient(cutOff.adminPort()).get("/health/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(json(ready).getJsonObject("components").getJsonObject("kafka").getString("status"))
          .isEqualTo("DOWN");

      HttpResponse<byte[]> upload =
          client.upload(client.newUserToken("off"), TestPhotos.jpeg(80, 60, 12), "no kafka");
      assertThat(upload.statusCode()).as(text(upload)).isEqualTo(201);
      id = json(upload).getString("id");
    }

    // Any server that can reach Kafka relays what the outbox holds.
    try (PicShareApi connected =
        PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS)) {
      connected.relayOutbox().await(60, TimeUnit.SECONDS);
      assertThat(awaitEvent(stack, "photo-uploaded", id).getJsonObject("photo").getString("title"))
          .isEqualTo("no kafka");
    }
  }

  private static JsonObject awaitEvent(StackEndpoints stack, String topic, String photoId) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.kafkaBootstrap(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "events-it-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<JsonObject> seen = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (photoId.equals(record.key())) {
            return new JsonObject(new String(record.value(), StandardCharsets.UTF_8));
          }
          seen.add(new JsonObject(new String(record.value(), StandardCharsets.UTF_8)));
        }
      }
      throw new AssertionError(
          "no " + topic + " event for photo " + photoId + " within 30 s; saw " + seen.size());
    }
  }
}
