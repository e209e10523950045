package io.picshare.api.domain.social;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.picshare.api.domain.Async;
import io.picshare.data.FollowStore;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Everyone a user follows now (read in pages from the following list, at most {@link #MAX}), kept
 * for {@code ttl} so that a client paging its feed does not read its following list per page. This
 * process forgets a user's set when that user follows or unfollows through it ({@link #forget}); a
 * change made through another process shows here within {@code ttl}.
 */
public final class Followees {
  /** A feed considers this many followees at most (newest follows first). */
  public static final int MAX = 10_000;

  private static final int PAGE = 1_000;

  private final FollowStore follows;
  private final Cache<Long, Set<Long>> recent;

  /**
   * @param ttl how long a set read is used again; zero reads the list every time
   */
  public Followees(FollowStore follows, Duration ttl) {
    this.follows = follows;
    this.recent = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(ttl).build();
  }

  /** The user's followees (an unmodifiable set). */
  public Future<Set<Long>> of(long userId) {
    Set<Long> cached = recent.getIfPresent(userId);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return page(userId, OptionalLong.empty(), new HashSet<>())
        .map(
            found -> {
              Set<Long> set = Set.copyOf(found);
              recent.put(userId, set);
              return set;
            });
  }

  /** Drops the user's kept set: call when the user's follows changed. */
  public void forget(long userId) {
    recent.invalidate(userId);
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
