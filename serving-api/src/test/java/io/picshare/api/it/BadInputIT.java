package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.auth.TokenSecret;
import io.picshare.api.domain.auth.TokenService;
import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.hbase.HBaseWebhookStore;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.record.WebhookRecord;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad request gets its 4xx status and a problem document with a stable code, and
 * leaves what is already stored exactly as it was.
 */
@ExtendWith(LocalStackExtension.class)
class BadInputIT {
  private static final int MAX_UPLOAD_BYTES = 1024 * 1024;
  private static final int UPLOAD_BYTES_IN_FLIGHT = 1_300_000;

  private static PicShareApi api;
  private static ApiClient client;
  private static String username;
  private static String token;
  private static String strangerToken;
  private static String photoId;
  private static byte[] photo;
  private static HBaseConnection hbase;
  private static String strangersWebhook;

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    api =
        PicShareApi.start(
                StackConfigs.api(
                    stack,
                    Map.of(
                        "max-upload-bytes", Integer.toString(MAX_UPLOAD_BYTES),
                        "max-upload-bytes-in-flight", Integer.toString(UPLOAD_BYTES_IN_FLIGHT),
                        "body-timeout-seconds", "2")))
            .await(60, TimeUnit.SECONDS);
    client = new ApiClient(api.port());
    username = "bea_" + UUID.randomUUID().toString().substring(0, 8);
    client.signUp(username);
    token = client.logIn(username);
    strangerToken = client.newUserToken("tom");
    photo = TestPhotos.jpeg(400, 300, 42);
    HttpResponse<byte[]> upload = client.upload(token, photo, "keep me safe");
    assertThat(upload.statusCode()).as(text(upload)).isEqualTo(201);
    photoId = json(upload).getString("id");
    // The stranger's webhook is written beneath the API: this API refuses the loopback receivers
    // tests use, and its URL must never be called (the stranger has no events).
    hbase = StackConfigs.hbase(stack);
    long webhookId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    assertThat(
            new HBaseWebhookStore(hbase)
                .create(
                    new WebhookRecord(
                        tokens(Clock.systemUTC()).verify(strangerToken).userId(),
                        webhookId,
                        "https://hooks.example.com/tom",
                        List.of("photo-uploaded"),
                        "whsec_tom",
                        System.currentTimeMillis()))
                .get())
        .isTrue();
    strangersWebhook = PublicIds.encode(webhookId);
  }

  @AfterAll
  static void stop() throws Exception {
    hbase.close();
    api.close();
  }

  /** Nothing a bad request did may change what was stored before it. */
  @AfterEach
  void storedPhotoIsUnharmed() throws Exception {
    HttpResponse<byte[]> content =
        client.get("/v1/photos/" + photoId + "/content", "Authorization", "Bearer " + token);
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.body()).isEqualTo(photo);
    JsonObject list = json(client.get("/v1/users/" + username + "/photos"));
    assertThat(list.getJsonArray("items")).hasSize(1);
    JsonObject profile = json(client.get("/v1/users/" + username));
    assertThat(profile.getLong("photo_count")).isEqualTo(1);
    assertThat(profile.getLong("follower_count")).isZero();
    assertThat(profile.getLong("following_count")).isZero();
    assertThat(json(client.get("/v1/photos/" + photoId)).getLong("like_count")).isZero();
    assertThat(json(client.get("/v1/users/" + username + "/following")).getJsonArray("items"))
        .isEmpty();
  }

  /** Nor may it change a webhook. */
  @AfterEach
  void strangersWebhookIsUnharmed() throws Exception {
    JsonObject list = json(client.get("/v1/webhooks", "Authorization", "Bearer " + strangerToken));
    assertThat(list.getJsonArray("items")).hasSize(1);
    assertThat(list.getJsonArray("items").getJsonObject(0).getString("id"))
        .isEqualTo(strangersWebhook);
    assertThat(
            json(client.get("/v1/webhooks", "Authorization", "Bearer " + token))
                .getJsonArray("items"))
        .isEmpty();
  }

  private static HttpResponse<byte[]> postWebhook(ApiClient c, String bearer, String body)
      throws Exception {
    HttpRequest.Builder request =
        c.request("/v1/webhooks")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return c.send(request);
  }

  private static HttpResponse<byte[]> deliveries(ApiClient c, String bearer, String pathAndQuery)
      throws Exception {
    return bearer == null
        ? c.get("/v1/webhooks/" + pathAndQuery)
        : c.get("/v1/webhooks/" + pathAndQuery, "Authorization", "Bearer " + bearer);
  }

  static Stream<Arguments> webhookRequests() {
    String events = ", \"events\": [\"photo-uploaded\"]";
    return Stream.of(
        bad(
            "webhook with bad JSON",
            400,
            "validation-failed",
            c -> postWebhook(c, token, "{\"url\": ")),
        bad(
            "webhook body not an object",
            400,
            "validation-failed",
            c -> postWebhook(c, token, "[1]")),
        bad(
            "webhook without url",
            400,
            "validation-failed",
            c -> postWebhook(c, token, "{\"events\": [\"photo-uploaded\"]}")),
        bad(
            "webhook url not a string",
            400,
            "validation-failed",
            c -> postWebhook(c, token, "{\"url\": 42" + events + "}")),
        bad(
            "webhook url not absolute",
            400,
            "validation-failed",
            c -> postWebhook(c, token, "{\"url\": \"/hooks\"" + events + "}")),
        bad(
            "webhook url with credentials",
            400,
            "validation-failed",
            c ->
                postWebhook(
                    c, token, "{\"url\": \"https://u:p@hooks.example.com/\"" + events + "}")),
        bad(
            "webhook url over 2048 characters",
            400,
            "validation-failed",
            c ->
                postWebhook(
                    c,
                    token,
                    "{\"url\": \"https://hooks.example.com/"
                        + "a".repeat(2048)
                        + "\""
                        + events
                        + "}")),
        bad(
            "webhook with an ftp url",
            422,
            "webhook-target-refused",
            c -> postWebhook(c, token, "{\"url\": \"ftp://hooks.example.com/\"" + events + "}")),
        bad(
            "webhook to a loopback address",
            422,
            "webhook-target-refused",
            c -> postWebhook(c, token, "{\"url\": \"http://127.0.0.1:9/\"" + events + "}")),
        bad(
            "webhook to the cloud metadata address",
            422,
            "webhook-target-refused",
            c ->
                postWebhook(
                    c, token, "{\"url\": \"http://169.254.169.254/latest/\"" + events + "}")),
        bad(
            "webhook to an IPv4-mapped private address",
            422,
            "webhook-target-refused",
            c -> postWebhook(c, token, "{\"url\": \"http://[::ffff:10.0.0.1]/\"" + events + "}")),
        bad(
            "webhook without events",
            400,
            "validation-failed",
            c -> postWebhook(c, token, "{\"url\": \"https://hooks.example.com/\"}")),
        bad(
            "webhook with no events",
            400,
            "validation-failed",
            c ->
                postWebhook(c, token, "{\"url\": \"https://hooks.example.com/\", \"events\": []}")),
        bad(
            "webhook with an unknown event",
            400,
            "validation-failed",
            c ->
                postWebhook(
                    c,
                    token,
                    "{\"url\": \"https://hooks.example.com/\", \"events\": [\"photo-exploded\"]}")),
        bad(
            "webhook with events not an array",
            400,
            "validation-failed",
            c ->
                postWebhook(
                    c,
                    token,
                    "{\"url\": \"https://hooks.example.com/\", \"events\": \"photo-uploaded\"}")),
        bad(
            "webhook with an event that is not a string",
            400,
            "validation-failed",
            c ->
                postWebhook(
                    c, token, "{\"url\": \"https://hooks.example.com/\", \"events\": [1]}")),
        bad(
            "webhook without a token",
            401,
            "unauthenticated",
            c -> postWebhook(c, null, "{\"url\": \"https://hooks.example.com/\"" + events + "}")),
        bad("webhooks list without a token", 401, "unauthenticated", c -> c.get("/v1/webhooks")),
        bad(
            "webhooks list with a garbage token",
            401,
            "unauthenticated",
            c -> c.get("/v1/webhooks", "Authorization", "Bearer nope")),
        bad(
            "deleting another user's webhook",
            404,
            "not-found",
            c -> c.delete("/v1/webhooks/" + strangersWebhook, token)),
        bad(
            "deleting a webhook with a malformed id",
            404,
            "not-found",
            c -> c.delete("/v1/webhooks/not-an-id", token)),
        bad(
            "deleting a webhook without a token",
            401,
            "unauthenticated",
            c -> c.delete("/v1/webhooks/" + strangersWebhook, null)),
        bad(
            "deliveries of another user's webhook",
            404,
            "not-found",
            c -> deliveries(c, token, strangersWebhook + "/deliveries")),
        bad(
            "deliveries of an unknown webhook",
            404,
            "not-found",
            c -> deliveries(c, strangerToken, PublicIds.encode(123456789L) + "/deliveries")),
        bad(
            "deliveries of a malformed webhook id",
            404,
            "not-found",
            c -> deliveries(c, strangerToken, "..%2F..%2Fetc/deliveries")),
        bad(
            "deliveries with a bad limit",
            400,
            "validation-failed",
            c -> deliveries(c, strangerToken, strangersWebhook + "/deliveries?limit=0")),
        bad(
            "deliveries with a bad cursor",
            400,
            "validation-failed",
            c -> deliveries(c, strangerToken, strangersWebhook + "/deliveries?cursor=nope")),
        bad(
            "deliveries without a token",
            401,
            "unauthenticated",
            c -> deliveries(c, null, strangersWebhook + "/deliveries")));
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        bad("empty file", 400, "validation-failed", c -> c.upload(token, new byte[0], "empty")),
        bad("no file part", 400, "validation-failed", c -> c.upload(token, null, "no file")),
        bad(
            "no title",
            400,
            "validation-failed",
            c -> c.upload(token, TestPhotos.jpeg(10, 10, 1), null)),
        bad(
            "blank title",
            400,
            "validation-failed",
            c -> c.upload(token, TestPhotos.jpeg(10, 10, 1), "   ")),
        bad(
            "title over 200 characters",
            400,
            "validation-failed",
            c -> c.upload(token, TestPhotos.jpeg(10, 10, 1), "x".repeat(201))),
        bad(
            "text file named .jpg",
            415,
            "unsupported-media-type",
            c ->
                c.upload(
                    token, "hello, I am not a photo\n".getBytes(StandardCharsets.UTF_8), "text")),
        bad(
            "not multipart",
            415,
            "unsupported-media-type",
            c ->
                c.send(
                    c.request("/v1/photos")
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "image/jpeg")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(photo)))),
        bad(
            "truncated JPEG",
            422,
            "invalid-image",
            c -> c.upload(token, TestPhotos.truncated(TestPhotos.jpeg(400, 300, 7)), "cut short")),
        bad(
            "30000x30000 PNG bomb",
            422,
            "invalid-image",
            c -> c.upload(token, TestPhotos.pngBomb(), "bomb")),
        bad(
            "body over the size cap",
            413,
            "payload-too-large",
            c -> c.upload(token, new byte[MAX_UPLOAD_BYTES + 200_000], "huge")),
        bad(
            "bad idempotency key",
            400,
            "validation-failed",
            c ->
                c.upload(
                    token,
                    TestPhotos.jpeg(10, 10, 1),
                    "key",
                    Map.of("Idempotency-Key", "x".repeat(129)))),
        bad(
            "missing token",
            401,
            "unauthenticated",
            c -> c.upload(null, TestPhotos.jpeg(10, 10, 1), "anon")),
        bad(
            "garbage token",
            401,
            "unauthenticated",
            c -> c.upload("not-a-token", TestPhotos.jpeg(10, 10, 1), "x")),
        bad(
            "token with a forged signature",
            401,
            "unauthenticated",
            c ->
                c.upload(
                    token.substring(0, token.lastIndexOf('.') + 1) + "AAAA",
                    TestPhotos.jpeg(10, 10, 1),
                    "x")),
        bad(
            "expired token",
            401,
            "unauthenticated",
            c -> c.upload(expiredToken(), TestPhotos.jpeg(10, 10, 1), "x")),
        bad(
            "bad JSON sign-up",
            400,
            "validation-failed",
            c -> c.postJson("/v1/users", "{\"username\": ")),
        bad("JSON array sign-up", 400, "validation-failed", c -> c.postJson("/v1/users", "[1, 2]")),
        bad(
            "username with spaces",
            400,
            "validation-failed",
            c -> c.postJson("/v1/users", ApiClient.credentials("no spaces allowed"))),
        bad(
            "short password",
            400,
            "validation-failed",
            c -> c.postJson("/v1/users", "{\"username\": \"shorty_pw\", \"password\": \"1234\"}")),
        bad(
            "number as username",
            400,
            "validation-failed",
            c -> c.postJson("/v1/sessions", "{\"username\": 12, \"password\": \"whatever1\"}")),
        bad(
            "unknown photo id",
            404,
            "not-found",
            c -> c.get("/v1/photos/" + PublicIds.encode(123456789L))),
        bad("malformed photo id", 404, "not-found", c -> c.get("/v1/photos/..%2F..%2Fetc")),
        bad(
            "content of unknown photo",
            404,
            "not-found",
            c -> c.get("/v1/photos/" + PublicIds.encode(987654321L) + "/content")),
        bad(
            "unknown content size",
            400,
            "validation-failed",
            c -> c.get("/v1/photos/" + photoId + "/content?size=huge")),
        bad(
            "content size in capitals",
            400,
            "validation-failed",
            c -> c.get("/v1/photos/" + photoId + "/content?size=LARGE")),
        bad(
            "empty content size",
            400,
            "validation-failed",
            c -> c.get("/v1/photos/" + photoId + "/content?size=")),
        bad(
            "another user's original",
            403,
            "forbidden",
            c ->
                c.get(
                    "/v1/photos/" + photoId + "/content?size=original",
                    "Authorization",
                    "Bearer " + strangerToken)),
        bad(
            "original without a token",
            403,
            "forbidden",
            c -> c.get("/v1/photos/" + photoId + "/content?size=original")),
        bad(
            "size of unknown photo",
            404,
            "not-found",
            c -> c.get("/v1/photos/" + PublicIds.encode(987654321L) + "/content?size=thumb")),
        bad(
            "photos of unknown user",
            404,
            "not-found",
            c -> c.get("/v1/users/nobody_here_x/photos")),
        bad(
            "bad page limit",
            400,
            "validation-failed",
            c -> c.get("/v1/users/" + username + "/photos?limit=0")),
        bad(
            "bad cursor",
            400,
            "validation-failed",
            c -> c.get("/v1/users/" + username + "/photos?cursor=not-a-cursor")),
        bad(
            "deleting another user's photo",
            403,
            "forbidden",
            c -> c.delete("/v1/photos/" + photoId, strangerToken)),
        bad(
            "deleting without a token",
            401,
            "unauthenticated",
            c -> c.send(c.request("/v1/photos/" + photoId).DELETE())),
        bad(
            "following yourself",
            422,
            "cannot-follow-self",
            c -> c.put("/v1/me/following/" + username, token)),
        bad(
            "following an unknown user",
            404,
            "not-found",
            c -> c.put("/v1/me/following/nobody_here_x", token)),
        bad(
            "following without a token",
            401,
            "unauthenticated",
            c -> c.put("/v1/me/following/" + username, null)),
        bad(
            "unfollowing with a garbage token",
            401,
            "unauthenticated",
            c -> c.delete("/v1/me/following/" + username, "garbage")),
        bad(
            "followers of an unknown user",
            404,
            "not-found",
            c -> c.get("/v1/users/nobody_here_x/followers")),
        bad(
            "following list with a bad limit",
            400,
            "validation-failed",
            c -> c.get("/v1/users/" + username + "/following?limit=101")),
        bad(
            "followers list with a bad cursor",
            400,
            "validation-failed",
            c -> c.get("/v1/users/" + username + "/followers?cursor=not-a-cursor")),
        bad(
            "liking an unknown photo",
            404,
            "not-found",
            c -> c.put("/v1/photos/" + PublicIds.encode(123456789L) + "/like", token)),
        bad(
            "liking without a token",
            401,
            "unauthenticated",
            c -> c.put("/v1/photos/" + photoId + "/like", null)),
        bad(
            "unliking with a forged token",
            401,
            "unauthenticated",
            c ->
                c.delete(
                    "/v1/photos/" + photoId + "/like",
                    token.substring(0, token.lastIndexOf('.') + 1) + "AAAA")),
        bad(
            "reading a photo with a garbage token",
            401,
            "unauthenticated",
            c -> c.get("/v1/photos/" + photoId, "Authorization", "Bearer nope")),
        bad("feed without a token", 401, "unauthenticated", c -> c.get("/v1/feed")),
        bad(
            "feed in an unknown order",
            400,
            "validation-failed",
            c -> c.get("/v1/feed?order=best", "Authorization", "Bearer " + token)),
        bad(
            "feed with a bad limit",
            400,
            "validation-failed",
            c -> c.get("/v1/feed?limit=-1", "Authorization", "Bearer " + token)),
        bad(
            "top feed with a recent cursor",
            400,
            "validation-failed",
            c -> c.get("/v1/feed?order=top&cursor=" + photoId, "Authorization", "Bearer " + token)),
        bad(
            "recent feed with a garbage cursor",
            400,
            "validation-failed",
            c -> c.get("/v1/feed?order=recent&cursor=..", "Authorization", "Bearer " + token)),
        bad("photo search without q", 400, "validation-failed", c -> c.get("/v1/search/photos")),
        bad(
            "photo search with a blank q",
            400,
            "validation-failed",
            c -> c.get("/v1/search/photos?q=%20%20")),
        bad(
            "photo search with an over-long q",
            400,
            "validation-failed",
            c -> c.get("/v1/search/photos?q=" + "a".repeat(201))),
        bad(
            "photo search with a bad limit",
            400,
            "validation-failed",
            c -> c.get("/v1/search/photos?q=x&limit=0")),
        bad(
            "photo search with a cursor that is not base64url",
            400,
            "validation-failed",
            c -> c.get("/v1/search/photos?q=x&cursor=!!")),
        bad(
            "photo search with a cursor Solr cannot read",
            400,
            "validation-failed",
            c -> c.get("/v1/search/photos?q=x&cursor=AAAA")),
        bad("user search without q", 400, "validation-failed", c -> c.get("/v1/search/users")),
        bad(
            "user search with an over-long q",
            400,
            "validation-failed",
            c -> c.get("/v1/search/users?q=" + "a".repeat(201))),
        bad(
            "user search with a bad limit",
            400,
            "validation-failed",
            c -> c.get("/v1/search/users?q=ab&limit=101")),
        bad("stream without a token", 401, "unauthenticated", c -> c.get("/v1/stream")),
        bad(
            "stream that is not a WebSocket upgrade",
            400,
            "validation-failed",
            c -> c.get("/v1/stream", "Authorization", "Bearer " + token)),
        bad(
            "stream with a garbage token",
            401,
            "unauthenticated",
            c -> c.get("/v1/stream", "Authorization", "Bearer nope")),
        bad("unknown route", 404, "not-found", c -> c.get("/v2/anything")),
        bad(
            "profile with a badly signed token",
            401,
            "unauthenticated",
            c -> c.get("/v1/users/" + username, "Authorization", "Bearer nope")),
        bad("unknown web app asset", 404, "not-found", c -> c.get("/assets/app-NOSUCH.js")),
        bad(
            "web app asset outside the assets",
            404,
            "not-found",
            c -> c.get("/assets/..%2Fassets.json")),
        bad("web app asset folder", 404, "not-found", c -> c.get("/assets/")),
        bad(
            "cross-origin preflight where no origin is allowed",
            403,
            "forbidden",
            c ->
                c.send(
                    c.request("/v1/photos")
                        .header("Origin", "https://elsewhere.example")
                        .header("Access-Control-Request-Method", "POST")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()))),
        bad(
            "wrong method",
            405,
            "method-not-allowed",
            c ->
                c.send(
                    c.request("/v1/photos/" + photoId)
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()))),
        bad(
            "invented method",
            405,
            "method-not-allowed",
            c ->
                c.send(
                    c.request("/v1/photos/" + photoId)
                        .method("FOO", HttpRequest.BodyPublishers.noBody()))),
        bad(
            "body sent too slowly",
            408,
            "request-timeout",
            c -> {
              try (RawHttp slow = new RawHttp(api.port())) {
                slow.send(
                        RawHttp.head(
                            "POST",
                            "/v1/users",
                            "Content-Type",
                            "application/json",
                            "Content-Length",
                            "60"))
                    .send("{\"username\": \"sl");
                return slow.readResponse();
              }
            }),
        bad(
            "upload beyond the bytes in flight",
            503,
            "service-unavailable",
            c -> {
              try (RawHttp held = new RawHttp(api.port())) {
                held.send(
                        RawHttp.head(
                            "POST",
                            "/v1/photos",
                            "Authorization",
                            "Bearer " + token,
                            "Content-Type",
                            "multipart/form-data; boundary=held",
                            "Content-Length",
                            "1100000"))
                    .send("--held\r\n");
                Thread.sleep(200);
                return c.upload(token, TestPhotos.jpeg(1200, 900, 5), "no room now");
              }
            }));
  }

  private static HttpResponse<byte[]> graphql(
      ApiClient c, String bearer, String contentType, String body) throws Exception {
    HttpRequest.Builder request =
        c.request("/v1/graphql")
            .header("Accept", "application/graphql-response+json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (bearer != null) {
      request.header("Authorization", bearer);
    }
    return c.send(request);
  }

  private static HttpResponse<byte[]> graphql(ApiClient c, String bearer, String query)
      throws Exception {
    return graphql(c, bearer, "application/json", new JsonObject().put("query", query).encode());
  }

  private static HttpResponse<byte[]> graphqlGet(ApiClient c, String bearer, String query)
      throws Exception {
    HttpRequest.Builder request =
        c.request("/v1/graphql?" + query).header("Accept", "application/graphql-response+json");
    if (bearer != null) {
      request.header("Authorization", bearer);
    }
    return c.send(request.GET());
  }

  /**
   * GraphQL requests: {@code status} and {@code code}; a 200 is a field error ({@code data} with
   * the field null), anything else a request error (no {@code data}).
   */
  static Stream<Arguments> graphQLRequests() {
    String bearer = "Bearer " + token;
    String photos = "{ user(username: \"" + username + "\") { photos(%s) { edges { cursor } } } }";
    return Stream.of(
        bad(
            "graphql bad JSON",
            400,
            "validation-failed",
            c -> graphql(c, null, "application/json", "{\"query\": ")),
        bad(
            "graphql body not an object",
            400,
            "validation-failed",
            c -> graphql(c, null, "application/json", "[{\"query\": \"{ __typename }\"}]")),
        bad(
            "graphql without query",
            400,
            "validation-failed",
            c -> graphql(c, null, "application/json", "{\"variables\": {}}")),
        bad(
            "graphql query not a string",
            400,
            "validation-failed",
            c -> graphql(c, null, "application/json", "{\"query\": 42}")),
        bad(
            "graphql variables not an object",
            400,
            "validation-failed",
            c ->
                graphql(
                    c,
                    null,
                    "application/json",
                    "{\"query\": \"{ __typename }\", \"variables\": [1]}")),
        bad(
            "graphql document as text/plain",
            415,
            "unsupported-media-type",
            c -> graphql(c, null, "text/plain", "{ __typename }")),
        bad(
            "graphql as a form",
            415,
            "unsupported-media-type",
            c -> graphql(c, null, "application/x-www-form-urlencoded", "query=%7B__typename%7D")),
        bad(
            "graphql body over 64 KiB",
            413,
            "payload-too-large",
            c ->
                graphql(
                    c,
                    null,
                    "application/json",
                    new JsonObject().put("query", "{ __typename }" + " ".repeat(70_000)).encode())),
        bad(
            "graphql document that does not parse",
            400,
            "validation-failed",
            c -> graphql(c, null, "{ user(username: ")),
        bad(
            "graphql GET without query",
            400,
            "validation-failed",
            c -> graphqlGet(c, null, "operationName=x")),
        bad(
            "graphql GET variables not JSON",
            400,
            "validation-failed",
            c -> graphqlGet(c, null, "query=%7B__typename%7D&variables=%7Bnope")),
        bad(
            "graphql mutation over GET",
            405,
            "method-not-allowed",
            c ->
                graphqlGet(
                    c,
                    bearer,
                    "query="
                        + java.net.URLEncoder.encode(
                            "mutation { like(photoId: \"" + photoId + "\") { likeCount } }",
                            StandardCharsets.UTF_8))),
        bad(
            "graphql token not bearer",
            401,
            "unauthenticated",
            c -> graphql(c, "Basic YWxpY2U6c2VjcmV0", "{ __typename }")),
        bad(
            "graphql badly signed token",
            401,
            "unauthenticated",
            c -> graphql(c, bearer + "x", "{ __typename }")),
        bad(
            "graphql expired token",
            401,
            "unauthenticated",
            c -> graphql(c, "Bearer " + expiredToken(), "{ __typename }")),
        bad(
            "graphql viewer without a token",
            200,
            "unauthenticated",
            c -> graphql(c, null, "{ viewer { id } }")),
        bad(
            "graphql like without a token",
            200,
            "unauthenticated",
            c -> graphql(c, null, "mutation { like(photoId: \"" + photoId + "\") { id } }")),
        bad(
            "graphql follow without a token",
            200,
            "unauthenticated",
            c -> graphql(c, null, "mutation { follow(username: \"" + username + "\") { id } }")),
        bad(
            "graphql someone else deletes the photo",
            200,
            "forbidden",
            c ->
                graphql(
                    c,
                    "Bearer " + strangerToken,
                    "mutation { deletePhoto(id: \"" + photoId + "\") { deletedPhotoId } }")),
        bad(
            "graphql unknown photo id",
            200,
            "not-found",
            c -> graphql(c, null, "{ photo(id: \"AAAAAAAAAAA\") { id } }")),
        bad(
            "graphql malformed photo id",
            200,
            "not-found",
            c -> graphql(c, null, "{ photo(id: \"../../etc\") { id } }")),
        bad(
            "graphql cursor not issued",
            200,
            "validation-failed",
            c -> graphql(c, null, String.format(photos, "after: \"!!\""))),
        bad(
            "graphql first over 100",
            200,
            "validation-failed",
            c -> graphql(c, null, String.format(photos, "first: 101"))),
        bad(
            "graphql first zero",
            200,
            "validation-failed",
            c -> graphql(c, null, String.format(photos, "first: 0"))));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("graphQLRequests")
  void graphQLRequestIsRefusedWithACodedError(String name, int status, String code, Call call)
      throws Exception {
    HttpResponse<byte[]> response = call.send(client);

    assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/graphql-response+json; charset=utf-8");
    JsonObject body = json(response);
    assertThat(body.getJsonArray("errors")).hasSize(1);
    JsonObject error = body.getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("message")).isNotBlank();
    assertThat(error.getJsonObject("extensions").getString("code")).isEqualTo(code);
    if (status == 200) {
      // a field error: the rest of the response stands, the field is null
      assertThat(body.getJsonObject("data").fieldNames()).hasSize(1);
      assertThat(
              body.getJsonObject("data")
                  .getValue(body.getJsonObject("data").fieldNames().iterator().next()))
          .isNull();
    } else {
      assertThat(body.containsKey("data")).isFalse();
    }
    if (status == 401) {
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource({"badRequests", "webhookRequests"})
  void isRefusedWithAProblemDocument(String name, int status, String code, Call call)
      throws Exception {
    HttpResponse<byte[]> response = call.send(client);

    assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = json(response);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("code")).isEqualTo(code);
    assertThat(problem.getString("type")).isEqualTo("https://picshare.dev/problems/" + code);
    assertThat(problem.getString("title")).isNotBlank();
    if (status == 401) {
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }
    if (status == 503) {
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  /** One request of the matrix. */
  @FunctionalInterface
  interface Call {
    HttpResponse<byte[]> send(ApiClient client) throws Exception;
  }

  private static Arguments bad(String name, int status, String code, Call call) {
    return Arguments.of(name, status, code, call);
  }

  private static String expiredToken() {
    Clock lastWeek = Clock.fixed(Instant.now().minus(Duration.ofDays(7)), ZoneOffset.UTC);
    return tokens(lastWeek).issue(new Principal(1, "someone"));
  }

  private static TokenService tokens(Clock clock) {
    return new TokenService(
        TokenSecret.loadOrCreate(StackConfigs.TOKEN_SECRET), clock, Duration.ofHours(1));
  }
}
