package io.picshare.api.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import io.picshare.api.domain.Paging;

/**
 * A field costs 1 plus what it selects; a paged field ({@code first}) 1 plus {@code first} times
 * what it selects, as it may return that many. {@code first} counts as at most {@link
 * Paging#MAX_LIMIT} (more is refused by the service anyway); sums saturate rather than overflow.
 */
final class PagedFieldComplexity implements FieldComplexityCalculator {
  @Override
  public int calculate(FieldComplexityEnvironment env, int childComplexity) {
    Object first = env.getArguments().get("first");
    if (env.getFieldDefinition().getArgument("first") == null) {
      return saturated(1L + childComplexity);
    }
    long items =
        first instanceof Integer n
            ? Math.max(1, Math.min(n, Paging.MAX_LIMIT))
            : Connections.DEFAULT_FIRST;
    return saturated(1L + items * Math.max(1, childComplexity));
  }

  private static int saturated(long value) {
    return (int) Math.min(Integer.MAX_VALUE, value);
  }
}
