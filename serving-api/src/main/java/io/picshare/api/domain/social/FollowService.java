package io.picshare.api.domain.social;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.Async;
import io.picshare.api.domain.IdSource;
import io.picshare.api.domain.Paging;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.events.SocialEvent;
import io.picshare.data.FollowStore;
import io.picshare.data.OutboxStore;
import io.picshare.data.UserAccount;
import io.picshare.data.UserStore;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.record.UserRecord;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Following and unfollowing, and the followers and following lists. The pair row decides (one
 * compare-and-set, so retries and races change it once); only the request that changed it updates
 * the lists, the two counts and the outbox. A crash after the pair row leaves lists or counts
 * behind until the repair; a retried follow rewrites the lists of the standing edge.
 */
public final class FollowService {
  private static final Logger LOG = LoggerFactory.getLogger(FollowService.class);

  private final UserStore users;
  private final FollowStore follows;
  private final Followees followees;
  private final OutboxStore outbox;
  private final IdSource ids;
  private final Clock clock;

  public FollowService(
      UserStore users,
      FollowStore follows,
      Followees followees,
      OutboxStore outbox,
      IdSource ids,
      Clock clock) {
    this.users = requireNonNull(users, "users is null");
    this.follows = requireNonNull(follows, "follows is null");
    this.followees = requireNonNull(followees, "followees is null");
    this.outbox = requireNonNull(outbox, "outbox is null");
    this.ids = requireNonNull(ids, "ids is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Makes {@code follower} follow {@code username}; following twice changes nothing. */
  public Future<Void> follow(Principal follower, String username) {
    return other(follower, username)
        .compose(
            followee -> {
              long edgeId = ids.next();
              long followeeId = followee.user().userId();
              return Async.of(follows.follow(follower.userId(), followeeId, edgeId))
                  .compose(
                      followed ->
                          followed
                              ? afterFollow(follower, followee.user(), edgeId)
                              : Async.of(follows.edge(follower.userId(), followeeId))
                                  .compose(
                                      standing ->
                                          standing.isEmpty()
                                              ? Future.succeededFuture()
                                              : Async.of(
                                                  follows.addToLists(
                                                      follower.userId(),
                                                      followeeId,
                                                      standing.getAsLong()))));
            })
        .onComplete(done -> followees.forget(follower.userId()));
  }

  private Future<Void> afterFollow(Principal follower, UserRecord followee, long edgeId) {
    long followeeId = followee.userId();
    OutboxStore.Entry event =
        SocialEvent.followed(
            ids.next(),
            clock.millis(),
            follower.userId(),
            follower.username(),
            followeeId,
            followee.username());
    return Async.of(follows.addToLists(follower.userId(), followeeId, edgeId))
        .compose(listed -> Async.of(users.addToFollowCounts(follower.userId(), followeeId, 1)))
        .compose(
            counted ->
                Async.of(outbox.append(event))
                    .onFailure(
                        error -> LOG.warn("user-followed event not written: {}", error.toString()))
                    .otherwiseEmpty());
  }

  /** Ends {@code follower}'s follow of {@code username}; unfollowing twice changes nothing. */
  public Future<Void> unfollow(Principal follower, String username) {
    return other(follower, username)
        .compose(
            followee -> {
              long followeeId = followee.user().userId();
              return Async.of(follows.unfollow(follower.userId(), followeeId))
                  .compose(
                      ended ->
                          ended.isEmpty()
                              ? Future.succeededFuture()
                              : Async.of(
                                      follows.removeFromLists(
                                          follower.userId(), followeeId, ended.getAsLong()))
                                  .compose(
                                      removed ->
                                          Async.of(
                                              users.addToFollowCounts(
                                                  follower.userId(), followeeId, -1))));
            })
        .onComplete(done -> followees.forget(follower.userId()));
  }

  /** Whether {@code viewer} follows the user {@code userId} (never themselves). */
  public Future<Boolean> follows(Principal viewer, long userId) {
    return Async.of(follows.edge(viewer.userId(), userId)).map(OptionalLong::isPresent);
  }

  /** Who follows {@code username}, newest first. */
  public Future<UserPage> followers(String username, Optional<String> cursor, int limit) {
    return page(
        username,
        cursor,
        limit,
        (userId, after) -> Async.of(follows.followers(userId, after, limit + 1)));
  }

  /** Whom {@code username} follows, newest first. */
  public Future<UserPage> following(String username, Optional<String> cursor, int limit) {
    return page(
        username,
        cursor,
        limit,
        (userId, after) -> Async.of(follows.following(userId, after, limit + 1)));
  }

  private interface EdgeLister {
    Future<List<FollowStore.Edge>> list(long userId, OptionalLong after);
  }

  private Future<UserPage> page(
      String username, Optional<String> cursor, int limit, EdgeLister lister) {
    OptionalLong after;
    try {
      Paging.requireLimit(limit);
      after = Paging.after(cursor);
    } catch (PicShareException e) {
      return Future.failedFuture(e);
    }
    return user(username)
        .compose(account -> lister.list(account.user().userId(), after))
        .compose(
            edges -> {
              List<FollowStore.Edge> page = edges.stream().limit(limit).toList();
              Optional<String> next =
                  edges.size() > limit
                      ? Optional.of(PublicIds.encode(page.get(page.size() - 1).edgeId()))
                      : Optional.empty();
              return Async.of(
                      users.findAllById(page.stream().map(FollowStore.Edge::userId).toList()))
                  .map(
                      found -> {
                        // a stale list row (its account gone) is skipped
                        List<UserRecord> listed = new ArrayList<>();
                        List<String> cursors = new ArrayList<>();
                        for (int i = 0; i < page.size(); i++) {
                          Optional<UserAccount> account = found.get(i);
                          if (account.isPresent()) {
                            listed.add(account.get().user());
                            cursors.add(PublicIds.encode(page.get(i).edgeId()));
                          }
                        }
                        return new UserPage(listed, cursors, next);
                      });
            });
  }

  private Future<UserAccount> other(Principal me, String username) {
    return user(username)
        .compose(
            account ->
                account.user().userId() == me.userId()
                    ? Future.failedFuture(
                        new PicShareException(
                            ErrorCode.CANNOT_FOLLOW_SELF, "you cannot follow yourself"))
                    : Future.succeededFuture(account));
  }

  private Future<UserAccount> user(String username) {
    return Async.of(users.findByUsername(username))
        .compose(
            account ->
                account
                    .map(Future::succeededFuture)
                    .orElseGet(
                        () ->
                            Future.failedFuture(
                                PicShareException.notFound("no user named '" + username + "'"))));
  }
}
