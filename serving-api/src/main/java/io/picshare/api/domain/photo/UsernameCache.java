package io.picshare.api.domain.photo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.picshare.api.domain.Async;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.data.UserStore;
import io.vertx.core.Future;

/** Usernames by user id. A username never changes, so entries never go stale. */
public final class UsernameCache {
  private final UserStore users;
  private final Cache<Long, String> cache = Caffeine.newBuilder().maximumSize(100_000).build();

  public UsernameCache(UserStore users) {
    this.users = users;
  }

  public Future<String> of(long userId) {
    String cached = cache.getIfPresent(userId);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return Async.of(users.findById(userId))
        .map(
            account -> {
              String username =
                  account
                      .orElseThrow(
                          () -> PicShareException.notFound("the photo's owner no longer exists"))
                      .user()
                      .username();
              cache.put(userId, username);
              return username;
            });
  }
}
