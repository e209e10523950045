package io.picshare.api.domain.social;

import io.picshare.api.domain.Async;
import io.picshare.data.FollowStore;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/** Everyone a user follows now (read in pages from the following list, at most {@link #MAX}). */
public final class Followees {
  /** A feed considers this many followees at most (newest follows first). */
  public static final int MAX = 10_000;

  private static final int PAGE = 1_000;

  private final FollowStore follows;

  public Followees(FollowStore follows) {
    this.follows = follows;
  }

  public Future<Set<Long>> of(long userId) {
    return page(userId, OptionalLong.empty(), new HashSet<>());
  }

  private Future<Set<Long>> page(long userId, OptionalLong before, Set<Long> found) {
    return Async.of(follows.following(userId, before, PAGE))
        .compose(
            edges -> {
              edges.forEach(edge -> found.add(edge.userId()));
              if (edges.size() < PAGE || found.size() >= MAX) {
                return Future.succeededFuture(found);
              }
              return page(userId, OptionalLong.of(edges.get(edges.size() - 1).edgeId()), found);
            });
  }
}
