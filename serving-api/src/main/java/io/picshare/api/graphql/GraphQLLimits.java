package io.picshare.api.graphql;

import io.picshare.api.domain.Paging;

/**
 * What one GraphQL request may ask for, checked before any field is fetched: how deeply fields
 * nest, and the complexity of the whole document, where each field costs 1 and a paged field
 * ({@code first}) costs {@code 1 + first × what it selects}. {@code first} itself is 1 to {@link
 * Paging#MAX_LIMIT}, as {@code limit} is in REST.
 *
 * @param maxDepth how deeply fields may nest (the standard introspection query needs 13)
 * @param maxComplexity the highest complexity accepted
 * @param maxDocumentBytes the largest request body accepted (GET query strings are bounded by the
 *     server's request-line limit, 4 KiB)
 */
public record GraphQLLimits(int maxDepth, int maxComplexity, int maxDocumentBytes) {
  /** 15 levels, complexity 5,000 (e.g. 100 photos with 40 fields each), 64 KiB. */
  public static final GraphQLLimits DEFAULTS = new GraphQLLimits(15, 5_000, 64 * 1024);

  public GraphQLLimits {
    if (maxDepth < 1 || maxComplexity < 1 || maxDocumentBytes < 1) {
      throw new IllegalArgumentException("GraphQL limits must be positive");
    }
  }
}
