package io.picshare.api.graphql;

import static java.util.Objects.requireNonNull;

import graphql.schema.DataFetchingEnvironment;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import java.util.Optional;

/**
 * What a request's fields know of it: who calls (if the request carries a token) and whether it may
 * run a mutation (only over {@code POST}).
 */
record RequestScope(Optional<Principal> viewer, boolean mutationsAllowed) {
  RequestScope {
    requireNonNull(viewer, "viewer is null");
  }

  static RequestScope of(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get(RequestScope.class);
  }

  /** The caller; {@code UNAUTHENTICATED} if the request carries no token. */
  Principal requireViewer() {
    return viewer.orElseThrow(
        () ->
            new PicShareException(
                ErrorCode.UNAUTHENTICATED, "an Authorization: Bearer token is required"));
  }
}
