package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.api.graphql.SchemaSdl;
import io.picshare.media.TestImages;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GraphQL at {@code /v1/graphql} on the real stack, through the same services as REST: every query
 * and mutation answers what the REST routes answer the same caller (privacy included), the
 * GraphQL-over-HTTP conventions (media types, 200 with {@code errors} for field errors, 400 for
 * documents that cannot run, 405 for mutations over GET, 401 for a bad token), batched loading seen
 * in {@code /metrics}, the limits, and which role serves what.
 */
@ExtendWith(LocalStackExtension.class)
class GraphQLIT {
  private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
  private static final Duration WAIT = Duration.ofSeconds(120);

  /** Every field of a photo, as the tests compare them with REST's JSON. */
  private static final String PHOTO =
      "fragment P on Photo { id title contentType size width height orientation"
          + " location { lat lon } createdAt contentUrl likeCount likedByMe"
          + " sizes { name width height url } sizesState owner { id username } }";

  private static PicShareApi api;
  private static PicShareApi workers;
  private static ApiClient client;
  private static ApiClient admin;
  private static String word;
  private static User alice;
  private static User bob;
  private static User carol;
  private static String geoPhoto;
  private static String marketPhoto;
  private static String harbourPhoto;
  private static String carolsPhoto;

  private record User(String name, String id, String token) {}

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    api = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
    workers =
        PicShareApi.start(StackConfigs.api(stack, Map.of("role", "workers")))
            .await(60, TimeUnit.SECONDS);
    client = new ApiClient(api.port());
    admin = new ApiClient(api.adminPort());
    word = "gq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    alice = signUp("alice");
    bob = signUp("bob");
    carol = signUp("carol");
    // before the uploads: the fan-out puts a photo in the feeds of the followers it has then
    assertThat(client.put("/v1/me/following/" + alice.name(), bob.token()).statusCode())
        .isEqualTo(204);
    assertThat(client.put("/v1/me/following/" + carol.name(), bob.token()).statusCode())
        .isEqualTo(204);
    harbourPhoto = upload(alice, TestPhotos.jpeg(64, 48, 1), word + " harbour");
    marketPhoto = upload(alice, TestPhotos.jpeg(48, 64, 2), word + " market");
    geoPhoto =
        upload(
            alice,
            TestImages.jpegWithExif(
                TestImages.jpeg(1200, 900), TestImages.exif(6, 38.7223, -9.1393)),
            word + " geo");
    carolsPhoto = upload(carol, TestPhotos.jpeg(50, 50, 3), word + " carol");
    for (String id : List.of(harbourPhoto, marketPhoto, geoPhoto, carolsPhoto)) {
      awaitRest(
          "/v1/photos/" + id,
          null,
          body -> "ready".equals(body.getString("sizes_state")),
          "display sizes of " + id);
    }
    awaitRest(
        "/v1/feed?order=recent&limit=100",
        bob.token(),
        body -> body.getJsonArray("items").size() == 4,
        "bob's feed");
    awaitRest(
        "/v1/search/photos?q=" + word + "&limit=100",
        null,
        body -> body.getJsonArray("items").size() == 4,
        "the search index");
  }

  @AfterAll
  static void stop() {
    if (workers != null) {
      workers.close();
    }
    if (api != null) {
      api.close();
    }
  }

  // ---- the schema ----

  @Test
  void servesExactlyTheSchemaFileInTheRepository() throws Exception {
    JsonObject data =
        data(post(null, new JsonObject().put("query", SchemaSdl.INTROSPECTION_QUERY)));
    String file =
        Files.readString(
            Path.of("src/main/resources/graphql/schema.graphqls"), StandardCharsets.UTF_8);

    assertThat(SchemaSdl.fromIntrospection(data.getMap())).isEqualTo(SchemaSdl.fromSdl(file));
  }

  // ---- queries: what REST shows the same caller ----

  @Test
  void aUsersProfileAndPhotosAreWhatRestShowsEachCaller() throws Exception {
    String query =
        "query($u: String!) { user(username: $u) { id username createdAt photoCount followerCount"
            + " followingCount photos(first: 10) { edges { cursor node { ...P } }"
            + " pageInfo { hasNextPage endCursor } } } } "
            + PHOTO;
    for (User viewer : new User[] {null, alice, bob}) {
      String token = viewer == null ? null : viewer.token();
      JsonObject user =
          data(post(token, query, new JsonObject().put("u", alice.name()))).getJsonObject("user");
      JsonObject profile = restJson("/v1/users/" + alice.name(), token);
      JsonArray photos =
          restJson("/v1/users/" + alice.name() + "/photos?limit=10", token).getJsonArray("items");

      assertThat(user.copy().put("photos", null))
          .isEqualTo(
              new JsonObject()
                  .put("id", alice.id())
                  .put("username", alice.name())
                  .put("createdAt", profile.getString("created_at"))
                  .put("photoCount", 3)
                  .put("followerCount", 1)
                  .put("followingCount", 0)
                  .put("photos", null));
      JsonArray edges = new JsonArray();
      for (Object photo : photos) {
        JsonObject rest = (JsonObject) photo;
        edges.add(new JsonObject().put("cursor", rest.getString("id")).put("node", node(rest)));
      }
      assertThat(user.getJsonObject("photos"))
          .isEqualTo(
              new JsonObject()
                  .put("edges", edges)
                  .put(
                      "pageInfo",
                      new JsonObject().put("hasNextPage", false).put("endCursor", harbourPhoto)));
      assertThat(ids(user.getJsonObject("photos")))
          .containsExactly(geoPhoto, marketPhoto, harbourPhoto);
    }
  }

  @Test
  void theLocationIsShownToTheOwnerOnlyAndLikedByMeOnlyWithAToken() throws Exception {
    String query = "query($id: ID!) { photo(id: $id) { ...P } } " + PHOTO;
    JsonObject variables = new JsonObject().put("id", geoPhoto);

    JsonObject owners = data(post(alice.token(), query, variables)).getJsonObject("photo");
    JsonObject strangers = data(post(bob.token(), query, variables)).getJsonObject("photo");
    JsonObject anonymous = data(post(null, query, variables)).getJsonObject("photo");

    assertThat(owners.getJsonObject("location").getDouble("lat")).isBetween(38.7222, 38.7224);
    assertThat(owners.getJsonObject("location").getDouble("lon")).isBetween(-9.1394, -9.1392);
    assertThat(owners.getInteger("orientation")).isEqualTo(6);
    assertThat(strangers.getValue("location")).isNull();
    assertThat(anonymous.getValue("location")).isNull();
    assertThat(owners.getBoolean("likedByMe")).isFalse();
    assertThat(anonymous.getValue("likedByMe")).isNull();
    assertThat(owners.getString("sizesState")).isEqualTo("READY");
    assertThat(owners.getJsonArray("sizes").stream().map(s -> ((JsonObject) s).getString("name")))
        .containsExactlyInAnyOrder("thumb", "small", "medium", "large");
    // stored 1200 x 900, shown upright (orientation 6) as 900 x 1200
    assertThat(
            owners.getJsonArray("sizes").stream()
                .map(s -> (JsonObject) s)
                .filter(s -> s.getString("name").equals("small"))
                .findFirst()
                .orElseThrow())
        .isEqualTo(
            new JsonObject()
                .put("name", "small")
                .put("width", 320)
                .put("height", 427)
                .put("url", "/v1/photos/" + geoPhoto + "/content?size=small"));
    assertThat(owners).isEqualTo(node(restJson("/v1/photos/" + geoPhoto, alice.token())));
    assertThat(strangers).isEqualTo(node(restJson("/v1/photos/" + geoPhoto, bob.token())));
    assertThat(anonymous).isEqualTo(node(restJson("/v1/photos/" + geoPhoto, null)));
  }

  @Test
  void anUnknownOrMalformedIdIsANotFoundFieldError() throws Exception {
    for (String id : List.of("AAAAAAAAAAA", "..%2F", "")) {
      HttpResponse<byte[]> response =
          post(null, "query($id: ID!) { photo(id: $id) { id } }", new JsonObject().put("id", id));

      assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
      JsonObject body = json(response);
      assertThat(body.getJsonObject("data")).isEqualTo(new JsonObject().putNull("photo"));
      JsonObject error = body.getJsonArray("errors").getJsonObject(0);
      assertThat(error.getJsonArray("path")).isEqualTo(new JsonArray().add("photo"));
      assertThat(code(error)).isEqualTo("not-found");
    }
    HttpResponse<byte[]> noUser = post(null, "{ user(username: \"nobody_here_x\") { id } }", null);
    assertThat(json(noUser).getJsonObject("data")).isEqualTo(new JsonObject().putNull("user"));
    assertThat(code(json(noUser).getJsonArray("errors").getJsonObject(0))).isEqualTo("not-found");
  }

  @Test
  void theViewerNeedsAToken() throws Exception {
    String query =
        "{ viewer { username followingCount following { edges { node { username } } } } }";
    JsonObject bobs = data(post(bob.token(), query, null)).getJsonObject("viewer");
    assertThat(bobs)
        .isEqualTo(
            new JsonObject()
                .put("username", bob.name())
                .put("followingCount", 2)
                .put(
                    "following",
                    new JsonObject()
                        .put(
                            "edges",
                            new JsonArray()
                                .add(edgeNode(carol.name()))
                                .add(edgeNode(alice.name())))));

    HttpResponse<byte[]> anonymous = post(null, query, null);
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(json(anonymous).getJsonObject("data")).isEqualTo(new JsonObject().putNull("viewer"));
    assertThat(code(json(anonymous).getJsonArray("errors").getJsonObject(0)))
        .isEqualTo("unauthenticated");

    HttpResponse<byte[]> badToken = post("not-a-token", query, null);
    assertThat(badToken.statusCode()).isEqualTo(401);
    assertThat(badToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(badToken.headers().firstValue("Content-Type"))
        .hasValue(GRAPHQL_RESPONSE + "; charset=utf-8");
    assertThat(json(badToken).containsKey("data")).isFalse();
    assertThat(code(json(badToken).getJsonArray("errors").getJsonObject(0)))
        .isEqualTo("unauthenticated");
  }

  @Test
  void theFeedPagesThroughWhatRestPagesThrough() throws Exception {
    for (String order : List.of("recent", "top")) {
      List<String> rest = new ArrayList<>();
      String cursor = null;
      do {
        JsonObject page =
            restJson(
                "/v1/feed?order="
                    + order
                    + "&limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor),
                bob.token());
        page.getJsonArray("items").forEach(item -> rest.add(((JsonObject) item).getString("id")));
        cursor = page.getString("next_cursor");
      } while (cursor != null);

      List<String> graphql = new ArrayList<>();
      String after = null;
      int pages = 0;
      JsonObject connection;
      do {
        connection =
            data(post(
                    bob.token(),
                    "query($o: FeedOrder, $a: String) { feed(order: $o, first: 3, after: $a) {"
                        + " edges { cursor node { id title } } pageInfo { hasNextPage endCursor } } }",
                    new JsonObject().put("o", order.toUpperCase()).put("a", after)))
                .getJsonObject("feed");
        graphql.addAll(ids(connection));
        JsonArray edges = connection.getJsonArray("edges");
        String endCursor = connection.getJsonObject("pageInfo").getString("endCursor");
        assertThat(edges.getJsonObject(edges.size() - 1).getString("cursor")).isEqualTo(endCursor);
        if (order.equals("recent")) {
          edges.forEach(edge -> assertThat(((JsonObject) edge).getString("cursor")).isNotNull());
        } else if (edges.size() > 1) {
          assertThat(edges.getJsonObject(0).getValue("cursor")).isNull();
        }
        after = endCursor;
        pages++;
      } while (connection.getJsonObject("pageInfo").getBoolean("hasNextPage"));

      assertThat(graphql).as(order).isEqualTo(rest).hasSize(4).doesNotHaveDuplicates();
      assertThat(pages).isEqualTo(2);
    }
    // every edge of the recent feed resumes right after itself
    JsonObject first =
        data(post(
                bob.token(),
                "{ feed(order: RECENT, first: 4) { edges { cursor node { id } } } }",
                null))
            .getJsonObject("feed");
    String afterFirst = first.getJsonArray("edges").getJsonObject(0).getString("cursor");
    JsonObject rest =
        data(post(
                bob.token(),
                "query($a: String) { feed(order: RECENT, first: 4, after: $a) { edges { cursor node { id } } } }",
                new JsonObject().put("a", afterFirst)))
            .getJsonObject("feed");
    assertThat(ids(rest)).isEqualTo(ids(first).subList(1, 4));
  }

  @Test
  void feedArgumentsOutOfRangeAreValidationErrorsAndTheFeedNeedsAToken() throws Exception {
    for (String arguments : List.of("first: 0", "first: 101", "after: \"not-a-cursor\"")) {
      HttpResponse<byte[]> response =
          post(bob.token(), "{ feed(" + arguments + ") { edges { cursor } } }", null);
      assertThat(response.statusCode()).as(arguments).isEqualTo(200);
      assertThat(json(response).getJsonObject("data")).isEqualTo(new JsonObject().putNull("feed"));
      assertThat(code(json(response).getJsonArray("errors").getJsonObject(0)))
          .as(arguments)
          .isEqualTo("validation-failed");
    }
    HttpResponse<byte[]> anonymous = post(null, "{ feed { edges { cursor } } }", null);
    assertThat(code(json(anonymous).getJsonArray("errors").getJsonObject(0)))
        .isEqualTo("unauthenticated");
  }

  @Test
  void searchFindsWhatRestFinds() throws Exception {
    JsonObject rest = restJson("/v1/search/photos?q=" + word + "+geo&limit=10", carol.token());
    JsonObject found =
        data(post(
                carol.token(),
                "query($q: String!) { searchPhotos(q: $q, first: 10) { edges { cursor node { ...P } }"
                    + " pageInfo { hasNextPage endCursor } } } "
                    + PHOTO,
                new JsonObject().put("q", word + " geo")))
            .getJsonObject("searchPhotos");
    assertThat(found)
        .isEqualTo(
            new JsonObject()
                .put(
                    "edges",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .putNull("cursor")
                                .put("node", node(rest.getJsonArray("items").getJsonObject(0)))))
                .put("pageInfo", new JsonObject().put("hasNextPage", false).putNull("endCursor")));
    assertThat(ids(found)).containsExactly(geoPhoto);

    List<String> paged = new ArrayList<>();
    String after = null;
    JsonObject page;
    do {
      page =
          data(post(
                  null,
                  "query($q: String!, $a: String) { searchPhotos(q: $q, first: 3, after: $a) {"
                      + " edges { node { id } } pageInfo { hasNextPage endCursor } } }",
                  new JsonObject().put("q", word).put("a", after)))
              .getJsonObject("searchPhotos");
      paged.addAll(ids(page));
      after = page.getJsonObject("pageInfo").getString("endCursor");
    } while (page.getJsonObject("pageInfo").getBoolean("hasNextPage"));
    assertThat(paged).containsExactlyInAnyOrder(harbourPhoto, marketPhoto, geoPhoto, carolsPhoto);

    JsonArray users =
        data(post(
                null,
                "query($q: String!) { searchUsers(q: $q, first: 5) { username photoCount } }",
                new JsonObject().put("q", alice.name())))
            .getJsonArray("searchUsers");
    assertThat(users)
        .isEqualTo(
            new JsonArray()
                .add(new JsonObject().put("username", alice.name()).put("photoCount", 3)));
  }

  @Test
  void followersAndFollowingPageByTheirOwnCursors() throws Exception {
    String query =
        "query($u: String!, $a: String) { user(username: $u) { following(first: 1, after: $a) {"
            + " edges { cursor node { username followerCount } } pageInfo { hasNextPage endCursor } }"
            + " followers { edges { node { username } } } } }";
    JsonObject first =
        data(post(null, query, new JsonObject().put("u", bob.name()))).getJsonObject("user");
    JsonObject following = first.getJsonObject("following");
    assertThat(following.getJsonArray("edges").getJsonObject(0).getJsonObject("node"))
        .isEqualTo(new JsonObject().put("username", carol.name()).put("followerCount", 1));
    assertThat(following.getJsonObject("pageInfo").getBoolean("hasNextPage")).isTrue();
    String cursor = following.getJsonArray("edges").getJsonObject(0).getString("cursor");
    assertThat(cursor).isEqualTo(following.getJsonObject("pageInfo").getString("endCursor"));
    assertThat(first.getJsonObject("followers").getJsonArray("edges")).isEmpty();

    JsonObject second =
        data(post(null, query, new JsonObject().put("u", bob.name()).put("a", cursor)))
            .getJsonObject("user")
            .getJsonObject("following");
    assertThat(second.getJsonArray("edges").getJsonObject(0).getJsonObject("node"))
        .isEqualTo(new JsonObject().put("username", alice.name()).put("followerCount", 1));
    // on the last page the end cursor is the last edge's own
    assertThat(second.getJsonObject("pageInfo"))
        .isEqualTo(
            new JsonObject()
                .put("hasNextPage", false)
                .put(
                    "endCursor",
                    second.getJsonArray("edges").getJsonObject(0).getString("cursor")));
    assertThat(second.getJsonArray("edges").getJsonObject(0).getString("cursor")).isNotNull();

    JsonObject alices =
        data(post(null, query, new JsonObject().put("u", alice.name()))).getJsonObject("user");
    assertThat(alices.getJsonObject("followers").getJsonArray("edges"))
        .isEqualTo(new JsonArray().add(edgeNode(bob.name())));
  }

  // ---- mutations ----

  @Test
  void likesAndUnlikesAreIdempotentAndShowAtOnce() throws Exception {
    User dave = signUp("dave");
    User erin = signUp("erin");
    String photo = upload(dave, TestPhotos.jpeg(40, 30, 9), "dave's");
    JsonObject id = new JsonObject().put("id", photo);
    String like = "mutation($id: ID!) { like(photoId: $id) { id likeCount likedByMe } }";
    String unlike = "mutation($id: ID!) { unlike(photoId: $id) { id likeCount likedByMe } }";

    for (int i = 0; i < 2; i++) {
      assertThat(data(post(erin.token(), like, id)).getJsonObject("like"))
          .isEqualTo(new JsonObject().put("id", photo).put("likeCount", 1).put("likedByMe", true));
    }
    assertThat(restJson("/v1/photos/" + photo, null).getLong("like_count")).isEqualTo(1);
    for (int i = 0; i < 2; i++) {
      assertThat(data(post(erin.token(), unlike, id)).getJsonObject("unlike"))
          .isEqualTo(new JsonObject().put("id", photo).put("likeCount", 0).put("likedByMe", false));
    }
    assertThat(restJson("/v1/photos/" + photo, null).getLong("like_count")).isZero();

    // mutations run in order, and the second sees what the first did
    JsonObject both =
        data(
            post(
                erin.token(),
                "mutation($id: ID!) { a: like(photoId: $id) { likedByMe likeCount }"
                    + " b: unlike(photoId: $id) { likedByMe likeCount } }",
                id));
    assertThat(both)
        .isEqualTo(
            new JsonObject()
                .put("a", new JsonObject().put("likedByMe", true).put("likeCount", 1))
                .put("b", new JsonObject().put("likedByMe", false).put("likeCount", 0)));

    HttpResponse<byte[]> anonymous = post(null, like, id);
    assertThat(json(anonymous).getJsonObject("data")).isEqualTo(new JsonObject().putNull("like"));
    assertThat(code(json(anonymous).getJsonArray("errors").getJsonObject(0)))
        .isEqualTo("unauthenticated");
    assertThat(restJson("/v1/photos/" + photo, null).getLong("like_count")).isZero();
  }

  @Test
  void followsAndUnfollowsAreIdempotentAndOneCannotFollowOneself() throws Exception {
    User dave = signUp("dave");
    User erin = signUp("erin");
    JsonObject who = new JsonObject().put("u", dave.name());
    String follow = "mutation($u: String!) { follow(username: $u) { username followerCount } }";
    String unfollow = "mutation($u: String!) { unfollow(username: $u) { username followerCount } }";

    for (int i = 0; i < 2; i++) {
      assertThat(data(post(erin.token(), follow, who)).getJsonObject("follow"))
          .isEqualTo(new JsonObject().put("username", dave.name()).put("followerCount", 1));
    }
    assertThat(
            restJson("/v1/users/" + erin.name() + "/following", null).getJsonArray("items").stream()
                .map(u -> ((JsonObject) u).getString("username")))
        .containsExactly(dave.name());
    for (int i = 0; i < 2; i++) {
      assertThat(data(post(erin.token(), unfollow, who)).getJsonObject("unfollow"))
          .isEqualTo(new JsonObject().put("username", dave.name()).put("followerCount", 0));
    }
    assertThat(restJson("/v1/users/" + erin.name() + "/following", null).getJsonArray("items"))
        .isEmpty();

    HttpResponse<byte[]> self = post(dave.token(), follow, who);
    assertThat(json(self).getJsonObject("data")).isEqualTo(new JsonObject().putNull("follow"));
    assertThat(code(json(self).getJsonArray("errors").getJsonObject(0)))
        .isEqualTo("cannot-follow-self");
    HttpResponse<byte[]> nobody =
        post(erin.token(), follow, new JsonObject().put("u", "nobody_" + word));
    assertThat(code(json(nobody).getJsonArray("errors").getJsonObject(0))).isEqualTo("not-found");
  }

  @Test
  void onlyTheOwnerDeletesAPhotoAndOnlyOnce() throws Exception {
    User dave = signUp("dave");
    User erin = signUp("erin");
    String photo = upload(dave, TestPhotos.jpeg(40, 30, 11), "delete me");
    String delete = "mutation($id: ID!) { deletePhoto(id: $id) { deletedPhotoId } }";
    JsonObject id = new JsonObject().put("id", photo);

    HttpResponse<byte[]> stranger = post(erin.token(), delete, id);
    assertThat(stranger.statusCode()).isEqualTo(200);
    assertThat(json(stranger).getJsonObject("data"))
        .isEqualTo(new JsonObject().putNull("deletePhoto"));
    assertThat(code(json(stranger).getJsonArray("errors").getJsonObject(0))).isEqualTo("forbidden");
    assertThat(client.get("/v1/photos/" + photo).statusCode()).isEqualTo(200);

    assertThat(data(post(dave.token(), delete, id)))
        .isEqualTo(
            new JsonObject().put("deletePhoto", new JsonObject().put("deletedPhotoId", photo)));
    assertThat(client.get("/v1/photos/" + photo).statusCode()).isEqualTo(404);
    assertThat(code(json(post(dave.token(), delete, id)).getJsonArray("errors").getJsonObject(0)))
        .isEqualTo("not-found");
  }

  // ---- GraphQL over HTTP ----

  @Test
  void queriesRunOverGetAndMutationsAreRefusedThere() throws Exception {
    String query = "query($u: String!) { user(username: $u) { username photoCount } }";
    HttpResponse<byte[]> get =
        get(null, GRAPHQL_RESPONSE, query, new JsonObject().put("u", alice.name()));
    assertThat(get.statusCode()).as(text(get)).isEqualTo(200);
    assertThat(json(get))
        .isEqualTo(json(post(null, query, new JsonObject().put("u", alice.name()))))
        .isEqualTo(
            new JsonObject()
                .put(
                    "data",
                    new JsonObject()
                        .put(
                            "user",
                            new JsonObject().put("username", alice.name()).put("photoCount", 3))));

    User erin = signUp("erin");
    HttpResponse<byte[]> mutation =
        get(
            erin.token(),
            GRAPHQL_RESPONSE,
            "mutation($id: ID!) { like(photoId: $id) { likeCount } }",
            new JsonObject().put("id", harbourPhoto));
    assertThat(mutation.statusCode()).as(text(mutation)).isEqualTo(405);
    assertThat(mutation.headers().firstValue("Allow")).hasValue("POST");
    assertThat(json(mutation).containsKey("data")).isFalse();
    assertThat(code(json(mutation).getJsonArray("errors").getJsonObject(0)))
        .isEqualTo("method-not-allowed");
    assertThat(restJson("/v1/photos/" + harbourPhoto, erin.token()).getBoolean("liked_by_me"))
        .isFalse();
  }

  @Test
  void theResponseMediaTypeIsTheOneTheClientAccepts() throws Exception {
    String body = new JsonObject().put("query", "{ __typename }").encode();
    Map<String, String> expected =
        Map.of(
            GRAPHQL_RESPONSE,
            GRAPHQL_RESPONSE,
            "application/json",
            "application/json",
            "application/json;q=0.5, application/graphql-response+json",
            GRAPHQL_RESPONSE,
            "*/*",
            "application/json");
    for (Map.Entry<String, String> accept : expected.entrySet()) {
      HttpResponse<byte[]> response = raw("POST", null, accept.getKey(), body);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .as(accept.getKey())
          .hasValue(accept.getValue() + "; charset=utf-8");
      assertThat(json(response))
          .isEqualTo(new JsonObject().put("data", new JsonObject().put("__typename", "Query")));
    }
    assertThat(raw("POST", null, null, body).headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
  }

  @Test
  void documentsThatCannotRunAre400ExceptForLegacyJsonClients() throws Exception {
    for (String document :
        List.of("{ user(", "{ nope }", "query($u: String!) { user(username: $u) { id } }")) {
      String body = new JsonObject().put("query", document).encode();

      HttpResponse<byte[]> modern = raw("POST", null, GRAPHQL_RESPONSE, body);
      assertThat(modern.statusCode()).as(document + ": " + text(modern)).isEqualTo(400);
      JsonObject error = json(modern).getJsonArray("errors").getJsonObject(0);
      assertThat(code(error)).isEqualTo("validation-failed");
      assertThat(error.getString("message")).isNotBlank();
      assertThat(json(modern).containsKey("data")).isFalse();

      HttpResponse<byte[]> legacy = raw("POST", null, "application/json", body);
      assertThat(legacy.statusCode()).as(document).isEqualTo(200);
      assertThat(json(legacy)).isEqualTo(json(modern));
    }
    HttpResponse<byte[]> syntax =
        raw("POST", null, GRAPHQL_RESPONSE, new JsonObject().put("query", "{ user(").encode());
    assertThat(json(syntax).getJsonArray("errors").getJsonObject(0).getJsonArray("locations"))
        .isNotEmpty();
  }

  // ---- batching and limits ----

  @Test
  void ownersAndLikesOfAPageAreReadInOneBatchEach() throws Exception {
    Map<String, Double> before = graphqlMetrics();
    JsonObject feed =
        data(post(
                bob.token(),
                "{ feed(order: RECENT, first: 10) { edges { node { likedByMe"
                    + " owner { username followerCount } } } } }",
                null))
            .getJsonObject("feed");
    Map<String, Double> after = graphqlMetrics();

    assertThat(feed.getJsonArray("edges")).hasSize(4);
    assertThat(
            feed.getJsonArray("edges").stream()
                .map(
                    e ->
                        ((JsonObject) e)
                            .getJsonObject("node")
                            .getJsonObject("owner")
                            .getString("username")))
        .containsExactlyInAnyOrder(alice.name(), alice.name(), alice.name(), carol.name());
    // four photos, two owners: one multi-get of two accounts, one read of four likes
    assertThat(after.get("user_loads") - before.get("user_loads")).isEqualTo(1.0);
    assertThat(after.get("user_load_keys") - before.get("user_load_keys")).isEqualTo(2.0);
    assertThat(after.get("like_loads") - before.get("like_loads")).isEqualTo(1.0);
    assertThat(after.get("like_load_keys") - before.get("like_load_keys")).isEqualTo(4.0);
  }

  @Test
  void photosAskedForByIdAreReadInOneBatch() throws Exception {
    Map<String, Double> before = graphqlMetrics();
    JsonObject data =
        data(
            post(
                null,
                "query($a: ID!, $b: ID!, $c: ID!) { a: photo(id: $a) { title owner { username } }"
                    + " b: photo(id: $b) { title } c: photo(id: $c) { title } again: photo(id: $a) { title } }",
                new JsonObject().put("a", geoPhoto).put("b", marketPhoto).put("c", carolsPhoto)));
    Map<String, Double> after = graphqlMetrics();

    assertThat(data)
        .isEqualTo(
            new JsonObject()
                .put(
                    "a",
                    new JsonObject()
                        .put("title", word + " geo")
                        .put("owner", new JsonObject().put("username", alice.name())))
                .put("b", new JsonObject().put("title", word + " market"))
                .put("c", new JsonObject().put("title", word + " carol"))
                .put("again", new JsonObject().put("title", word + " geo")));
    // four fields, three photos: one batch of three keys, then one of the one owner asked for
    assertThat(after.get("photo_loads") - before.get("photo_loads")).isEqualTo(1.0);
    assertThat(after.get("photo_load_keys") - before.get("photo_load_keys")).isEqualTo(3.0);
    assertThat(after.get("user_loads") - before.get("user_loads")).isEqualTo(1.0);
    assertThat(after.get("user_load_keys") - before.get("user_load_keys")).isEqualTo(1.0);
  }

  @Test
  void aTooDeepOrTooLargeQueryIsRefusedBeforeItRuns() throws Exception {
    String level = "followers(first: 1) { edges { node { ";
    String close = " } } }";
    // 4 levels of followers: depth 14, allowed; 5: depth 17, refused
    String allowed =
        "{ user(username: \""
            + bob.name()
            + "\") { "
            + level.repeat(4)
            + "username"
            + close.repeat(4)
            + " } }";
    String deep =
        "{ user(username: \""
            + bob.name()
            + "\") { "
            + level.repeat(5)
            + "username"
            + close.repeat(5)
            + " } }";
    assertThat(post(null, allowed, null).statusCode()).isEqualTo(200);

    Map<String, Double> before = graphqlMetrics();
    HttpResponse<byte[]> tooDeep = post(null, deep, null);
    assertThat(tooDeep.statusCode()).as(text(tooDeep)).isEqualTo(400);
    assertThat(json(tooDeep).containsKey("data")).isFalse();
    JsonObject depthError = json(tooDeep).getJsonArray("errors").getJsonObject(0);
    assertThat(code(depthError)).isEqualTo("validation-failed");
    assertThat(depthError.getString("message")).contains("depth");

    // 1 + 100 × (… 1 + 100 × …): far beyond 5,000
    HttpResponse<byte[]> tooLarge =
        post(
            bob.token(),
            "{ feed(first: 100) { edges { node { owner { followers(first: 100) {"
                + " edges { node { username } } } } } } } }",
            null);
    assertThat(tooLarge.statusCode()).as(text(tooLarge)).isEqualTo(400);
    JsonObject complexityError = json(tooLarge).getJsonArray("errors").getJsonObject(0);
    assertThat(code(complexityError)).isEqualTo("validation-failed");
    assertThat(complexityError.getString("message")).contains("complexity");
    assertThat(graphqlMetrics()).as("nothing was loaded").isEqualTo(before);
  }

  // ---- roles ----

  @Test
  void aReadServerRunsQueriesOverGetAndAWriteServerEverythingOverPost(StackEndpoints stack)
      throws Exception {
    try (PicShareApi read =
            PicShareApi.start(StackConfigs.api(stack, Map.of("role", "read")))
                .await(60, TimeUnit.SECONDS);
        PicShareApi write =
            PicShareApi.start(StackConfigs.api(stack, Map.of("role", "write")))
                .await(60, TimeUnit.SECONDS)) {
      ApiClient reader = new ApiClient(read.port());
      ApiClient writer = new ApiClient(write.port());
      String query = "{ user(username: \"" + alice.name() + "\") { photoCount } }";
      JsonObject expected =
          new JsonObject()
              .put("data", new JsonObject().put("user", new JsonObject().put("photoCount", 3)));

      assertThat(
              json(
                  reader.get(
                      "/v1/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))))
          .isEqualTo(expected);
      assertThat(
              json(writer.postJson("/v1/graphql", new JsonObject().put("query", query).encode())))
          .isEqualTo(expected);

      HttpResponse<byte[]> postToReader =
          reader.postJson("/v1/graphql", new JsonObject().put("query", query).encode());
      assertThat(postToReader.statusCode()).isEqualTo(405);
      assertThat(code(json(postToReader).getJsonArray("errors").getJsonObject(0)))
          .isEqualTo("method-not-allowed");
      assertThat(postToReader.headers().firstValue("Allow")).hasValue("GET");
      HttpResponse<byte[]> getFromWriter =
          writer.get("/v1/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
      assertThat(getFromWriter.statusCode()).isEqualTo(405);
      assertThat(getFromWriter.headers().firstValue("Allow")).hasValue("POST");
      assertThat(code(json(getFromWriter).getJsonArray("errors").getJsonObject(0)))
          .isEqualTo("method-not-allowed");
    }
  }

  // ---- helpers ----

  private static User signUp(String prefix) throws Exception {
    String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<byte[]> created = client.postJson("/v1/users", ApiClient.credentials(name));
    assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
    return new User(name, json(created).getString("id"), client.logIn(name));
  }

  private static String upload(User user, byte[] photo, String title) throws Exception {
    HttpResponse<byte[]> response = client.upload(user.token(), photo, title);
    assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
    return json(response).getString("id");
  }

  private interface Ready {
    boolean test(JsonObject body);
  }

  /** Polls a REST resource (publishing the outbox meanwhile) until {@code ready} holds. */
  private static void awaitRest(String path, String token, Ready ready, String what)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    do {
      api.relayOutbox().await(10, TimeUnit.SECONDS);
      if (ready.test(restJson(path, token))) {
        return;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(what + " not ready within " + WAIT);
  }

  private static JsonObject restJson(String path, String token) throws Exception {
    HttpResponse<byte[]> response =
        token == null ? client.get(path) : client.get(path, "Authorization", "Bearer " + token);
    assertThat(response.statusCode()).as(path + ": " + text(response)).isEqualTo(200);
    return json(response);
  }

  private static HttpResponse<byte[]> post(String token, String query, JsonObject variables)
      throws Exception {
    JsonObject body = new JsonObject().put("query", query);
    if (variables != null) {
      body.put("variables", variables);
    }
    return post(token, body);
  }

  private static HttpResponse<byte[]> post(String token, JsonObject body) throws Exception {
    return raw("POST", token, GRAPHQL_RESPONSE, body.encode());
  }

  private static HttpResponse<byte[]> get(
      String token, String accept, String query, JsonObject variables) throws Exception {
    String path =
        "/v1/graphql?query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8)
            + (variables == null
                ? ""
                : "&variables=" + URLEncoder.encode(variables.encode(), StandardCharsets.UTF_8));
    HttpRequest.Builder request = client.request(path).GET().header("Accept", accept);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request);
  }

  /** A request to /v1/graphql; a null accept or token sends no such header. */
  static HttpResponse<byte[]> raw(String method, String token, String accept, String body)
      throws Exception {
    HttpRequest.Builder request =
        client
            .request("/v1/graphql")
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request);
  }

  /** The {@code data} of a response that must have succeeded: 200, the media type, no errors. */
  private static JsonObject data(HttpResponse<byte[]> response) {
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue(GRAPHQL_RESPONSE + "; charset=utf-8");
    JsonObject body = json(response);
    assertThat(body.getValue("errors")).as(text(response)).isNull();
    return body.getJsonObject("data");
  }

  private static String code(JsonObject error) {
    return error.getJsonObject("extensions").getString("code");
  }

  private static List<String> ids(JsonObject connection) {
    List<String> ids = new ArrayList<>();
    connection
        .getJsonArray("edges")
        .forEach(edge -> ids.add(((JsonObject) edge).getJsonObject("node").getString("id")));
    return ids;
  }

  private static JsonObject edgeNode(String username) {
    return new JsonObject().put("node", new JsonObject().put("username", username));
  }

  /** The {@code Photo} GraphQL must answer for a photo REST answered as {@code rest}. */
  private static JsonObject node(JsonObject rest) {
    JsonArray sizes = new JsonArray();
    JsonObject restSizes = rest.getJsonObject("sizes");
    for (String name : restSizes.fieldNames()) {
      JsonObject size = restSizes.getJsonObject(name);
      sizes.add(
          new JsonObject()
              .put("name", name)
              .put("width", size.getInteger("width"))
              .put("height", size.getInteger("height"))
              .put("url", size.getString("url")));
    }
    return new JsonObject()
        .put("id", rest.getString("id"))
        .put("title", rest.getString("title"))
        .put("contentType", rest.getString("content_type"))
        .put("size", rest.getInteger("size"))
        .put("width", rest.getInteger("width"))
        .put("height", rest.getInteger("height"))
        .put("orientation", rest.getInteger("orientation"))
        .put("location", rest.getJsonObject("location"))
        .put("createdAt", rest.getString("created_at"))
        .put("contentUrl", rest.getString("content_url"))
        .put("likeCount", rest.getInteger("like_count"))
        .put("likedByMe", rest.getBoolean("liked_by_me"))
        .put("sizes", sizes)
        .put("sizesState", rest.getString("sizes_state").toUpperCase())
        .put(
            "owner",
            new JsonObject()
                .put("id", rest.getString("owner_id"))
                .put("username", rest.getString("owner")));
  }

  private static final Pattern METRIC =
      Pattern.compile("^picshare_graphql_(\\w+?)_total\\{[^}]*\\} (\\S+)$", Pattern.MULTILINE);

  /** The GraphQL batch counters of {@code /metrics}: user_loads, user_load_keys, like_loads, … */
  private static Map<String, Double> graphqlMetrics() throws Exception {
    Map<String, Double> values = new java.util.TreeMap<>();
    Matcher matcher = METRIC.matcher(text(admin.get("/metrics")));
    while (matcher.find()) {
      values.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
    }
    assertThat(values)
        .containsOnlyKeys(
            "user_loads",
            "user_load_keys",
            "like_loads",
            "like_load_keys",
            "photo_loads",
            "photo_load_keys");
    return values;
  }
}
