package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The web app the read role serves at {@code /} (docs/web-app.md), when reads and writes are
 * separate services that a browser reaches at different origins.
 *
 * @param writeOrigin where the page sends its writes (POST, PUT, DELETE), e.g. {@code
 *     https://write.example.com}; read servers tell the page ({@code web-write-url}, default none:
 *     the page's own origin, for one server of role {@code all} or a reverse proxy that routes
 *     writes itself)
 * @param corsAllowedOrigins origins whose pages may send writes to this server across origins: a
 *     write server answers their CORS preflights and lets them read its answers ({@code
 *     cors-allowed-origins}, comma-separated, default none)
 */
public record WebAppConfig(Optional<String> writeOrigin, List<String> corsAllowedOrigins) {
  public WebAppConfig {
    requireNonNull(writeOrigin, "writeOrigin is null");
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
  }

  static WebAppConfig from(ConfigValues values) {
    String write = values.string("web-write-url", "");
    return new WebAppConfig(
        write.isEmpty() ? Optional.empty() : Optional.of(origin("web-write-url", write)),
        Arrays.stream(values.string("cors-allowed-origins", "").split(","))
            .map(String::strip)
            .filter(entry -> !entry.isEmpty())
            .map(entry -> origin("cors-allowed-origins", entry))
            .toList());
  }

  /**
   * {@code value} as a web origin, {@code scheme://host[:port]} in lower case; a path other than
   * {@code /}, a query, a fragment or credentials are refused.
   */
  static String origin(String key, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigException(key + " must be an origin like https://host:port, got: " + value);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean plain =
        (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null
            && uri.getRawUserInfo() == null;
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !plain) {
      throw new ConfigException(
          key + " must be an origin like https://host:port (no path), got: " + value);
    }
    return scheme
        + "://"
        + uri.getHost().toLowerCase(Locale.ROOT)
        + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }
}
