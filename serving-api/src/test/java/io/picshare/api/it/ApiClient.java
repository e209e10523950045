package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A client that knows only the documented HTTP API, as an app would. */
final class ApiClient {
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = request(path).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  HttpResponse<byte[]> postJson(String path, String body) throws Exception {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<byte[]> delete(String path, String token) throws Exception {
    return send(authorized(path, token).DELETE());
  }

  /** A bodiless PUT (follow, like), with a bearer token unless {@code token} is null. */
  HttpResponse<byte[]> put(String path, String token) throws Exception {
    return send(authorized(path, token).PUT(HttpRequest.BodyPublishers.noBody()));
  }

  private HttpRequest.Builder authorized(String path, String token) {
    HttpRequest.Builder request = request(path);
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  /** Signs up a fresh user and logs in; returns the bearer token. */
  String newUserToken(String usernamePrefix) throws Exception {
    String username = usernamePrefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    signUp(username);
    return logIn(username);
  }

  /**
   * Signs {@code username} up, retrying as a client should while the server answers {@code 503}
   * (e.g. its id lease is being renewed on a loaded machine), after the {@code Retry-After} it
   * gives. A {@code 409} after a {@code 503} is the account an earlier attempt made.
   */
  void signUp(String username) throws Exception {
    HttpResponse<byte[]> response = postJson("/v1/users", credentials(username));
    for (int attempt = 1; response.statusCode() == 503 && attempt < 10; attempt++) {
      Thread.sleep(1000L * response.headers().firstValueAsLong("Retry-After").orElse(1));
      response = postJson("/v1/users", credentials(username));
      if (response.statusCode() == 409) {
        return;
      }
    }
    assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
  }

  String logIn(String username) throws Exception {
    HttpResponse<byte[]> session = postJson("/v1/sessions", credentials(username));
    assertThat(session.statusCode()).as(text(session)).isEqualTo(201);
    return json(session).getString("token");
  }

  static String credentials(String username) {
    return new JsonObject()
        .put("username", username)
        .put("password", "correct horse battery staple")
        .encode();
  }

  /** {@code POST /v1/photos} with the given multipart parts (a null value omits the part). */
  HttpResponse<byte[]> upload(String token, byte[] file, String title, Map<String, String> headers)
      throws Exception {
    return send(uploadRequest(token, file, title, headers));
  }

  /**
   * The request {@link #upload(String, byte[], String, Map)} sends, for callers that add to it (a
   * timeout).
   */
  HttpRequest.Builder uploadRequest(
      String token, byte[] file, String title, Map<String, String> headers) {
    String boundary = "----picshare" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (title != null) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
                  + title
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    if (file != null) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\n"
                  + "Content-Type: image/jpeg\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(file);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request =
        request("/v1/photos")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    return request;
  }

  HttpResponse<byte[]> upload(String token, byte[] file, String title) throws Exception {
    return upload(token, file, title, Map.of());
  }

  /**
   * Every photo id of {@code username}'s listing, newest first, following {@code next_cursor} page
   * by page.
   */
  List<String> photoIds(String username) throws Exception {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      HttpResponse<byte[]> page =
          get(
              "/v1/users/"
                  + username
                  + "/photos?limit=100"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.statusCode()).as(text(page)).isEqualTo(200);
      JsonObject body = json(page);
      body.getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getString("id")));
      cursor = body.getString("next_cursor");
    } while (cursor != null);
    return ids;
  }

  /** The titles of a page of photos, in order. */
  static List<String> titles(JsonObject page) {
    List<String> titles = new ArrayList<>();
    page.getJsonArray("items").forEach(p -> titles.add(((JsonObject) p).getString("title")));
    return titles;
  }

  static JsonObject json(HttpResponse<byte[]> response) {
    return new JsonObject(text(response));
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
