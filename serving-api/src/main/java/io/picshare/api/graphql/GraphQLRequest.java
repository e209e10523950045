package io.picshare.api.graphql;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/** One GraphQL request as a client sent it: the document, which operation, and its variables. */
public record GraphQLRequest(
    String query, Optional<String> operationName, Map<String, Object> variables) {
  public GraphQLRequest {
    requireNonNull(query, "query is null");
    requireNonNull(operationName, "operationName is null");
    // JSON null values are allowed in variables: no Map.copyOf
    variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
  }
}
