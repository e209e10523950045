package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.picshare.api.PicShareApi;
import io.picshare.media.TestImages;
import io.picshare.schema.blob.PhotoPaths;
import io.picshare.schema.id.PublicIds;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.BlockLocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Photos end to end through the HTTP API, against the real stack. */
@ExtendWith(LocalStackExtension.class)
class PhotoApiIT {
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

  @Test
  void uploadedPhotoDownloadsByteIdenticalWithCachingHeaders() throws Exception {
    String token = client.newUserToken("ana");
    byte[] photo = TestPhotos.jpeg(640, 480, 1);

    HttpResponse<byte[]> upload = client.upload(token, photo, "Lisbon at dusk");

    assertThat(upload.statusCode()).as(text(upload)).isEqualTo(201);
    JsonObject created = json(upload);
    String id = created.getString("id");
    assertThat(upload.headers().firstValue("Location")).hasValue("/v1/photos/" + id);
    assertThat(created.getString("title")).isEqualTo("Lisbon at dusk");
    assertThat(created.getString("content_type")).isEqualTo("image/jpeg");
    assertThat(created.getInteger("width")).isEqualTo(640);
    assertThat(created.getInteger("height")).isEqualTo(480);
    assertThat(created.getLong("size")).isEqualTo(photo.length);
    assertThat(created.getString("owner")).startsWith("ana_");

    String owner = "Bearer " + token;
    HttpResponse<byte[]> content =
        client.get("/v1/photos/" + id + "/content", "Authorization", owner);
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.body()).isEqualTo(photo);
    assertThat(content.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(content.headers().firstValue("Cache-Control"))
        .as("the original (with its EXIF) never goes into a shared cache")
        .hasValue("private, max-age=86400, immutable");
    assertThat(content.headers().firstValue("Vary")).hasValue("Authorization");
    assertThat(content.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    String etag = content.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("\"[0-9a-f]{64}\"");

    assertThat(
            client
                .get("/v1/photos/" + id + "/content", "If-None-Match", etag, "Authorization", owner)
                .statusCode())
        .isEqualTo(304);

    HttpResponse<byte[]> range =
        client.get(
            "/v1/photos/" + id + "/content", "Range", "bytes=100-199", "Authorization", owner);
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(Arrays.copyOfRange(photo, 100, 200));
    assertThat(range.headers().firstValue("Content-Range"))
        .hasValue("bytes 100-199/" + photo.length);

    HttpResponse<byte[]> beyond =
        client.get(
            "/v1/photos/" + id + "/content",
            "Range",
            "bytes=" + photo.length + "-",
            "Authorization",
            owner);
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + photo.length);

    HttpResponse<byte[]> metadata =
        client.get("/v1/photos/" + id, "Authorization", "Bearer " + token);
    assertThat(metadata.statusCode()).isEqualTo(200);
    assertThat(json(metadata)).as("the uploader reads what the upload answered").isEqualTo(created);
    JsonObject anonymous = json(client.get("/v1/photos/" + id));
    assertThat(anonymous.containsKey("liked_by_me")).isFalse();
    assertThat(anonymous.containsKey("location")).as("for the owner only").isFalse();
    assertThat(anonymous.copy().put("liked_by_me", false).put("location", null)).isEqualTo(created);
  }

  @Test
  void a15MegabytePhotoStreamsByteIdenticalWholeAndInRanges() throws Exception {
    String token = client.newUserToken("big");
    byte[] photo = TestPhotos.noisePng(2240, 2240, 15);
    assertThat(photo.length).isGreaterThan(14_000_000);
    HttpResponse<byte[]> upload = client.upload(token, photo, "fifteen megabytes of noise");
    assertThat(upload.statusCode()).as(text(upload)).isEqualTo(201);
    String id = json(upload).getString("id");

    String owner = "Bearer " + token;
    HttpResponse<byte[]> content =
        client.get("/v1/photos/" + id + "/content?size=original", "Authorization", owner);

    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.headers().firstValue("Content-Length"))
        .hasValue(Integer.toString(photo.length));
    assertThat(content.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(content.headers().firstValue("Cache-Control"))
        .hasValue("private, max-age=86400, immutable");
    assertThat(content.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(Arrays.equals(content.body(), photo)).as("byte-identical").isTrue();

    // a range across chunk boundaries, deep inside the file
    int first = 5_000_001;
    int last = first + 3 * 1024 * 1024 + 17;
    HttpResponse<byte[]> range =
        client.get(
            "/v1/photos/" + id + "/content",
            "Range",
            "bytes=" + first + "-" + last,
            "Authorization",
            owner);
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.headers().firstValue("Content-Range"))
        .hasValue("bytes " + first + "-" + last + "/" + photo.length);
    assertThat(Arrays.equals(range.body(), Arrays.copyOfRange(photo, first, last + 1))).isTrue();
    HttpResponse<byte[]> tail =
        client.get(
            "/v1/photos/" + id + "/content", "Range", "bytes=-2000000", "Authorization", owner);
    assertThat(
            Arrays.equals(
                tail.body(), Arrays.copyOfRange(photo, photo.length - 2_000_000, photo.length)))
        .isTrue();
  }

  @Test
  void exifOrientationAndGpsBecomePhotoMetadata() throws Exception {
    String token = client.newUserToken("geo");
    byte[] photo =
        TestImages.jpegWithExif(TestImages.jpeg(160, 120), TestImages.exif(6, 38.7223, -9.1393));

    HttpResponse<byte[]> upload = client.upload(token, photo, "Praça do Comércio");

    assertThat(upload.statusCode()).as(text(upload)).isEqualTo(201);
    JsonObject created = json(upload);
    assertThat(created.getInteger("orientation")).isEqualTo(6);
    assertThat(created.getJsonObject("location").getDouble("lat")).isCloseTo(38.7223, within(1e-4));
    assertThat(created.getJsonObject("location").getDouble("lon")).isCloseTo(-9.1393, within(1e-4));
    assertThat(created.getString("title")).isEqualTo("Praça do Comércio");
    // The original bytes, EXIF included, are stored unchanged.
    assertThat(
            client
                .get(
                    "/v1/photos/" + created.getString("id") + "/content",
                    "Authorization",
                    "Bearer " + token)
                .body())
        .isEqualTo(photo);
  }

  @Test
  void storedPhotoFileHasThreeReplicasOnDistinctDataNodes() throws Exception {
    String token = client.newUserToken("rui");
    HttpResponse<byte[]> upload =
        client.upload(token, TestPhotos.jpeg(320, 240, 2), "three copies");
    assertThat(upload.statusCode()).as(text(upload)).isEqualTo(201);
    long photoId = PublicIds.decode(json(upload).getString("id")).orElseThrow();

    BlockLocation[] blocks =
        api.backends()
            .blobs()
            .blockLocations(PhotoPaths.incoming(photoId, "jpg"))
            .await(30, TimeUnit.SECONDS);

    assertThat(blocks).isNotEmpty();
    for (BlockLocation block : blocks) {
      assertThat(Arrays.stream(block.getNames()).distinct()).hasSize(3);
    }
  }

  @Test
  void retryWithTheSameIdempotencyKeyCreatesExactlyOnePhoto() throws Exception {
    String username = "eva_" + UUID.randomUUID().toString().substring(0, 8);
    client.signUp(username);
    String token = client.logIn(username);
    byte[] photo = TestPhotos.jpeg(300, 200, 3);
    Map<String, String> key = Map.of("Idempotency-Key", "upload-" + UUID.randomUUID());

    HttpResponse<byte[]> first = client.upload(token, photo, "once", key);
    HttpResponse<byte[]> retry = client.upload(token, photo, "once", key);
    HttpResponse<byte[]> otherPayload = client.upload(token, photo, "a different title", key);

    assertThat(first.statusCode()).as(text(first)).isEqualTo(201);
    assertThat(retry.statusCode()).as(text(retry)).isEqualTo(201);
    assertThat(json(retry).getString("id")).isEqualTo(json(first).getString("id"));
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(otherPayload.statusCode()).isEqualTo(422);
    assertThat(json(otherPayload).getString("code")).isEqualTo("idempotency-key-reused");
    JsonArray photos = json(client.get("/v1/users/" + username + "/photos")).getJsonArray("items");
    assertThat(photos).hasSize(1);
    assertThat(json(client.get("/v1/users/" + username)).getLong("photo_count")).isEqualTo(1);
  }

  @Test
  void listIsNewestFirstAndPagesByCursor() throws Exception {
    String username = "ivo_" + UUID.randomUUID().toString().substring(0, 8);
    client.signUp(username);
    String token = client.logIn(username);
    List<String> uploaded = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      HttpResponse<byte[]> upload =
          client.upload(token, TestPhotos.jpeg(64, 64, 100 + i), "photo " + i);
      assertThat(upload.statusCode()).as(text(upload)).isEqualTo(201);
      uploaded.add(0, json(upload).getString("id"));
    }

    List<String> listed = new ArrayList<>();
    String path = "/v1/users/" + username + "/photos?limit=2";
    int pages = 0;
    while (path != null) {
      HttpResponse<byte[]> page = client.get(path);
      assertThat(page.statusCode()).isEqualTo(200);
      JsonObject body = json(page);
      body.getJsonArray("items").forEach(item -> listed.add(((JsonObject) item).getString("id")));
      String next = body.getString("next_cursor");
      assertThat(page.headers().firstValue("Link").isPresent()).isEqualTo(next != null);
      path =
          next == null
              ? null
              : page.headers().firstValue("Link").orElseThrow().replaceAll("^<([^>]+)>.*$", "$1");
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(listed).containsExactlyElementsOf(uploaded);
  }

  @Test
  void onlyTheOwnerDeletesAndThenThePhotoIsGoneEverywhere() throws Exception {
    String ownerName = "zoe_" + UUID.randomUUID().toString().substring(0, 8);
    client.signUp(ownerName);
    String owner = client.logIn(ownerName);
    String stranger = client.newUserToken("max");
    String id = json(client.upload(owner, TestPhotos.jpeg(100, 100, 4), "mine")).getString("id");

    HttpResponse<byte[]> forbidden = client.delete("/v1/photos/" + id, stranger);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(json(forbidden).getString("code")).isEqualTo("forbidden");
    assertThat(client.get("/v1/photos/" + id).statusCode()).isEqualTo(200);

    assertThat(client.delete("/v1/photos/" + id, owner).statusCode()).isEqualTo(204);

    assertThat(client.get("/v1/photos/" + id).statusCode()).isEqualTo(404);
    assertThat(client.get("/v1/photos/" + id + "/content").statusCode()).isEqualTo(404);
    assertThat(client.delete("/v1/photos/" + id, owner).statusCode()).isEqualTo(404);
    assertThat(json(client.get("/v1/users/" + ownerName + "/photos")).getJsonArray("items"))
        .isEmpty();
    assertThat(json(client.get("/v1/users/" + ownerName)).getLong("photo_count")).isZero();
  }

  @Test
  void accountsAreUniqueCaseInsensitivelyAndPasswordsAreChecked() throws Exception {
    String username = "Kim_" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<byte[]> created = client.postJson("/v1/users", ApiClient.credentials(username));
    assertThat(created.statusCode()).isEqualTo(201);
    // Usernames are case-insensitive and returned lower-cased.
    assertThat(created.headers().firstValue("Location"))
        .hasValue("/v1/users/" + username.toLowerCase());
    assertThat(json(created).getString("username")).isEqualTo(username.toLowerCase());

    HttpResponse<byte[]> duplicate =
        client.postJson("/v1/users", ApiClient.credentials(username.toUpperCase()));
    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(json(duplicate).getString("code")).isEqualTo("username-taken");

    HttpResponse<byte[]> wrongPassword =
        client.postJson(
            "/v1/sessions",
            new JsonObject()
                .put("username", username)
                .put("password", "not the password")
                .encode());
    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(json(wrongPassword).getString("code")).isEqualTo("invalid-credentials");

    HttpResponse<byte[]> session =
        client.postJson("/v1/sessions", ApiClient.credentials(username.toLowerCase()));
    assertThat(session.statusCode()).isEqualTo(201);
    assertThat(json(session).getString("token_type")).isEqualTo("Bearer");
    assertThat(json(session).getLong("expires_in")).isEqualTo(86_400);

    JsonObject profile = json(client.get("/v1/users/" + username));
    assertThat(profile.getString("username")).isEqualTo(username.toLowerCase());
    assertThat(profile.getLong("photo_count")).isZero();
  }
}
