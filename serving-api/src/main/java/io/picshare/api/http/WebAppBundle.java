package io.picshare.api.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The built web app (module {@code web-app}: {@code webapp/} on the classpath), held in memory: its
 * page template and its content-hashed assets, each with a strong ETag and, for text, a gzip copy
 * made once at start. A server without the bundle fails at start, never at a request.
 */
public final class WebAppBundle {
  /** One file as served. */
  record Asset(Buffer bytes, Optional<Buffer> gzipped, String contentType, String etag) {
    Asset {
      requireNonNull(bytes, "bytes is null");
      requireNonNull(gzipped, "gzipped is null");
      requireNonNull(contentType, "contentType is null");
      requireNonNull(etag, "etag is null");
    }

    static Asset of(byte[] bytes, String contentType) {
      boolean text = contentType.startsWith("text/") || contentType.startsWith("image/svg");
      return new Asset(
          Buffer.buffer(bytes),
          text ? Optional.of(Buffer.buffer(gzip(bytes))) : Optional.empty(),
          contentType,
          "\"" + sha256(bytes).substring(0, 32) + "\"");
    }
  }

  private static final String ROOT = "/webapp/";
  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "woff2", "font/woff2");

  private final String indexTemplate;
  private final Map<String, Asset> assets;

  private WebAppBundle(String indexTemplate, Map<String, Asset> assets) {
    this.indexTemplate = indexTemplate;
    this.assets = Map.copyOf(assets);
  }

  /** Loads the bundle the {@code web-app} build put on the classpath. */
  public static WebAppBundle load() {
    JsonObject manifest = new JsonObject(new String(read("assets.json"), StandardCharsets.UTF_8));
    Map<String, Asset> assets = new HashMap<>();
    for (Object entry : manifest.getJsonArray("assets")) {
      String path = (String) entry;
      String extension = path.substring(path.lastIndexOf('.') + 1);
      String type = CONTENT_TYPES.get(extension);
      if (type == null || !path.startsWith("assets/")) {
        throw new IllegalStateException("the web app bundle lists an unexpected asset: " + path);
      }
      assets.put(path.substring("assets/".length()), Asset.of(read(path), type));
    }
    return new WebAppBundle(
        new String(read(manifest.getString("index")), StandardCharsets.UTF_8), assets);
  }

  /** The asset named {@code name} (under {@code /assets/}). */
  Optional<Asset> asset(String name) {
    return Optional.ofNullable(assets.get(name));
  }

  /**
   * The page with its placeholders filled: {@code values} maps a placeholder's name ({@code
   * {{name}}} in the template) to its text, escaped here for an HTML attribute.
   */
  Asset page(Map<String, String> values) {
    String page = indexTemplate;
    for (Map.Entry<String, String> value : values.entrySet()) {
      String placeholder = "{{" + value.getKey() + "}}";
      if (!page.contains(placeholder)) {
        throw new IllegalStateException("index.html has no placeholder " + placeholder);
      }
      page = page.replace(placeholder, escapeAttribute(value.getValue()));
    }
    if (page.contains("{{")) {
      throw new IllegalStateException("index.html has a placeholder nobody fills");
    }
    return Asset.of(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
  }

  static String escapeAttribute(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static byte[] read(String path) {
    try (InputStream in = WebAppBundle.class.getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalStateException(
            "the web app is missing from the classpath ("
                + ROOT
                + path
                + "): build the web-app module (mvn -DskipTests package)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
