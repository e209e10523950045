package io.picshare.api.workers;

import static java.util.Objects.requireNonNull;

import io.picshare.data.FeedStore;
import io.picshare.data.FollowStore;
import io.picshare.data.UserAccount;
import io.picshare.data.UserStore;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The feed's fresh layer: each {@code photo-uploaded} event puts the photo into the inbox of every
 * follower of its author, a page of followers at a time. Authors with at least {@code
 * celebrityFollowers} followers are skipped: their photos are pulled at read time. Rewriting an
 * inbox entry changes nothing, so a replayed event is harmless.
 */
public final class FeedFanOut implements EventConsumer.EventHandler {
  private static final int PAGE = 1_000;
  private static final long STORE_TIMEOUT_SECONDS = 30;

  private final UserStore users;
  private final FollowStore follows;
  private final FeedStore feeds;
  private final long celebrityFollowers;
  private final AtomicLong fannedOut = new AtomicLong();
  private final AtomicLong pulled = new AtomicLong();

  public FeedFanOut(
      UserStore users, FollowStore follows, FeedStore feeds, long celebrityFollowers) {
    this.users = requireNonNull(users, "users is null");
    this.follows = requireNonNull(follows, "follows is null");
    this.feeds = requireNonNull(feeds, "feeds is null");
    this.celebrityFollowers = celebrityFollowers;
  }

  @Override
  public void handle(String key, byte[] payload) throws Exception {
    UploadedPhoto photo = UploadedPhoto.parse(key, payload);
    long owner = photo.ownerId();
    long followers =
        users
            .findById(owner)
            .get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .map(UserAccount::followerCount)
            .orElse(0L);
    if (followers >= celebrityFollowers) {
      pulled.incrementAndGet();
      return;
    }
    OptionalLong before = OptionalLong.empty();
    while (true) {
      List<FollowStore.Edge> page =
          follows.followers(owner, before, PAGE).get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      feeds
          .addToInboxes(
              page.stream().map(FollowStore.Edge::userId).toList(), photo.photoId(), owner)
          .get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (page.size() < PAGE) {
        break;
      }
      before = OptionalLong.of(page.get(page.size() - 1).edgeId());
    }
    fannedOut.incrementAndGet();
  }

  /** Photos put into their followers' inboxes since start. */
  public long fannedOut() {
    return fannedOut.get();
  }

  /** Photos of celebrities left to the read-time pull since start. */
  public long pulled() {
    return pulled.get();
  }
}
