package io.picshare.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header trusted proxies record client addresses in. Only the one the proxies write may be
 * read: any other arrives exactly as the client wrote it.
 */
public enum ForwardedHeader {
  /** {@code X-Forwarded-For: 203.0.113.7, 10.0.0.5} (nginx, HAProxy, most cloud load balancers). */
  X_FORWARDED_FOR("X-Forwarded-For"),
  /** RFC 7239 {@code Forwarded: for=203.0.113.7;proto=https, for="[2001:db8::1]:4711"}. */
  FORWARDED("Forwarded");

  private final String headerName;

  ForwardedHeader(String headerName) {
    this.headerName = headerName;
  }

  public String headerName() {
    return headerName;
  }

  static ForwardedHeader parse(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "x-forwarded-for" -> X_FORWARDED_FOR;
      case "forwarded" -> FORWARDED;
      default ->
          throw new ConfigException(
              "forwarded-header must be x-forwarded-for or forwarded, got: " + value);
    };
  }

  /**
   * The hops the header lists, leftmost (farthest) first, as address text with ports and quotes
   * removed.
   */
  public List<String> hops(List<String> headerValues) {
    List<String> hops = new ArrayList<>();
    for (String value : headerValues) {
      for (String element : value.split(",")) {
        String hop = this == FORWARDED ? forParameter(element) : element;
        hops.add(withoutPort(unquote(hop.strip())));
      }
    }
    return hops;
  }

  private static String forParameter(String element) {
    for (String pair : element.split(";")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).strip().equalsIgnoreCase("for")) {
        return pair.substring(equals + 1);
      }
    }
    return "";
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  /**
   * {@code [2001:db8::1]:4711} → {@code 2001:db8::1}; {@code 192.0.2.4:80} → {@code 192.0.2.4};
   * bare IPv6 is left alone.
   */
  private static String withoutPort(String hop) {
    if (hop.startsWith("[")) {
      int close = hop.indexOf(']');
      return close > 0 ? hop.substring(1, close) : hop;
    }
    int colon = hop.indexOf(':');
    return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
  }
}
