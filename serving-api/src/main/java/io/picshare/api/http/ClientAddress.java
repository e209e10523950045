package io.picshare.api.http;

import io.vertx.ext.web.RoutingContext;

/** The address a request came from, for per-client rate limits. */
final class ClientAddress {
  private ClientAddress() {}

  static String of(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
  }
}
