package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.stack.RepositoryRoot;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.StackPorts;
import io.picshare.stack.junit.LocalStackExtension;
import java.awt.Color;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The web app in a real browser (Debian's chromium, driven by playwright-core from {@code
 * web-app/src/test/e2e/flows.mjs}) against split read and write servers and the workers on the real
 * stack: two people sign up, one follows the other, who uploads (with too-large and unsupported
 * files refused, and a title that is markup), the follower sees the photos in the feed, scrolls for
 * more, likes one, and the uploader hears of it live; search, profiles, lists, delete and log out;
 * phone and desktop screenshots. The page talks to the write server across origins, as a page
 * behind two services does; the headers of pages, assets and CORS answers are checked here.
 */
@ExtendWith(LocalStackExtension.class)
class WebAppIT {
  private static final int MAX_UPLOAD_BYTES = 1024 * 1024;
  private static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("PICSHARE_CHROMIUM", "/usr/bin/chromium"));
  private static final Path OUT = Path.of("target", "web-app-e2e");

  private static PicShareApi reader;
  private static PicShareApi writer;
  private static PicShareApi workers;
  private static String readOrigin;
  private static String writeOrigin;

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    StackPorts ports = StackPorts.ephemeral();
    readOrigin = "http://127.0.0.1:" + ports.api();
    writeOrigin = "http://127.0.0.1:" + ports.writeApi();
    Map<String, String> common =
        Map.of(
            "max-upload-bytes", Integer.toString(MAX_UPLOAD_BYTES),
            "feed-top-cache-seconds", "0",
            "admin-port", "0");
    writer =
        start(
            stack,
            common,
            Map.of(
                "role",
                "write",
                "http-port",
                Integer.toString(ports.writeApi()),
                "cors-allowed-origins",
                readOrigin));
    reader =
        start(
            stack,
            common,
            Map.of(
                "role",
                "read",
                "http-port",
                Integer.toString(ports.api()),
                "web-write-url",
                writeOrigin));
    workers = start(stack, common, Map.of("role", "workers", "http-port", "0"));
  }

  private static PicShareApi start(
      StackEndpoints stack, Map<String, String> common, Map<String, String> role) throws Exception {
    Map<String, String> values = new HashMap<>(common);
    values.putAll(role);
    return PicShareApi.start(StackConfigs.api(stack, values)).await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    for (PicShareApi api : new PicShareApi[] {workers, reader, writer}) {
      if (api != null) {
        api.close();
      }
    }
  }

  @Test
  void everyFlowWorksInARealBrowser() throws Exception {
    assertThat(Files.isExecutable(CHROMIUM))
        .as(
            "the browser tests need Debian's chromium at %s: apt-get install -y chromium"
                + " (./picshare test and .ci/run install it)",
            CHROMIUM)
        .isTrue();
    Path webApp = RepositoryRoot.find().resolve("web-app");
    assertThat(webApp.resolve("node_modules/playwright-core/package.json"))
        .as("web-app's npm packages are installed by its build (mvn package runs npm ci)")
        .exists();
    Path files = Files.createDirectories(OUT.resolve("files"));
    Files.write(
        files.resolve("lisbon.jpg"),
        TestPhotos.jpeg(1200, 800, 1, new Color(255, 170, 60), new Color(120, 40, 140)));
    Files.write(files.resolve("markup.jpg"), TestPhotos.jpeg(640, 480, 4));
    Color[][] shades = {
      {new Color(40, 180, 170), new Color(10, 40, 110)},
      {new Color(250, 220, 90), new Color(220, 60, 80)},
      {new Color(140, 220, 120), new Color(20, 90, 60)},
      {new Color(200, 200, 255), new Color(90, 60, 200)}
    };
    for (int i = 0; i < shades.length; i++) {
      Files.write(
          files.resolve("extra-" + i + ".jpg"),
          TestPhotos.jpeg(400, 300, 10 + i, shades[i][0], shades[i][1]));
    }
    byte[] tooLarge = TestPhotos.noisePng(700, 700, 3);
    assertThat(tooLarge.length).isGreaterThan(MAX_UPLOAD_BYTES);
    Files.write(files.resolve("huge.png"), tooLarge);
    Files.writeString(files.resolve("notes.jpg"), "not a photo, whatever its name says");
    Files.write(files.resolve("broken.jpg"), TestPhotos.truncated(TestPhotos.jpeg(400, 300, 5)));

    List<String> command =
        List.of("node", webApp.resolve("src/test/e2e/flows.mjs").toAbsolutePath().toString());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).directory(webApp.toFile());
    builder
        .environment()
        .putAll(
            Map.of(
                "PICSHARE_URL", readOrigin,
                "PICSHARE_WRITE_URL", writeOrigin,
                "PICSHARE_CHROMIUM", CHROMIUM.toString(),
                "PICSHARE_FILES", files.toAbsolutePath().toString(),
                "PICSHARE_SCREENSHOTS",
                    Files.createDirectories(OUT.resolve("screenshots")).toAbsolutePath().toString(),
                "PICSHARE_RUN", UUID.randomUUID().toString().substring(0, 6).replace("-", "")));
    Process node;
    try {
      node = builder.start();
    } catch (IOException e) {
      throw new AssertionError("the browser tests need Node.js 20+ (node) on the PATH", e);
    }
    List<String> output = new ArrayList<>();
    try (var lines = node.inputReader(StandardCharsets.UTF_8)) {
      lines
          .lines()
          .forEach(
              line -> {
                System.out.println("[e2e] " + line);
                output.add(line);
              });
    }
    assertThat(node.waitFor(3, TimeUnit.MINUTES)).as("the browser tests finish").isTrue();
    assertThat(node.exitValue())
        .as("the browser tests pass:%n%s", String.join("\n", output))
        .isZero();
  }

  @Test
  void pagesAndAssetsCarryTheirSecurityAndCachingHeaders() throws Exception {
    ApiClient read = new ApiClient(reader.port());
    HttpResponse<byte[]> page = read.get("/photos/anything");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp)
        .contains("default-src 'none'", "script-src 'self';", "style-src 'self';")
        .contains("connect-src 'self' " + writeOrigin + ";", "frame-ancestors 'none'")
        .contains("require-trusted-types-for 'script'")
        .doesNotContain("unsafe");
    String html = new String(page.body(), StandardCharsets.UTF_8);
    assertThat(html)
        .contains("<meta name=\"picshare-write-url\" content=\"" + writeOrigin + "\">")
        .contains("content=\"" + MAX_UPLOAD_BYTES + "\"")
        .doesNotContain("{{")
        .doesNotContain("<script>")
        .doesNotContain("style=");

    Matcher asset = Pattern.compile("src=\"(/assets/app-[A-Z0-9]+\\.js)\"").matcher(html);
    assertThat(asset.find()).as(html).isTrue();
    HttpResponse<byte[]> script = read.get(asset.group(1), "Accept-Encoding", "gzip");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(script.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(script.headers().firstValue("Content-Security-Policy")).hasValue(csp);
    String etag = script.headers().firstValue("ETag").orElseThrow();
    assertThat(read.get(asset.group(1), "If-None-Match", etag).statusCode()).isEqualTo(304);
    assertThat(read.get(asset.group(1)).headers().firstValue("Content-Encoding")).isEmpty();

    HttpResponse<byte[]> missing = read.get("/assets/app-NOSUCHFILE.js");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).getString("code")).isEqualTo("not-found");
    assertThat(new ApiClient(writer.port()).get("/").statusCode())
        .as("write servers serve no pages")
        .isEqualTo(404);
  }

  @Test
  void theWriteServerLetsOnlyTheWebAppsOriginWriteAcrossOrigins() throws Exception {
    ApiClient write = new ApiClient(writer.port());
    HttpResponse<byte[]> allowed = preflight(write, readOrigin, "POST");
    assertThat(allowed.statusCode()).isEqualTo(204);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(readOrigin);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .contains("Authorization", "Idempotency-Key", "Content-Type");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
        .contains("POST", "PUT", "DELETE");

    HttpResponse<byte[]> elsewhere = preflight(write, "https://evil.example", "POST");
    assertThat(elsewhere.statusCode()).isEqualTo(403);
    assertThat(json(elsewhere).getString("code")).isEqualTo("forbidden");
    assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    HttpResponse<byte[]> refused =
        write.send(
            write
                .request("/v1/sessions")
                .header("Origin", readOrigin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"x\"}")));
    assertThat(refused.statusCode()).as(text(refused)).isEqualTo(400);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin"))
        .as("the page can read the error document")
        .hasValue(readOrigin);
    assertThat(refused.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
        .contains("Retry-After", "Location");
  }

  private static HttpResponse<byte[]> preflight(ApiClient client, String origin, String method)
      throws Exception {
    return client.send(
        client
            .request("/v1/photos")
            .header("Origin", origin)
            .header("Access-Control-Request-Method", method)
            .header("Access-Control-Request-Headers", "authorization, idempotency-key")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
  }
}
