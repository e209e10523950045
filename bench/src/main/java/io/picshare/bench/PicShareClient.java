package io.picshare.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The PicShare API calls the benchmarks make, over one HTTP/1.1 {@link HttpClient}. Every call is
 * asynchronous; a transport failure (refused, reset, timed out) completes the future exceptionally,
 * while any HTTP status, error or not, completes it with a {@link Reply}.
 */
public final class PicShareClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI api;
  private final Duration requestTimeout;
  private final HttpClient http;

  public PicShareClient(URI api, Duration requestTimeout) {
    this.api = requireNonNull(api, "api is null");
    this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public URI api() {
    return api;
  }

  public CompletableFuture<Reply> health() {
    return send(request("/health/ready").timeout(Duration.ofSeconds(10)).GET(), textBodies());
  }

  /** {@code POST /v1/users}; {@code 201} on success. */
  public CompletableFuture<Reply> signUp(String username, String password) {
    return postJson("/v1/users", Map.of("username", username, "password", password));
  }

  /** {@code POST /v1/sessions}; {@code 201} with {@code token} on success. */
  public CompletableFuture<Reply> logIn(String username, String password) {
    return postJson("/v1/sessions", Map.of("username", username, "password", password));
  }

  /** {@code POST /v1/photos}; {@code 201} with the Photo as text on success. */
  public CompletableFuture<Reply> uploadPhoto(String token, MultipartBody body) {
    return send(
        request("/v1/photos")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", body.contentType())
            .POST(body.publisher()),
        textBodies());
  }

  /**
   * {@code GET /v1/photos/{id}/content?size=original} as the owner (the original bytes); a {@code
   * 2xx} body is counted, not kept.
   */
  public CompletableFuture<Reply> photoContent(String photoId, String ownerToken) {
    return send(
        request("/v1/photos/" + photoId + "/content?size=original")
            .header("Authorization", "Bearer " + ownerToken)
            .GET(),
        countedBodies());
  }

  /** {@code GET /v1/photos/{id}}; a {@code 2xx} body is counted, not kept. */
  public CompletableFuture<Reply> photoMetadata(String photoId) {
    return send(request("/v1/photos/" + photoId).GET(), countedBodies());
  }

  /** {@code GET /v1/feed?order=…&limit=…} as {@code token}; a {@code 2xx} body is counted. */
  public CompletableFuture<Reply> feed(String token, String order, int limit) {
    return send(feedRequest(token, order, limit), countedBodies());
  }

  /** The same request, with the body kept as text (to look into the page). */
  public CompletableFuture<Reply> feedPage(String token, String order, int limit) {
    return send(feedRequest(token, order, limit), textBodies());
  }

  /** {@code GET /v1/search/photos?q=…&limit=…} (anonymous), the body kept as text. */
  public CompletableFuture<Reply> searchPhotos(String words, int limit) {
    return send(
        request("/v1/search/photos?q=" + URLEncoder.encode(words, UTF_8) + "&limit=" + limit).GET(),
        textBodies());
  }

  /** {@code PUT /v1/me/following/{username}} as {@code token}; {@code 204} on success. */
  public CompletableFuture<Reply> follow(String token, String username) {
    return send(
        request("/v1/me/following/" + username)
            .header("Authorization", "Bearer " + token)
            .PUT(BodyPublishers.noBody()),
        textBodies());
  }

  private HttpRequest.Builder feedRequest(String token, String order, int limit) {
    return request("/v1/feed?order=" + order + "&limit=" + limit)
        .header("Authorization", "Bearer " + token)
        .GET();
  }

  private CompletableFuture<Reply> postJson(String path, Object body) {
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(e);
    }
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofByteArray(json)),
        textBodies());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(api.resolve(path)).timeout(requestTimeout);
  }

  private CompletableFuture<Reply> send(HttpRequest.Builder request, BodyHandler<Body> bodies) {
    return http.sendAsync(request.build(), bodies).thenApply(PicShareClient::toReply);
  }

  private static Reply toReply(HttpResponse<Body> response) {
    Body body = response.body();
    return new Reply(response.statusCode(), body.bytes(), body.text(), response.headers());
  }

  private static BodyHandler<Body> textBodies() {
    return info ->
        BodySubscribers.mapping(
            BodySubscribers.ofByteArray(),
            bytes -> new Body(bytes.length, new String(bytes, UTF_8)));
  }

  private static BodyHandler<Body> countedBodies() {
    return info ->
        info.statusCode() / 100 == 2 ? new CountingSubscriber() : textBodies().apply(info);
  }

  private record Body(long bytes, String text) {}

  /** Counts a body's bytes as they arrive and drops them, so large downloads cost no copies. */
  private static final class CountingSubscriber implements BodySubscriber<Body> {
    private final CompletableFuture<Body> body = new CompletableFuture<>();
    private long bytes;

    @Override
    public CompletionStage<Body> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        bytes += buffer.remaining();
      }
    }

    @Override
    public void onError(Throwable failure) {
      body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      body.complete(new Body(bytes, ""));
    }
  }
}
