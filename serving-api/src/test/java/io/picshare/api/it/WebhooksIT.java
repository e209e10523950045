package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.api.workers.EventConsumer;
import io.picshare.api.workers.webhook.WebhookFanOut;
import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.hbase.HBaseWebhookDeliveryStore;
import io.picshare.data.hbase.HBaseWebhookStore;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.StackFaults;
import io.picshare.stack.junit.LocalStackExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks end to end on the real stack: an API and two workers instances (competing for every
 * delivery, so each test also checks that no attempt is made twice) allowing private targets (the
 * receivers run on loopback), with tiny retry delays and timeouts, and a second API with the
 * default configuration for the SSRF refusals. A test receiver checks every signature the way
 * docs/webhooks.md tells receivers to.
 */
@ExtendWith(LocalStackExtension.class)
class WebhooksIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String MODERATION_SECRET = "whsec_moderation_" + UUID.randomUUID();
  private static final int TIMEOUT_MILLIS = 800;

  private static WebhookReceiver receiver;
  private static PicShareApi api;
  private static PicShareApi workers;
  private static PicShareApi moreWorkers;
  private static PicShareApi strict;
  private static ApiClient client;
  private static ApiClient strictClient;
  private static HBaseConnection hbase;

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    receiver = new WebhookReceiver();
    Path secretFile = Path.of("target", "it-moderation.secret");
    Files.writeString(secretFile, MODERATION_SECRET + "\n");
    Map<String, String> webhooks = new HashMap<>();
    webhooks.put("webhook-allow-private-targets", "true");
    webhooks.put("webhook-moderation-url", receiver.url("/moderation"));
    webhooks.put("webhook-moderation-secret-file", secretFile.toString());
    webhooks.put("webhook-max-attempts", "3");
    webhooks.put("webhook-retry-initial-delay-ms", "100");
    webhooks.put("webhook-retry-max-delay-ms", "400");
    webhooks.put("webhook-connect-timeout-ms", "300");
    webhooks.put("webhook-timeout-ms", Integer.toString(TIMEOUT_MILLIS));
    webhooks.put("webhook-poll-interval-ms", "100");
    api = PicShareApi.start(StackConfigs.api(stack, webhooks)).await(60, TimeUnit.SECONDS);
    Map<String, String> workerConfig = new HashMap<>(webhooks);
    workerConfig.put("role", "workers");
    workers = PicShareApi.start(StackConfigs.api(stack, workerConfig)).await(60, TimeUnit.SECONDS);
    moreWorkers =
        PicShareApi.start(StackConfigs.api(stack, workerConfig)).await(60, TimeUnit.SECONDS);
    strict = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
    client = new ApiClient(api.port());
    strictClient = new ApiClient(strict.port());
    hbase = StackConfigs.hbase(stack);
  }

  @AfterAll
  static void stop() throws Exception {
    moreWorkers.close();
    workers.close();
    strict.close();
    api.close();
    receiver.close();
    hbase.close();
  }

  private record User(String name, String token) {}

  private static User signUp(String prefix) throws Exception {
    String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    client.signUp(name);
    return new User(name, client.logIn(name));
  }

  static HttpResponse<byte[]> register(ApiClient on, String token, String url, String... events)
      throws Exception {
    JsonObject body =
        new JsonObject().put("url", url).put("events", new JsonArray(List.of(events)));
    return on.send(
        on.request("/v1/webhooks")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  /** Registers a webhook on the permissive API; returns its JSON, secret included. */
  private static JsonObject webhook(User owner, String url, String... events) throws Exception {
    HttpResponse<byte[]> created = register(client, owner.token(), url, events);
    assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
    return json(created);
  }

  private static String upload(User user, String title) throws Exception {
    HttpResponse<byte[]> response =
        client.upload(user.token(), TestPhotos.jpeg(32, 24, title.hashCode()), title);
    assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
    return json(response).getString("id");
  }

  private static JsonArray deliveries(User owner, String webhookId) throws Exception {
    HttpResponse<byte[]> response =
        client.get(
            "/v1/webhooks/" + webhookId + "/deliveries",
            "Authorization",
            "Bearer " + owner.token());
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    return json(response).getJsonArray("items");
  }

  /** Waits until every delivery of the webhook has {@code status}; returns them. */
  private static JsonArray awaitDeliveries(User owner, String webhookId, int count, String status)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonArray items;
    do {
      items = deliveries(owner, webhookId);
      if (items.size() == count
          && items.stream().allMatch(d -> ((JsonObject) d).getString("status").equals(status))) {
        return items;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("deliveries of " + webhookId + " never all " + status + ": " + items);
  }

  /** Publishes the outbox now; a pass still waiting for Kafka is left to finish on its own. */
  private static void relay() {
    try {
      api.relayOutbox().await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // the relay's own pass (every second) is waiting for the broker
    }
  }

  private static boolean uploadOf(WebhookReceiver.Received request, String photoId) {
    JsonObject photo = request.json().getJsonObject("photo");
    return photo != null && photoId.equals(photo.getString("id"));
  }

  @Test
  void anUploadIsDeliveredSignedAndOnlyTheOwnersEventsArrive() throws Exception {
    User alice = signUp("alice");
    User bob = signUp("bob");
    JsonObject hook =
        webhook(alice, receiver.url("/alice"), "photo-uploaded", "photo-liked", "user-followed");
    assertThat(hook.getString("secret")).startsWith("whsec_").hasSize(49);
    assertThat(hook.getJsonArray("events"))
        .containsExactly("photo-uploaded", "photo-liked", "user-followed");
    JsonObject listed =
        json(client.get("/v1/webhooks", "Authorization", "Bearer " + alice.token()));
    assertThat(listed.getJsonArray("items")).hasSize(1);
    assertThat(listed.getJsonArray("items").getJsonObject(0).fieldNames())
        .containsExactlyInAnyOrder("id", "url", "events", "created_at");

    String bobsPhoto = upload(bob, "bob's, not for alice");
    String photo = upload(alice, "alice at the beach");
    assertThat(client.put("/v1/me/following/" + alice.name(), bob.token()).statusCode())
        .isEqualTo(204);
    assertThat(client.put("/v1/photos/" + photo + "/like", bob.token()).statusCode())
        .isEqualTo(204);

    List<WebhookReceiver.Received> arrived =
        receiver.await("/alice", request -> true, 3, WAIT, WebhooksIT::relay);
    for (WebhookReceiver.Received request : arrived) {
      request.assertSignedWith(hook.getString("secret"));
      assertThat(request.header("Content-Type")).isEqualTo("application/json");
      assertThat(request.header("PicShare-Event")).isEqualTo(request.json().getString("type"));
      assertThat(request.header("PicShare-Delivery")).hasSize(22);
    }
    assertThat(arrived)
        .extracting(request -> request.json().getString("type"))
        .containsExactlyInAnyOrder("photo-uploaded", "user-followed", "photo-liked");
    assertThat(arrived.stream().filter(r -> uploadOf(r, photo))).hasSize(1);
    assertThat(arrived.stream().map(r -> r.header("PicShare-Delivery")).distinct()).hasSize(3);

    // Bob's upload went through the same consumer: once moderation has it, alice never will.
    receiver.await("/moderation", r -> uploadOf(r, bobsPhoto), 1, WAIT, WebhooksIT::relay);
    Thread.sleep(500);
    assertThat(receiver.requests("/alice")).hasSize(3);

    JsonArray log = awaitDeliveries(alice, hook.getString("id"), 3, "succeeded");
    for (Object item : log) {
      JsonObject delivery = (JsonObject) item;
      assertThat(delivery.getValue("next_attempt_at")).isNull();
      JsonObject attempt = delivery.getJsonArray("attempts").getJsonObject(0);
      assertThat(attempt.getInteger("attempt")).isEqualTo(1);
      assertThat(attempt.getInteger("status_code")).isEqualTo(204);
      assertThat(attempt.getValue("error")).isNull();
      assertThat(Instant.parse(attempt.getString("at"))).isBefore(Instant.now());
    }
  }

  @Test
  void aFailingReceiverGetsRetriesWithTheSameDeliveryIdUntilItAnswers() throws Exception {
    User carol = signUp("carol");
    receiver.failFirst("/flaky", 2);
    JsonObject hook = webhook(carol, receiver.url("/flaky"), "photo-uploaded");

    String photo = upload(carol, "third time lucky");

    List<WebhookReceiver.Received> tries =
        receiver.await("/flaky", r -> uploadOf(r, photo), 3, WAIT, WebhooksIT::relay);
    assertThat(tries.stream().map(r -> r.header("PicShare-Delivery")).distinct()).hasSize(1);
    for (WebhookReceiver.Received request : tries) {
      request.assertSignedWith(hook.getString("secret"));
    }
    JsonObject delivery =
        awaitDeliveries(carol, hook.getString("id"), 1, "succeeded").getJsonObject(0);
    assertThat(delivery.getString("id")).isEqualTo(tries.get(0).header("PicShare-Delivery"));
    assertThat(delivery.getJsonArray("attempts").stream().map(JsonObject.class::cast))
        .extracting(
            a -> a.getInteger("attempt"),
            a -> a.getInteger("status_code"),
            a -> a.getString("error"))
        .containsExactly(
            Tuple.tuple(1, 500, "HTTP 500"),
            Tuple.tuple(2, 500, "HTTP 500"),
            Tuple.tuple(3, 204, null));
  }

  @Test
  void aDeadReceiverEndsAsFailedWithoutDelayingAnotherWebhook() throws Exception {
    User dave = signUp("dave");
    JsonObject dead = webhook(dave, receiver.deadUrl("/never"), "photo-uploaded");
    JsonObject alive = webhook(dave, receiver.url("/dave"), "photo-uploaded");

    long started = System.nanoTime();
    String photo = upload(dave, "one photo, two hooks");
    receiver.await("/dave", r -> uploadOf(r, photo), 1, WAIT, WebhooksIT::relay);
    long millis = (System.nanoTime() - started) / 1_000_000;

    JsonArray stillTrying = deliveries(dave, dead.getString("id"));
    assertThat(stillTrying).hasSize(1);
    assertThat(stillTrying.getJsonObject(0).getString("status"))
        .as(
            "the live hook got it %d ms after the upload, while the dead one is still trying",
            millis)
        .isEqualTo("pending");
    assertThat(awaitDeliveries(dave, alive.getString("id"), 1, "succeeded")).hasSize(1);

    JsonObject failed = awaitDeliveries(dave, dead.getString("id"), 1, "failed").getJsonObject(0);
    JsonArray attempts = failed.getJsonArray("attempts");
    assertThat(attempts).hasSize(3);
    for (Object item : attempts) {
      JsonObject attempt = (JsonObject) item;
      assertThat(attempt.getValue("status_code")).isNull();
      assertThat(attempt.getString("error")).contains("timed out");
      assertThat(attempt.getInteger("duration_ms")).isBetween(TIMEOUT_MILLIS - 50, 5_000);
    }
    assertThat(failed.getValue("next_attempt_at")).isNull();
  }

  @Test
  void privateTargetsAreRefusedAtRegistrationUnlessTheOperatorAllowsThem() throws Exception {
    User erin = signUp("erin");
    String token = erin.token();
    for (String url :
        List.of(
            receiver.url("/private"),
            "http://localhost/",
            "http://10.1.2.3/",
            "http://172.16.0.1/",
            "http://192.168.0.1/hook",
            "http://100.64.0.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://0.0.0.0/",
            "http://224.0.0.1/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:a9fe:a9fe]/",
            "http://[fe80::1]/",
            "http://[fc00::1]/",
            "http://[64:ff9b::a00:1]/",
            "ftp://example.com/",
            "file:///etc/passwd")) {
      HttpResponse<byte[]> refused = register(strictClient, token, url, "photo-uploaded");
      assertThat(refused.statusCode()).as(url + ": " + text(refused)).isEqualTo(422);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(json(refused).getString("code")).isEqualTo("webhook-target-refused");
    }
    assertThat(
            json(strictClient.get("/v1/webhooks", "Authorization", "Bearer " + token))
                .getJsonArray("items"))
        .as("nothing was stored")
        .isEmpty();
    assertThat(
            register(client, erin.token(), receiver.url("/private"), "photo-uploaded").statusCode())
        .as("allowed where the operator allows private targets")
        .isEqualTo(201);
  }

  @Test
  void twoWorkersNeverBothDeliverOneAttempt() throws Exception {
    User kim = signUp("kim");
    JsonObject hook = webhook(kim, receiver.url("/kim"), "photo-uploaded");
    int photos = 12;
    for (int i = 0; i < photos; i++) {
      upload(kim, "burst " + i);
    }

    receiver.await("/kim", request -> true, photos, WAIT, WebhooksIT::relay);
    awaitDeliveries(kim, hook.getString("id"), photos, "succeeded");
    Thread.sleep(500);
    List<WebhookReceiver.Received> arrived = receiver.requests("/kim");
    assertThat(arrived)
        .as("one request per delivery, however the two workers raced")
        .hasSize(photos);
    assertThat(arrived.stream().map(r -> r.header("PicShare-Delivery")).distinct()).hasSize(photos);
  }

  @Test
  void deliveriesCatchUpAfterAKafkaOutageWithNothingLostOrDoubled(StackFaults faults)
      throws Exception {
    User lea = signUp("lea");
    JsonObject hook = webhook(lea, receiver.url("/lea"), "photo-uploaded");
    List<String> photos = new ArrayList<>();
    faults.stopKafka();
    try {
      for (int i = 0; i < 3; i++) {
        photos.add(upload(lea, "while Kafka is down " + i));
      }
    } finally {
      faults.startKafka();
    }

    Duration catchUp = Duration.ofSeconds(90);
    receiver.await("/lea", r -> true, photos.size(), catchUp, WebhooksIT::relay);
    awaitDeliveries(lea, hook.getString("id"), photos.size(), "succeeded");
    for (String photo : photos) {
      receiver.await("/moderation", r -> uploadOf(r, photo), 1, catchUp, WebhooksIT::relay);
    }
    Thread.sleep(1_000);
    List<WebhookReceiver.Received> arrived = receiver.requests("/lea");
    assertThat(arrived).as("each upload once").hasSize(photos.size());
    for (String photo : photos) {
      assertThat(arrived.stream().filter(r -> uploadOf(r, photo))).hasSize(1);
      assertThat(receiver.requests("/moderation").stream().filter(r -> uploadOf(r, photo)))
          .hasSize(1);
    }
  }

  @Test
  void aReplayedEventChangesNothing() throws Exception {
    User max = signUp("max");
    JsonObject hook = webhook(max, receiver.url("/max"), "photo-uploaded");
    String photo = upload(max, "delivered once");
    WebhookReceiver.Received first =
        receiver.await("/max", r -> uploadOf(r, photo), 1, WAIT, WebhooksIT::relay).get(0);
    awaitDeliveries(max, hook.getString("id"), 1, "succeeded");
    receiver.await("/moderation", r -> uploadOf(r, photo), 1, WAIT, WebhooksIT::relay);

    // What a consumer that died before committing its offsets does: handle the event again.
    new WebhookFanOut(
            new HBaseWebhookStore(hbase),
            new HBaseWebhookDeliveryStore(hbase),
            true,
            10,
            Clock.systemUTC())
        .handle(List.of(new EventConsumer.Event("photo-uploaded", photo, first.body())));
    Thread.sleep(1_000);

    assertThat(receiver.requests("/max")).hasSize(1);
    assertThat(receiver.requests("/moderation").stream().filter(r -> uploadOf(r, photo)))
        .hasSize(1);
    JsonObject delivery = deliveries(max, hook.getString("id")).getJsonObject(0);
    assertThat(delivery.getString("status")).isEqualTo("succeeded");
    assertThat(delivery.getJsonArray("attempts")).hasSize(1);
  }

  @Test
  void theModerationHookGetsEveryUpload() throws Exception {
    User fay = signUp("fay");
    User gus = signUp("gus");

    List<String> photos = List.of(upload(fay, "for the moderators"), upload(gus, "me too"));

    for (String photo : photos) {
      WebhookReceiver.Received request =
          receiver.await("/moderation", r -> uploadOf(r, photo), 1, WAIT, WebhooksIT::relay).get(0);
      request.assertSignedWith(MODERATION_SECRET);
      assertThat(request.header("PicShare-Event")).isEqualTo("photo-uploaded");
    }
  }

  @Test
  void aWebhookIsItsOwnersOnly() throws Exception {
    User hal = signUp("hal");
    User ivy = signUp("ivy");
    String id = webhook(hal, receiver.url("/hal"), "photo-deleted").getString("id");
    String deliveriesPath = "/v1/webhooks/" + id + "/deliveries";

    assertThat(client.get(deliveriesPath, "Authorization", "Bearer " + ivy.token()).statusCode())
        .isEqualTo(404);
    assertThat(client.delete("/v1/webhooks/" + id, ivy.token()).statusCode()).isEqualTo(404);
    assertThat(
            json(client.get("/v1/webhooks", "Authorization", "Bearer " + ivy.token()))
                .getJsonArray("items"))
        .isEmpty();
    assertThat(
            json(client.get("/v1/webhooks", "Authorization", "Bearer " + hal.token()))
                .getJsonArray("items"))
        .hasSize(1);

    assertThat(client.delete("/v1/webhooks/" + id, hal.token()).statusCode()).isEqualTo(204);
    assertThat(client.get(deliveriesPath, "Authorization", "Bearer " + hal.token()).statusCode())
        .isEqualTo(404);
    assertThat(client.delete("/v1/webhooks/" + id, hal.token()).statusCode()).isEqualTo(404);
    assertThat(
            json(client.get("/v1/webhooks", "Authorization", "Bearer " + hal.token()))
                .getJsonArray("items"))
        .isEmpty();
  }
}
