package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static io.picshare.api.it.ApiClient.titles;
import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.data.FeedStore;
import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.hbase.HBaseFeedStore;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.record.FeedCandidates;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The news feed end to end on the real stack: an API instance, a workers instance fanning uploads
 * out through Kafka, a followed celebrity (threshold 3 followers) pulled at read time, the batch
 * layer, likes reordering {@code top}, unfollow and delete dropping photos, and paging without
 * duplicates or gaps.
 */
@ExtendWith(LocalStackExtension.class)
class FeedApiIT {
  private static final Map<String, String> FEED =
      Map.of(
          "feed-celebrity-followers",
          "3",
          "feed-ranking-cache-seconds",
          "0",
          "feed-top-cache-seconds",
          "0");

  private static PicShareApi api;
  private static PicShareApi workers;
  private static HBaseConnection hbase;
  private static ApiClient client;

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    api = PicShareApi.start(StackConfigs.api(stack, FEED)).await(60, TimeUnit.SECONDS);
    Map<String, String> workerConfig = new java.util.HashMap<>(FEED);
    workerConfig.put("role", "workers");
    workers = PicShareApi.start(StackConfigs.api(stack, workerConfig)).await(60, TimeUnit.SECONDS);
    hbase = StackConfigs.hbase(stack);
    client = new ApiClient(api.port());
  }

  @AfterAll
  static void stop() throws Exception {
    workers.close();
    api.close();
    hbase.close();
  }

  private record User(String name, long id, String token) {}

  private static User signUp(String prefix) throws Exception {
    String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<byte[]> created = client.postJson("/v1/users", ApiClient.credentials(name));
    assertThat(created.statusCode()).isEqualTo(201);
    return new User(
        name, PublicIds.decode(json(created).getString("id")).getAsLong(), client.logIn(name));
  }

  private static String upload(User user, String title) throws Exception {
    HttpResponse<byte[]> response =
        client.upload(user.token(), TestPhotos.jpeg(48, 32, title.hashCode()), title);
    assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
    return json(response).getString("title");
  }

  private static void follow(User follower, User followee) throws Exception {
    assertThat(client.put("/v1/me/following/" + followee.name(), follower.token()).statusCode())
        .isEqualTo(204);
  }

  private static JsonObject page(User viewer, String query) throws Exception {
    HttpResponse<byte[]> response =
        client.get("/v1/feed?" + query, "Authorization", "Bearer " + viewer.token());
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    return json(response);
  }

  /** Every page of the feed in {@code order}, {@code limit} at a time. */
  private static List<String> all(User viewer, String order, int limit) throws Exception {
    List<String> titles = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page =
          page(
              viewer,
              "order=" + order + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
      titles.addAll(titles(page));
      cursor = page.getString("next_cursor");
    } while (cursor != null);
    return titles;
  }

  /** Waits until the relay published and the workers fanned out everything uploaded so far. */
  private static List<String> awaitRecent(User viewer, int expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<String> recent;
    do {
      api.relayOutbox().await(10, TimeUnit.SECONDS);
      recent = all(viewer, "recent", 100);
      if (recent.size() >= expected) {
        return recent;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return recent;
  }

  private static String idOf(User viewer, String title) throws Exception {
    for (Object item : page(viewer, "order=recent&limit=100").getJsonArray("items")) {
      if (((JsonObject) item).getString("title").equals(title)) {
        return ((JsonObject) item).getString("id");
      }
    }
    throw new AssertionError(title + " is not in the feed");
  }

  @Test
  void mergesFanOutCelebrityPullAndBatchAndDropsUnfollowedAndDeleted() throws Exception {
    User viewer = signUp("viewer");
    User ann = signUp("ann");
    User bob = signUp("bob");
    User star = signUp("star");
    for (int i = 0; i < 3; i++) {
      follow(signUp("fan" + i), star);
    }
    User early = signUp("early");
    follow(early, ann);
    String old = upload(ann, "ann before the follow");
    assertThat(awaitRecent(early, 1)).as("fanned out before the viewer follows").contains(old);
    follow(viewer, ann);
    follow(viewer, bob);
    follow(viewer, star);
    upload(ann, "ann 1");
    upload(bob, "bob 1");
    upload(star, "star 1");
    upload(ann, "ann 2");
    upload(viewer, "my own");
    upload(star, "star 2");

    assertThat(awaitRecent(viewer, 5))
        .as("newest first; the celebrity's photos pulled, not fanned out; not my own")
        .containsExactly("star 2", "ann 2", "star 1", "bob 1", "ann 1");
    FeedStore feeds = new HBaseFeedStore(hbase);
    assertThat(feeds.inbox(viewer.id(), OptionalLong.empty(), 0, 100).get())
        .as("only ordinary authors are fanned out")
        .hasSize(3);

    // The nightly batch found the photo ann posted before the follow.
    long oldId =
        PublicIds.decode(
                json(client.get("/v1/users/" + ann.name() + "/photos?limit=100"))
                    .getJsonArray("items")
                    .stream()
                    .map(JsonObject.class::cast)
                    .filter(p -> p.getString("title").equals(old))
                    .findFirst()
                    .orElseThrow()
                    .getString("id"))
            .getAsLong();
    feeds
        .saveBatch(
            viewer.id(),
            new FeedStore.BatchFeed(
                new FeedCandidates(List.of(new FeedCandidates.Candidate(oldId, ann.id(), 0.1))),
                System.currentTimeMillis()))
        .get();
    assertThat(all(viewer, "recent", 2))
        .as("paged two at a time: no duplicates, no gaps")
        .containsExactly("star 2", "ann 2", "star 1", "bob 1", "ann 1", old);

    // Likes decide the top order; equal likes go to the newer photo.
    for (User liker : List.of(ann, bob, star)) {
      like(liker, idOf(viewer, "bob 1"));
    }
    like(ann, idOf(viewer, "ann 1"));
    JsonObject first = page(viewer, "limit=2");
    assertThat(titles(first)).containsExactly("bob 1", "ann 1");
    assertThat(first.getJsonArray("items").getJsonObject(0).getLong("like_count")).isEqualTo(3);
    // A like after the first page does not reorder the pages this client is reading.
    for (User liker : List.of(ann, bob, star, viewer)) {
      like(liker, idOf(viewer, "star 1"));
    }
    List<String> rest = new ArrayList<>();
    String cursor = first.getString("next_cursor");
    while (cursor != null) {
      JsonObject next = page(viewer, "limit=2&cursor=" + cursor);
      rest.addAll(titles(next));
      cursor = next.getString("next_cursor");
    }
    assertThat(rest).containsExactly("star 2", "ann 2", "star 1", old);
    assertThat(titles(page(viewer, "order=top&limit=3")))
        .as("a new first page ranks with the new likes")
        .containsExactly("star 1", "bob 1", "ann 1");

    // Unfollowed and deleted photos drop out of both orders.
    assertThat(client.delete("/v1/me/following/" + bob.name(), viewer.token()).statusCode())
        .isEqualTo(204);
    String ann2 = idOf(viewer, "ann 2");
    assertThat(client.delete("/v1/photos/" + ann2, ann.token()).statusCode()).isEqualTo(204);
    assertThat(all(viewer, "recent", 100)).containsExactly("star 2", "star 1", "ann 1", old);
    assertThat(all(viewer, "top", 100)).containsExactlyInAnyOrder("star 2", "star 1", "ann 1", old);

    HttpResponse<byte[]> expired =
        client.get(
            "/v1/feed?order=top&cursor=" + PublicIds.encode(42) + ".20",
            "Authorization",
            "Bearer " + viewer.token());
    assertThat(expired.statusCode()).isEqualTo(400);
    assertThat(json(expired).getString("detail")).contains("expired");
  }

  private static void like(User liker, String photoId) throws Exception {
    assertThat(client.put("/v1/photos/" + photoId + "/like", liker.token()).statusCode())
        .isEqualTo(204);
  }

  @Test
  void followingNobodyIsAnEmptyFeed() throws Exception {
    User loner = signUp("loner");
    for (String order : List.of("top", "recent")) {
      JsonObject page = page(loner, "order=" + order);
      assertThat(page.getJsonArray("items")).isEmpty();
      assertThat(page.getString("next_cursor")).isNull();
    }
  }
}
