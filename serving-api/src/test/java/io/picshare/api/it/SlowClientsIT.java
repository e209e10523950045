package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.api.PicShareApi;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that are slow, idle or greedy cannot hold the server: slow heads and idle connections are
 * closed, slow bodies and slow answers time out, refused bodies are not read to their end, and
 * uploads beyond the bytes in flight wait their turn. Short limits make it quick to see.
 */
@ExtendWith(LocalStackExtension.class)
class SlowClientsIT {
  private static final int MAX_CONNECTIONS = 20;
  private static final int MAX_UPLOAD_BYTES = 1024 * 1024;
  private static final int UPLOAD_BYTES_IN_FLIGHT = 1_300_000;

  private static PicShareApi api;
  private static PicShareApi helper;
  private static String token;

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    api =
        PicShareApi.start(
                StackConfigs.api(
                    stack,
                    Map.of(
                        "max-connections", Integer.toString(MAX_CONNECTIONS),
                        "header-timeout-seconds", "1",
                        "body-timeout-seconds", "5",
                        "request-timeout-seconds", "1",
                        "upload-timeout-seconds", "3",
                        "idle-timeout-seconds", "10",
                        "max-upload-bytes", Integer.toString(MAX_UPLOAD_BYTES),
                        "max-upload-bytes-in-flight", Integer.toString(UPLOAD_BYTES_IN_FLIGHT))))
            .await(60, TimeUnit.SECONDS);
    // signs up with the default (longer) deadline; tokens are valid on every instance
    helper = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
    token = new ApiClient(helper.port()).newUserToken("slow");
  }

  @AfterAll
  static void stop() throws Exception {
    helper.close();
    api.close();
  }

  @Test
  void aRequestHeadSentByteByByteIsCutOff() throws Exception {
    try (RawHttp slowloris = new RawHttp(api.port())) {
      slowloris.send("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      long started = System.nanoTime();
      boolean closed = false;
      while (!closed && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(6)) {
        closed =
            !slowloris.accepts("X".getBytes(StandardCharsets.US_ASCII))
                || slowloris.closedByServerWithin(Duration.ofMillis(200));
      }
      double seconds = (System.nanoTime() - started) / 1e9;

      assertThat(closed).as("closed by the server").isTrue();
      assertThat(seconds).isBetween(0.8, 3.0);
    }
  }

  @Test
  void idleConnectionsAreReapedSoNewClientsGetIn() throws Exception {
    List<RawHttp> idle = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_CONNECTIONS + 5; i++) {
        idle.add(new RawHttp(api.port()));
      }
      Thread.sleep(200);
      assertThatThrownBy(() -> freshGet("/health/live"))
          .as("every slot is held")
          .isInstanceOf(IOException.class);

      for (RawHttp connection : idle) {
        assertThat(connection.closedByServerWithin(Duration.ofSeconds(3))).isTrue();
      }

      assertThat(freshGet("/health/live").statusCode()).isEqualTo(200);
    } finally {
      for (RawHttp connection : idle) {
        connection.close();
      }
    }
  }

  @Test
  void aRequestNotAnsweredInTimeIs503WithRetryAfter() throws Exception {
    try (RawHttp client = new RawHttp(api.port())) {
      // the body never completes: the 1 s deadline comes before the 5 s body timeout
      client
          .send(
              RawHttp.head(
                  "POST",
                  "/v1/sessions",
                  "Content-Type",
                  "application/json",
                  "Content-Length",
                  "50"))
          .send("{\"use");
      long started = System.nanoTime();

      HttpResponse<byte[]> response = client.readResponse();

      assertThat((System.nanoTime() - started) / 1e9).isBetween(0.8, 3.0);
      assertThat(response.statusCode()).as(text(response)).isEqualTo(503);
      assertThat(json(response).getString("code")).isEqualTo("service-unavailable");
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
      assertThat(response.headers().firstValue("Connection")).hasValue("close");
      assertThat(client.closedByServerWithin(Duration.ofSeconds(3))).isTrue();
    }
  }

  @Test
  void uploadsHaveTheirOwnLongerDeadline() throws Exception {
    byte[] upload = multipart(TestPhotos.jpeg(200, 150, 3), "slow but in time");
    try (RawHttp client = new RawHttp(api.port())) {
      client.send(uploadHead(upload.length));
      // about 1.6 s of body: past the 1 s request deadline, within the 3 s upload deadline
      client.sendSlowly(upload, 8, Duration.ofMillis(200));

      HttpResponse<byte[]> response = client.readResponse();

      assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
    }
    try (RawHttp client = new RawHttp(api.port())) {
      client.send(uploadHead(upload.length));
      client.sendSlowly(upload, 20, Duration.ofMillis(250));
      long started = System.nanoTime();

      HttpResponse<byte[]> response = client.readResponse();

      assertThat((System.nanoTime() - started) / 1e9).isBetween(2.5, 4.5);
      assertThat(response.statusCode()).as(text(response)).isEqualTo(503);
      assertThat(json(response).getString("code")).isEqualTo("service-unavailable");
    }
  }

  @Test
  void aRefusedBodyIsNotReadToItsEnd() throws Exception {
    int declared = 1_000_000;
    try (RawHttp client = new RawHttp(api.port())) {
      // no token: refused with 401 before the body is read; the body keeps coming
      client.send(
          RawHttp.head(
              "POST",
              "/v1/photos",
              "Content-Type",
              "multipart/form-data; boundary=x",
              "Content-Length",
              Integer.toString(declared)));
      client.sendSlowly(new byte[declared], 100, Duration.ofMillis(20));

      HttpResponse<byte[]> response = client.readResponse();

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("Connection")).hasValue("close");
      assertThat(client.closedByServerWithin(Duration.ofSeconds(3)))
          .as("closed, not drained for 2 s")
          .isTrue();
    }
  }

  @Test
  void uploadsBeyondTheBytesInFlightWaitTheirTurn() throws Exception {
    ApiClient client = new ApiClient(api.port());
    byte[] photo = TestPhotos.jpeg(1200, 900, 5);
    assertThat(photo.length).isGreaterThan(UPLOAD_BYTES_IN_FLIGHT - 1_100_000);
    HttpResponse<byte[]> refused;
    try (RawHttp held = new RawHttp(api.port())) {
      held.send(uploadHead(1_100_000)).send("--held\r\n");
      Thread.sleep(200);

      refused = client.upload(token, photo, "no room");
    }
    assertThat(refused.statusCode()).as(text(refused)).isEqualTo(503);
    assertThat(json(refused).getString("code")).isEqualTo("service-unavailable");
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");

    Thread.sleep(500);
    HttpResponse<byte[]> admitted = client.upload(token, photo, "room again");
    assertThat(admitted.statusCode()).as(text(admitted)).isEqualTo(201);
  }

  @Test
  void anUploadThatAsksToContinueIsRefusedBeforeItSendsItsBody() throws Exception {
    try (RawHttp client = new RawHttp(api.port())) {
      client.send(
          RawHttp.head(
              "POST",
              "/v1/photos",
              "Content-Type",
              "multipart/form-data; boundary=" + BOUNDARY,
              "Content-Length",
              "500000",
              "Expect",
              "100-continue"));
      assertThat(client.readResponse().statusCode()).as("no token").isEqualTo(401);
    }
    byte[] upload = multipart(TestPhotos.jpeg(200, 150, 4), "asked first");
    try (RawHttp client = new RawHttp(api.port())) {
      client.send(uploadHead(upload.length, "Expect", "100-continue"));
      assertThat(client.readResponse().statusCode()).isEqualTo(100);

      client.send(upload);

      HttpResponse<byte[]> response = client.readResponse();
      assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
    }
  }

  private static String uploadHead(int contentLength, String... moreHeaders) {
    List<String> headers =
        new ArrayList<>(
            List.of(
                "Authorization",
                "Bearer " + token,
                "Content-Type",
                "multipart/form-data; boundary=" + BOUNDARY,
                "Content-Length",
                Integer.toString(contentLength)));
    headers.addAll(List.of(moreHeaders));
    return RawHttp.head("POST", "/v1/photos", headers.toArray(String[]::new));
  }

  private static final String BOUNDARY = "slowclients";

  private static byte[] multipart(byte[] file, String title) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
                + title
                + "\r\n"
                + "--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  /** A GET on a new connection, so no pooled connection hides what the server does. */
  private static HttpResponse<byte[]> freshGet(String path) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
            .timeout(Duration.ofSeconds(3))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
