package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static io.picshare.api.it.ApiClient.titles;
import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.StackFaults;
import io.picshare.stack.junit.LocalStackExtension;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real Kafka and Solr of the test stack stopped and started again: uploads go on, search says
 * {@code 503} while Solr is away and everything else works, and when each returns, indexing and the
 * feed fan-out, the renditions and the live notifications catch up with nothing lost or doubled.
 */
@ExtendWith(LocalStackExtension.class)
class OutagesIT {
  private static PicShareApi api;
  private static PicShareApi workers;
  private static ApiClient client;

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    api = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
    workers =
        PicShareApi.start(StackConfigs.api(stack, Map.of("role", "workers")))
            .await(60, TimeUnit.SECONDS);
    client = new ApiClient(api.port());
  }

  @AfterAll
  static void stop() throws Exception {
    workers.close();
    api.close();
  }

  private record User(String name, String token) {}

  private static User signUp(String prefix) throws Exception {
    String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    client.signUp(name);
    return new User(name, client.logIn(name));
  }

  private static String upload(User user, String title) throws Exception {
    HttpResponse<byte[]> response =
        client.upload(
            user.token(), TestPhotos.jpeg(32, 24, ThreadLocalRandom.current().nextLong()), title);
    assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
    return json(response).getString("id");
  }

  /** The titles {@code q} finds once it finds {@code count} (or after 60 s). */
  private static List<String> searched(String q, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      HttpResponse<byte[]> response = client.get("/v1/search/photos?q=" + q + "&limit=100");
      List<String> titles = response.statusCode() == 200 ? titles(json(response)) : List.of();
      if (titles.size() == count || System.nanoTime() > deadline) {
        return titles;
      }
      Thread.sleep(250);
    }
  }

  /** The viewer's recent feed once it holds {@code count} photos (or after 60 s). */
  private static List<String> feed(User viewer, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      JsonObject page =
          json(
              client.get(
                  "/v1/feed?order=recent&limit=100", "Authorization", "Bearer " + viewer.token()));
      List<String> titles = titles(page);
      if (titles.size() == count || System.nanoTime() > deadline) {
        return titles;
      }
      Thread.sleep(250);
    }
  }

  /** The status of the photo's anonymous thumbnail once it is 200 (or after 60 s). */
  private static int thumbnailStatus(String id) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      int status = client.get("/v1/photos/" + id + "/content?size=thumb").statusCode();
      if (status == 200 || System.nanoTime() > deadline) {
        return status;
      }
      Thread.sleep(250);
    }
  }

  private static String word() {
    return "out"
        + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36)
        + "x";
  }

  @Test
  void withSolrStoppedSearchIs503AndEverythingElseWorksThenIndexingCatchesUp(StackFaults faults)
      throws Exception {
    User ann = signUp("solr");
    String tag = word();
    upload(ann, "Before the outage " + tag);
    assertThat(searched(tag, 1)).hasSize(1);

    faults.stopSolr();
    try {
      HttpResponse<byte[]> search = client.get("/v1/search/photos?q=" + tag);
      assertThat(search.statusCode()).as(text(search)).isEqualTo(503);
      assertThat(search.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(json(search).getString("code")).isEqualTo("service-unavailable");
      String during = upload(ann, "During the outage " + tag);
      assertThat(client.get("/v1/photos/" + during).statusCode()).isEqualTo(200);
      assertThat(client.get("/v1/users/" + ann.name() + "/photos").statusCode()).isEqualTo(200);
      assertThat(client.get("/v1/feed", "Authorization", "Bearer " + ann.token()).statusCode())
          .isEqualTo(200);
      assertThat(client.get("/v1/search/users?q=" + ann.name()).statusCode()).isEqualTo(200);
    } finally {
      faults.startSolr();
    }

    assertThat(searched(tag, 2))
        .containsExactlyInAnyOrder("Before the outage " + tag, "During the outage " + tag);
  }

  @Test
  void withKafkaStoppedUploadsSucceedAndConsumersCatchUpOnceEach(StackFaults faults)
      throws Exception {
    User author = signUp("kafka");
    User follower = signUp("reader");
    assertThat(client.put("/v1/me/following/" + author.name(), follower.token()).statusCode())
        .isEqualTo(204);
    String tag = word();
    LiveStream live =
        LiveStream.open(
                api.port(),
                HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .header("Authorization", "Bearer " + follower.token()))
            .ready();

    List<String> ids = new ArrayList<>();
    faults.stopKafka();
    try {
      ids.add(upload(author, "Written while Kafka was down " + tag));
      ids.add(upload(author, "Also written while Kafka was down " + tag));
    } finally {
      faults.startKafka();
    }

    assertThat(searched(tag, 2))
        .as("indexed once each, after the relay published the outbox")
        .hasSize(2);
    assertThat(feed(follower, 2))
        .as("fanned out to the follower's inbox once each")
        .containsExactly(
            "Also written while Kafka was down " + tag, "Written while Kafka was down " + tag);
    for (String id : ids) {
      assertThat(thumbnailStatus(id)).as("renditions built for " + id).isEqualTo(200);
    }
    List<String> notified = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      JsonObject notice = live.next(60);
      assertThat(notice.getString("type")).isEqualTo("photo-uploaded");
      notified.add(notice.getJsonObject("photo").getString("id"));
    }
    assertThat(notified)
        .as("the follower's live stream, once each")
        .containsExactlyInAnyOrderElementsOf(ids);
    Thread.sleep(2_000); // a duplicate delivery would show by now
    assertThat(searched(tag, 2)).hasSize(2);
    assertThat(feed(follower, 2)).hasSize(2);
    assertThat(live.messages()).as("no notification twice").isEmpty();
    live.close();
  }
}
