package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.hbase.HBaseFollowStore;
import io.picshare.data.hbase.HBaseUserStore;
import io.picshare.data.repair.SocialRepair;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.key.NewestFirstRowKey;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.key.UserRowKey;
import io.picshare.schema.table.FollowersTable;
import io.picshare.schema.table.FollowingTable;
import io.picshare.schema.table.PhotosTable;
import io.picshare.schema.table.UsersTable;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Follows and likes through the API: idempotent, counted once however often or concurrently they
 * are sent, both list directions consistent, paged newest first without duplicates or gaps; and the
 * repair healing what a process that died between its writes leaves behind.
 */
@ExtendWith(LocalStackExtension.class)
class SocialApiIT {
  private static PicShareApi api;
  private static ApiClient client;

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    api = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
    client = new ApiClient(api.port());
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  private record User(String name, String token) {}

  private static User signUp(String prefix) throws Exception {
    String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    client.signUp(name);
    return new User(name, client.logIn(name));
  }

  private static void expect204(HttpResponse<byte[]> response) {
    assertThat(response.statusCode()).as(text(response)).isEqualTo(204);
  }

  private static JsonObject profile(User user) throws Exception {
    return json(client.get("/v1/users/" + user.name()));
  }

  private static List<String> names(String path) throws Exception {
    HttpResponse<byte[]> page = client.get(path);
    assertThat(page.statusCode()).as(text(page)).isEqualTo(200);
    List<String> names = new ArrayList<>();
    json(page)
        .getJsonArray("items")
        .forEach(u -> names.add(((JsonObject) u).getString("username")));
    return names;
  }

  @Test
  void followingIsIdempotentCountedOnceAndListedBothWaysNewestFirst() throws Exception {
    User ann = signUp("ann");
    User bob = signUp("bob");
    User cat = signUp("cat");

    expect204(client.put("/v1/me/following/" + bob.name(), ann.token()));
    expect204(client.put("/v1/me/following/" + bob.name(), ann.token()));
    expect204(client.put("/v1/me/following/" + cat.name(), ann.token()));
    expect204(client.put("/v1/me/following/" + bob.name(), cat.token()));

    assertThat(profile(ann).getLong("following_count")).isEqualTo(2);
    assertThat(profile(ann).getLong("follower_count")).isZero();
    assertThat(profile(bob).getLong("follower_count")).isEqualTo(2);
    assertThat(names("/v1/users/" + ann.name() + "/following"))
        .containsExactly(cat.name(), bob.name());
    assertThat(names("/v1/users/" + bob.name() + "/followers"))
        .containsExactly(cat.name(), ann.name());
    assertThat(names("/v1/users/" + cat.name() + "/followers")).containsExactly(ann.name());

    expect204(client.delete("/v1/me/following/" + bob.name(), ann.token()));
    expect204(client.delete("/v1/me/following/" + bob.name(), ann.token()));
    assertThat(profile(ann).getLong("following_count")).isEqualTo(1);
    assertThat(profile(bob).getLong("follower_count")).isEqualTo(1);
    assertThat(names("/v1/users/" + ann.name() + "/following")).containsExactly(cat.name());
    assertThat(names("/v1/users/" + bob.name() + "/followers")).containsExactly(cat.name());

    // following again after an unfollow is a new, newest relationship
    expect204(client.put("/v1/me/following/" + bob.name(), ann.token()));
    assertThat(names("/v1/users/" + ann.name() + "/following"))
        .containsExactly(bob.name(), cat.name());
    assertThat(profile(bob).getLong("follower_count")).isEqualTo(2);
  }

  @Test
  void concurrentFollowsAndLikesOfOneUserCountOnce() throws Exception {
    User fan = signUp("fan");
    User star = signUp("star");
    String photo =
        json(client.upload(star.token(), TestPhotos.jpeg(64, 48, 3), "liked at once"))
            .getString("id");
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<HttpResponse<byte[]>>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> client.put("/v1/me/following/" + star.name(), fan.token()));
        calls.add(() -> client.put("/v1/photos/" + photo + "/like", fan.token()));
      }
      for (Future<HttpResponse<byte[]>> done : threads.invokeAll(calls)) {
        expect204(done.get());
      }
      assertThat(profile(star).getLong("follower_count")).isEqualTo(1);
      assertThat(profile(fan).getLong("following_count")).isEqualTo(1);
      assertThat(json(client.get("/v1/photos/" + photo)).getLong("like_count")).isEqualTo(1);

      calls.clear();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> client.delete("/v1/photos/" + photo + "/like", fan.token()));
      }
      for (Future<HttpResponse<byte[]>> done : threads.invokeAll(calls)) {
        expect204(done.get());
      }
      assertThat(json(client.get("/v1/photos/" + photo)).getLong("like_count")).isZero();
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void likesShowInPhotoJsonForTheViewerAndNeverGoNegative() throws Exception {
    User owner = signUp("own");
    User liker = signUp("lik");
    User other = signUp("oth");
    String photo =
        json(client.upload(owner.token(), TestPhotos.jpeg(64, 48, 4), "like me")).getString("id");

    expect204(client.delete("/v1/photos/" + photo + "/like", liker.token()));
    expect204(client.put("/v1/photos/" + photo + "/like", liker.token()));
    expect204(client.put("/v1/photos/" + photo + "/like", liker.token()));
    expect204(client.put("/v1/photos/" + photo + "/like", other.token()));
    expect204(client.delete("/v1/photos/" + photo + "/like", other.token()));

    String path = "/v1/photos/" + photo;
    JsonObject anonymous = json(client.get(path));
    assertThat(anonymous.getLong("like_count")).isEqualTo(1);
    assertThat(anonymous.containsKey("liked_by_me")).isFalse();
    JsonObject byLiker = json(client.get(path, "Authorization", "Bearer " + liker.token()));
    assertThat(byLiker.getBoolean("liked_by_me")).isTrue();
    JsonObject byOther = json(client.get(path, "Authorization", "Bearer " + other.token()));
    assertThat(byOther.getBoolean("liked_by_me")).isFalse();
    JsonObject listed =
        json(client.get(
                "/v1/users/" + owner.name() + "/photos",
                "Authorization",
                "Bearer " + liker.token()))
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(listed.getLong("like_count")).isEqualTo(1);
    assertThat(listed.getBoolean("liked_by_me")).isTrue();

    expect204(client.delete(path, owner.token()));
    HttpResponse<byte[]> likeDeleted = client.put(path + "/like", other.token());
    assertThat(likeDeleted.statusCode()).isEqualTo(404);
    assertThat(json(likeDeleted).getString("code")).isEqualTo("not-found");
  }

  @Test
  void listsPageNewestFirstWithoutDuplicatesOrGaps() throws Exception {
    User idol = signUp("idol");
    List<String> followers = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      User follower = signUp("f" + i);
      expect204(client.put("/v1/me/following/" + idol.name(), follower.token()));
      followers.add(0, follower.name());
    }
    List<String> seen = new ArrayList<>();
    String path = "/v1/users/" + idol.name() + "/followers?limit=3";
    String cursor = null;
    int pages = 0;
    do {
      HttpResponse<byte[]> page = client.get(path + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.statusCode()).as(text(page)).isEqualTo(200);
      JsonObject body = json(page);
      body.getJsonArray("items").forEach(u -> seen.add(((JsonObject) u).getString("username")));
      cursor = body.getString("next_cursor");
      assertThat(page.headers().firstValue("Link").isPresent()).isEqualTo(cursor != null);
      pages++;
    } while (cursor != null);
    assertThat(seen).containsExactlyElementsOf(followers);
    assertThat(pages).isEqualTo(3);
    assertThat(names("/v1/users/" + signUp("lonely").name() + "/following")).isEmpty();
  }

  @Test
  void theRepairHealsListsAndCountsThatACrashBetweenWritesLeftBehind(StackEndpoints stack)
      throws Exception {
    User ann = signUp("rep");
    User bob = signUp("rep");
    User cat = signUp("rep");
    String photo =
        json(client.upload(bob.token(), TestPhotos.jpeg(64, 48, 5), "recounted")).getString("id");
    expect204(client.put("/v1/photos/" + photo + "/like", ann.token()));
    expect204(client.put("/v1/me/following/" + cat.name(), ann.token()));
    try (HBaseConnection hbase = StackConfigs.hbase(stack)) {
      HBaseUserStore users = new HBaseUserStore(hbase);
      long annId = users.findByUsername(ann.name()).get().orElseThrow().user().userId();
      long bobId = users.findByUsername(bob.name()).get().orElseThrow().user().userId();
      long catId = users.findByUsername(cat.name()).get().orElseThrow().user().userId();
      HBaseFollowStore follows = new HBaseFollowStore(hbase);
      // a follow whose process died right after its pair row: no list rows, no counts
      long bobEdge = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
      assertThat(follows.follow(annId, bobId, bobEdge).get()).isTrue();
      // an unfollow whose process died right after ending its pair: list rows and counts remain
      long catEdge = follows.edge(annId, catId).get().orElseThrow();
      assertThat(follows.unfollow(annId, catId).get()).hasValue(catEdge);
      // counters that drifted
      put(
          hbase,
          UsersTable.NAME,
          new UserRowKey(bobId).encode(),
          UsersTable.COUNTERS,
          UsersTable.FOLLOWER_COUNT,
          7);
      byte[] photoRow = new UserPhotoRowKey(bobId, PublicIds.decode(photo).getAsLong()).encode();
      put(hbase, PhotosTable.NAME, photoRow, PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT, 5);
      assertThat(names("/v1/users/" + ann.name() + "/following")).isEmpty();

      SocialRepair.Report report = new SocialRepair(hbase).run();

      assertThat(report.listRowsRestored()).isGreaterThanOrEqualTo(2);
      assertThat(report.listRowsRemoved()).isGreaterThanOrEqualTo(2);
      assertThat(names("/v1/users/" + ann.name() + "/following")).containsExactly(bob.name());
      assertThat(names("/v1/users/" + bob.name() + "/followers")).containsExactly(ann.name());
      assertThat(names("/v1/users/" + cat.name() + "/followers")).isEmpty();
      assertThat(profile(ann).getLong("following_count")).isEqualTo(1);
      assertThat(profile(bob).getLong("follower_count")).isEqualTo(1);
      assertThat(profile(cat).getLong("follower_count")).isZero();
      assertThat(json(client.get("/v1/photos/" + photo)).getLong("like_count")).isEqualTo(1);
      assertThat(exists(hbase, FollowingTable.NAME, new NewestFirstRowKey(annId, catEdge)))
          .as("the stale following row is gone")
          .isFalse();
      assertThat(exists(hbase, FollowersTable.NAME, new NewestFirstRowKey(catId, catEdge)))
          .as("the stale followers row is gone")
          .isFalse();
      SocialRepair.Report again = new SocialRepair(hbase).run();
      assertThat(
              again.listRowsRestored()
                  + again.listRowsRemoved()
                  + again.followCountsCorrected()
                  + again.likeCountsCorrected())
          .as("a second repair finds nothing to fix")
          .isZero();
    }
  }

  private static void put(
      HBaseConnection hbase, TableName table, byte[] row, byte[] family, byte[] column, long value)
      throws Exception {
    hbase
        .get()
        .get()
        .getTable(table)
        .put(new Put(row).addColumn(family, column, Bytes.toBytes(value)))
        .get();
  }

  private static boolean exists(HBaseConnection hbase, TableName table, NewestFirstRowKey row)
      throws Exception {
    return hbase.get().get().getTable(table).exists(new Get(row.encode())).get();
  }
}
