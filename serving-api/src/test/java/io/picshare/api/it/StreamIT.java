package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.picshare.api.PicShareApi;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Live notifications on the real stack: follows, likes and followees' uploads pushed over {@code
 * /v1/stream} from Kafka events, to every stream of the user concerned and to nobody else; the
 * token in the header or as a subprotocol; refusals before the upgrade as problem+json.
 */
@ExtendWith(LocalStackExtension.class)
class StreamIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static PicShareApi api;
  private static ApiClient client;

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    api =
        PicShareApi.start(StackConfigs.api(stack, Map.of("stream-max-connections-per-user", "2")))
            .await(60, TimeUnit.SECONDS);
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

  private static LiveStream withHeader(User user) {
    return LiveStream.open(
        api.port(), HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + user.token()));
  }

  private static LiveStream withSubprotocol(User user) {
    return LiveStream.open(
        api.port(),
        HTTP.newWebSocketBuilder().subprotocols("picshare.v1", "bearer." + user.token()));
  }

  @Test
  void followsLikesAndFolloweesUploadsReachTheirUsersLive() throws Exception {
    User ann = signUp("ann");
    User bob = signUp("bob");
    User cat = signUp("cat");
    assertThat(client.put("/v1/me/following/" + ann.name(), bob.token()).statusCode())
        .isEqualTo(204);
    // that follow's notification goes out before ann connects: she must not get it
    api.relayOutbox().await(30, TimeUnit.SECONDS);
    Thread.sleep(1_000);
    LiveStream annStream = withHeader(ann).ready();
    LiveStream annSecond = withSubprotocol(ann).ready();
    LiveStream bobStream = withSubprotocol(bob).ready();
    assertThat(bobStream.socket().getSubprotocol()).isEqualTo("picshare.v1");
    LiveStream catStream = withHeader(cat).ready();

    assertThat(client.put("/v1/me/following/" + ann.name(), cat.token()).statusCode())
        .isEqualTo(204);
    for (LiveStream stream : List.of(annStream, annSecond)) {
      JsonObject followed = stream.next();
      assertThat(followed.getString("type")).isEqualTo("user-followed");
      assertThat(followed.getJsonObject("actor").getString("username")).isEqualTo(cat.name());
      assertThat(followed.getString("text")).isEqualTo(cat.name() + " followed you");
    }

    HttpResponse<byte[]> upload =
        client.upload(ann.token(), TestPhotos.jpeg(40, 30, 21), "Live from the harbour");
    assertThat(upload.statusCode()).as(text(upload)).isEqualTo(201);
    String photoId = json(upload).getString("id");
    for (LiveStream follower : List.of(bobStream, catStream)) {
      JsonObject uploaded = follower.next();
      assertThat(uploaded.getString("type")).isEqualTo("photo-uploaded");
      assertThat(uploaded.getJsonObject("actor").getString("username")).isEqualTo(ann.name());
      assertThat(uploaded.getJsonObject("photo").getString("id")).isEqualTo(photoId);
      assertThat(uploaded.getJsonObject("photo").getString("title"))
          .isEqualTo("Live from the harbour");
      assertThat(uploaded.getString("text")).isEqualTo("new photo from " + ann.name());
    }

    assertThat(client.put("/v1/photos/" + photoId + "/like", bob.token()).statusCode())
        .isEqualTo(204);
    assertThat(client.put("/v1/photos/" + photoId + "/like", ann.token()).statusCode())
        .as("liking one's own photo notifies nobody")
        .isEqualTo(204);
    JsonObject liked = annStream.next();
    assertThat(liked.getString("type")).isEqualTo("photo-liked");
    assertThat(liked.getJsonObject("actor").getString("username")).isEqualTo(bob.name());
    assertThat(liked.getJsonObject("photo").getString("id")).isEqualTo(photoId);
    assertThat(annSecond.next().getString("type")).isEqualTo("photo-liked");

    // each stream got exactly its own: nothing else is waiting after the last delivery
    Thread.sleep(1_000);
    assertThat(annStream.messages()).isEmpty();
    assertThat(bobStream.messages()).isEmpty();
    assertThat(catStream.messages()).isEmpty();
    for (LiveStream stream : List.of(annStream, annSecond, bobStream, catStream)) {
      stream.socket().sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
  }

  @Test
  void streamsAreRefusedBeforeTheUpgradeWithoutAValidTokenOrBeyondTheLimit() throws Exception {
    assertThat(handshakeStatus(HTTP.newWebSocketBuilder())).isEqualTo(401);
    assertThat(handshakeStatus(HTTP.newWebSocketBuilder().header("Authorization", "Bearer nope")))
        .isEqualTo(401);
    assertThat(handshakeStatus(HTTP.newWebSocketBuilder().subprotocols("picshare.v1", "bearer.x")))
        .isEqualTo(401);

    User dan = signUp("dan");
    List<LiveStream> open = new ArrayList<>();
    open.add(withHeader(dan).ready());
    open.add(withHeader(dan).ready());
    assertThat(
            handshakeStatus(
                HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + dan.token())))
        .as("a third stream of the same user")
        .isEqualTo(429);
    open.get(0).socket().sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    LiveStream again = null;
    while (again == null && System.nanoTime() < deadline) {
      try {
        again = withHeader(dan).ready();
      } catch (CompletionException e) {
        Thread.sleep(100); // the server has not seen the close yet
      }
    }
    assertThat(again).as("a closed stream frees its place").isNotNull();
  }

  private static URI streamUri() {
    return URI.create("ws://127.0.0.1:" + api.port() + "/v1/stream");
  }

  private static int handshakeStatus(WebSocket.Builder builder) {
    Throwable failure =
        catchThrowable(() -> builder.buildAsync(streamUri(), new WebSocket.Listener() {}).join());
    assertThat(failure)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(WebSocketHandshakeException.class);
    return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
  }
}
