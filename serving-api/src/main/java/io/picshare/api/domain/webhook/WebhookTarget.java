package io.picshare.api.domain.webhook;

import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A webhook's URL, checked for form: {@code http} or {@code https}, a host, no credentials, no
 * fragment, at most {@value #MAX_LENGTH} characters. Where it may point is {@link TargetPolicy}'s
 * business.
 *
 * @param host the host as written in the URL, without IPv6 brackets, lower-cased
 * @param requestUri the path and query sent in the request line ({@code /} if the URL has none)
 */
public record WebhookTarget(String url, boolean https, String host, int port, String requestUri) {
  public static final int MAX_LENGTH = 2048;

  /**
   * Parses a URL a user gave.
   *
   * @throws PicShareException {@code VALIDATION_FAILED} if it is not a usable URL, {@code
   *     WEBHOOK_TARGET_REFUSED} if its scheme is neither {@code http} nor {@code https}
   */
  public static WebhookTarget parse(String url) {
    if (url == null || url.isBlank()) {
      throw PicShareException.invalid("url is required");
    }
    if (url.length() > MAX_LENGTH) {
      throw PicShareException.invalid("url must be at most " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw PicShareException.invalid("url is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.isEmpty()) {
      throw PicShareException.invalid("url must be an absolute http or https URL");
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw refused("only http and https URLs can be webhooks, not " + scheme);
    }
    if (uri.isOpaque()) {
      throw PicShareException.invalid("url must be an absolute http or https URL");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw PicShareException.invalid("url must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw PicShareException.invalid("url must not carry credentials");
    }
    if (uri.getRawFragment() != null) {
      throw PicShareException.invalid("url must not have a fragment");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    boolean https = scheme.equals("https");
    int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    return new WebhookTarget(
        uri.toString(), https, host.toLowerCase(Locale.ROOT), port, requestUri);
  }

  /** {@code host:port}, the unit per-target limits count in. */
  public String authority() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  static PicShareException refused(String detail) {
    return new PicShareException(ErrorCode.WEBHOOK_TARGET_REFUSED, detail);
  }
}
