package io.picshare.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.config.ApiConfig;
import io.picshare.api.health.ReadinessService;
import io.picshare.api.metrics.ApiMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document describes exactly the routes the router has, no more, no fewer. */
class OpenApiDocumentTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void documentsEveryRouteAndNothingElse() throws Exception {
    ApiConfig config = ApiConfig.defaults();
    Router router =
        ApiRouter.create(
            vertx,
            config,
            new ApiRouter.Services(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new ReadinessService(
                    List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC()),
                new ApiMetrics("all"),
                WebAppBundle.load()),
            EdgeLimits.create(vertx, config));

    Set<String> routed = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      if (route.getPath() == null || route.methods() == null || webApp(route.getPath())) {
        continue;
      }
      String path = route.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
      for (HttpMethod method : route.methods()) {
        routed.add(method.name() + " " + path);
      }
    }

    assertThat(documented()).isEqualTo(routed);
  }

  /** The web app's pages and assets (WebAppRoutes) are not the API. */
  private static boolean webApp(String path) {
    return WebAppRoutes.PAGES.contains(path) || path.startsWith("/assets/");
  }

  private static Set<String> documented() throws Exception {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.json")) {
      JsonObject paths =
          new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8))
              .getJsonObject("paths");
      Set<String> operations = new TreeSet<>();
      for (String path : paths.fieldNames()) {
        for (String method : paths.getJsonObject(path).fieldNames()) {
          if (Set.of("get", "post", "put", "patch", "delete", "head", "options").contains(method)) {
            operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
          }
        }
      }
      return operations;
    }
  }
}
