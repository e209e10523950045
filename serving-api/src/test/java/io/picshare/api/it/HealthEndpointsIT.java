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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API's health endpoints, served against the real local stack. */
@ExtendWith(LocalStackExtension.class)
class HealthEndpointsIT {
  private static PicShareApi api;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    api = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void liveAnswersWhileTheProcessRuns() throws Exception {
    HttpResponse<String> response = get("/health/live");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getString("status")).isEqualTo("UP");
  }

  @Test
  void readyReportsEveryBackendUp() throws Exception {
    HttpResponse<String> response = get("/health/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("status")).isEqualTo("UP");
    JsonObject components = body.getJsonObject("components");
    assertThat(components.fieldNames()).containsExactlyInAnyOrder("hdfs", "hbase", "kafka", "solr");
    components.forEach(entry ->
        assertThat(((JsonObject) entry.getValue()).getString("status")).as(entry.getKey()).isEqualTo("UP"));
    assertThat(components.getJsonObject("hdfs").getJsonObject("detail").getInteger("liveDataNodes")).isEqualTo(3);
  }

  @Test
  void metricsCountRequestsInPrometheusFormat() throws Exception {
    get("/health/live");
    get("/no/such/thing");

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(response.body())
        .containsPattern("picshare_http_requests_seconds_count\\{method=\"GET\",role=\"all\",status=\"200\"} [1-9]")
        .containsPattern("picshare_http_requests_seconds_count\\{method=\"GET\",role=\"all\",status=\"404\"} [1-9]")
        .contains("jvm_memory_used_bytes", "picshare_events_published_total");
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
