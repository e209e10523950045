package io.picshare.api.graphql;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.error.ErrorCode;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one request: the response body ({@code data}, {@code errors} with codes), and,
 * when the request could not be executed at all (no {@code data}: it did not parse, validate or
 * stay within the limits, or it is a mutation sent with GET), the code of why.
 */
public record GraphQLResponse(Map<String, Object> body, Optional<ErrorCode> requestError) {
  public GraphQLResponse {
    requireNonNull(body, "body is null");
    requireNonNull(requestError, "requestError is null");
  }
}
