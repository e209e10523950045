package io.picshare.api.metrics;

import java.util.Set;

/**
 * The {@code method} label of a request: a method HTTP defines (RFC 9110, RFC 5789), else {@code
 * other}.
 */
final class MethodLabel {
  private static final Set<String> KNOWN =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  private MethodLabel() {}

  static String of(String method) {
    return method != null && KNOWN.contains(method) ? method : "other";
  }
}
