package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API's health endpoints and metrics, served against the real local stack: status only on the
 * public port, detail and metrics on the admin port.
 */
@ExtendWith(LocalStackExtension.class)
class HealthEndpointsIT {
  private static PicShareApi api;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    api = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return get(api.port(), path);
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void liveAnswersWhileTheProcessRuns() throws Exception {
    HttpResponse<String> response = get("/health/live");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getString("status")).isEqualTo("UP");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void publicReadinessIsTheStatusAlone() throws Exception {
    HttpResponse<String> response = get("/health/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(new JsonObject(response.body())).isEqualTo(new JsonObject().put("status", "UP"));
  }

  @Test
  void adminReadinessReportsEveryBackendUp() throws Exception {
    HttpResponse<String> response = get(api.adminPort(), "/health/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("status")).isEqualTo("UP");
    JsonObject components = body.getJsonObject("components");
    assertThat(components.fieldNames()).containsExactlyInAnyOrder("hdfs", "hbase", "kafka", "solr");
    components.forEach(
        entry ->
            assertThat(((JsonObject) entry.getValue()).getString("status"))
                .as(entry.getKey())
                .isEqualTo("UP"));
    assertThat(components.getJsonObject("hdfs").getJsonObject("detail").getInteger("liveDataNodes"))
        .isEqualTo(3);
  }

  @Test
  void metricsAreOnTheAdminPortOnly() throws Exception {
    get("/health/live");
    get("/no/such/thing");

    HttpResponse<String> response = get(api.adminPort(), "/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain");
    assertThat(response.body())
        .containsPattern(
            "picshare_http_requests_seconds_count\\{method=\"GET\",role=\"all\",status=\"200\"} [1-9]")
        .containsPattern(
            "picshare_http_requests_seconds_count\\{method=\"GET\",role=\"all\",status=\"404\"} [1-9]")
        .contains(
            "jvm_memory_used_bytes",
            "picshare_events_published_total",
            "picshare_upload_bytes_in_flight",
            "picshare_http_connections_refused_total");
    assertThat(get("/metrics").statusCode()).isEqualTo(404);
  }

  @Test
  void anInventedMethodIsLabelledOther() throws Exception {
    HttpResponse<String> invented =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/"))
                .method("FOO", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(invented.statusCode()).isBetween(400, 499);

    String metrics = get(api.adminPort(), "/metrics").body();

    assertThat(metrics)
        .containsPattern(
            "picshare_http_requests_seconds_count\\{method=\"other\",role=\"all\",status=\""
                + invented.statusCode()
                + "\"} [1-9]");
    assertThat(metrics).doesNotContain("method=\"FOO\"");
  }

  @Test
  void manyConcurrentProbesAskTheBackendsAboutOncePerSecond() throws Exception {
    long before = readinessChecks();
    long started = System.nanoTime();
    for (int round = 0; round < 10; round++) {
      List<CompletableFuture<HttpResponse<String>>> probes = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int port = i % 2 == 0 ? api.port() : api.adminPort();
        probes.add(
            HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      for (CompletableFuture<HttpResponse<String>> probe : probes) {
        assertThat(probe.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      Thread.sleep(200);
    }
    double seconds = (System.nanoTime() - started) / 1e9;

    long checks = readinessChecks() - before;

    // 200 probes over `seconds`: one check per started second, plus one for the window's edges
    assertThat(checks)
        .as("checks for 200 probes in %.1f s", seconds)
        .isBetween(1L, (long) Math.ceil(seconds) + 1);
  }

  private static long readinessChecks() throws Exception {
    Matcher matcher =
        Pattern.compile("picshare_readiness_checks_total\\{role=\"all\"} ([0-9.]+)")
            .matcher(get(api.adminPort(), "/metrics").body());
    assertThat(matcher.find()).isTrue();
    return (long) Double.parseDouble(matcher.group(1));
  }

  @Test
  void unknownPathIsAProblemDocument() throws Exception {
    HttpResponse<String> response = get("/no/such/thing");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getInteger("status")).isEqualTo(404);
    assertThat(problem.getString("title")).isEqualTo("Not Found");
  }
}
