package io.picshare.api.http;

import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.auth.TokenService;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** Reads the bearer token of a request and returns whom it authenticates. */
final class Authenticator {
  private static final String BEARER = "bearer ";

  private final TokenService tokens;

  Authenticator(TokenService tokens) {
    this.tokens = tokens;
  }

  /** The caller if the request carries a token; a malformed or invalid token is still 401. */
  Optional<Principal> optional(RoutingContext ctx) {
    return ctx.request().getHeader("Authorization") == null
        ? Optional.empty()
        : Optional.of(authenticate(ctx));
  }

  Principal authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null) {
      throw new PicShareException(
          ErrorCode.UNAUTHENTICATED, "an Authorization: Bearer token is required");
    }
    if (header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new PicShareException(
          ErrorCode.UNAUTHENTICATED, "the Authorization header must be 'Bearer <token>'");
    }
    return verify(header.substring(BEARER.length()).strip());
  }

  /** Whom {@code token} authenticates (for a token carried other than in the header). */
  Principal verify(String token) {
    return tokens.verify(token);
  }
}
