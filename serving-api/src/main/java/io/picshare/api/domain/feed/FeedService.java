package io.picshare.api.domain.feed;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.picshare.api.domain.Async;
import io.picshare.api.domain.IdSource;
import io.picshare.api.domain.Paging;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.domain.photo.PhotoPage;
import io.picshare.api.domain.photo.StoredPhoto;
import io.picshare.api.domain.photo.UsernameCache;
import io.picshare.api.domain.social.Followees;
import io.picshare.data.FeedStore;
import io.picshare.data.PhotoRow;
import io.picshare.data.PhotoStore;
import io.picshare.data.UserAccount;
import io.picshare.data.UserStore;
import io.picshare.data.feed.FeedRanking;
import io.picshare.schema.id.IdGenerator;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.record.FeedCandidates;
import io.picshare.schema.record.FeedCandidates.Candidate;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The news feed: photos of the people the caller follows, from three layers merged at read time.
 * The nightly batch's top candidates, the inbox the fan-out fills with new photos of ordinary
 * authors, and a pull of the recent photos of followed celebrities (authors too big to fan out).
 * Photos of people the caller no longer follows and deleted photos are dropped. {@code recent}
 * pages by photo id; {@code top} ranks by {@link FeedRanking} with current like counts and time,
 * and keeps the ranking as a snapshot so the later pages of the same client come from the same
 * order (docs/feed.md).
 */
public final class FeedService {
  /** A {@code top} ranking considers at most this many photos. */
  static final int MAX_RANKED = 1_000;

  /** How many of a followed celebrity's newest photos a feed pulls. */
  static final int CELEBRITY_PULL = 100;

  /** How much of the inbox a {@code top} ranking reads at most (newest first). */
  static final int INBOX_READ = 500;

  /**
   * A {@code top} ranking with a batch feed reads the inbox back to this long before the batch's
   * cutoff, for photos the batch job did not see yet although they were created before its cutoff
   * (uploads in flight, clock skew between hosts).
   */
  static final Duration INBOX_OVERLAP = Duration.ofHours(1);

  private final UserStore users;
  private final FeedStore feeds;
  private final PhotoStore photos;
  private final UsernameCache usernames;
  private final Followees followees;
  private final IdSource ids;
  private final Clock clock;
  private final FeedConfig config;
  private final Cache<Long, Long> followerCounts;
  private final Cache<Long, Optional<PhotoRow>> rankingRows;
  private final Cache<Long, Ranking> rankings;

  /** A user's latest {@code top} ranking, saved as snapshot {@code snapshotId}. */
  private record Ranking(long snapshotId, List<Candidate> candidates) {}

  /** Candidates kept in all cached rankings together (about 50 bytes each). */
  private static final long MAX_CACHED_CANDIDATES = 2_000_000;

  public FeedService(
      UserStore users,
      FeedStore feeds,
      PhotoStore photos,
      Followees followees,
      IdSource ids,
      Clock clock,
      FeedConfig config) {
    this.users = requireNonNull(users, "users is null");
    this.feeds = requireNonNull(feeds, "feeds is null");
    this.photos = requireNonNull(photos, "photos is null");
    this.ids = requireNonNull(ids, "ids is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.config = requireNonNull(config, "config is null");
    this.usernames = new UsernameCache(users);
    this.followees = requireNonNull(followees, "followees is null");
    this.followerCounts =
        Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(Duration.ofMinutes(1)).build();
    this.rankingRows =
        Caffeine.newBuilder()
            .maximumSize(500_000)
            .expireAfterWrite(config.rankingCacheTtl())
            .build();
    this.rankings =
        Caffeine.newBuilder()
            .maximumWeight(MAX_CACHED_CANDIDATES)
            .<Long, Ranking>weigher((user, ranking) -> 1 + ranking.candidates().size())
            .expireAfterWrite(config.topCacheTtl())
            .build();
  }

  /** One page of {@code viewer}'s feed. */
  public Future<PhotoPage> feed(
      Principal viewer, String order, int limit, Optional<String> cursor) {
    FeedOrder feedOrder;
    Optional<FeedCursor> position;
    try {
      feedOrder = FeedOrder.parse(order);
      Paging.requireLimit(limit);
      position = cursor.map(value -> FeedCursor.decode(feedOrder, value));
    } catch (PicShareException e) {
      return Future.failedFuture(e);
    }
    long userId = viewer.userId();
    return followees
        .of(userId)
        .compose(
            following -> {
              if (following.isEmpty()) {
                return Future.succeededFuture(new PhotoPage(List.of(), Optional.empty()));
              }
              return feedOrder == FeedOrder.RECENT
                  ? recent(userId, following, limit, position.map(FeedCursor::id))
                  : top(userId, following, limit, position);
            });
  }

  // ---- recent: newest first, keyset on the photo id ----

  private Future<PhotoPage> recent(
      long userId, Set<Long> following, int limit, Optional<Long> before) {
    OptionalLong after = before.map(OptionalLong::of).orElseGet(OptionalLong::empty);
    return candidates(userId, following, after, limit + 1, false)
        .compose(
            found -> {
              List<Candidate> newestFirst =
                  found.values().stream()
                      .sorted(Comparator.comparingLong(Candidate::photoId).reversed())
                      .toList();
              // Each source gave limit + 1 photos: the first limit of their union are exact.
              return live(newestFirst, following, limit, limit)
                  .map(
                      page ->
                          new PhotoPage(
                              page.photos(),
                              newestFirst.size() > page.consumed()
                                  ? Optional.of(
                                      FeedCursor.recent(
                                              newestFirst.get(page.consumed() - 1).photoId())
                                          .encode(FeedOrder.RECENT))
                                  : Optional.empty()));
            });
  }

  // ---- top: ranked once per first page, later pages from the snapshot ----

  private Future<PhotoPage> top(
      long userId, Set<Long> following, int limit, Optional<FeedCursor> position) {
    if (position.isPresent()) {
      FeedCursor at = position.get();
      return Async.of(feeds.snapshot(userId, at.id()))
          .compose(
              snapshot ->
                  snapshot.isEmpty()
                      ? Future.failedFuture(
                          PicShareException.invalid(
                              "this feed cursor expired; load the first page again"))
                      : topPage(
                          following, snapshot.get().candidates(), at.id(), at.offset(), limit));
    }
    Ranking recent = rankings.getIfPresent(userId);
    if (recent != null) {
      return topPage(following, recent.candidates(), recent.snapshotId(), 0, limit);
    }
    long now = clock.millis();
    return candidates(userId, following, OptionalLong.empty(), INBOX_READ, true)
        .compose(found -> rank(found, following, now))
        .compose(
            ranking -> {
              long snapshotId = ids.next();
              return Async.of(feeds.saveSnapshot(userId, snapshotId, new FeedCandidates(ranking)))
                  .compose(
                      saved -> {
                        rankings.put(userId, new Ranking(snapshotId, List.copyOf(ranking)));
                        return topPage(following, ranking, snapshotId, 0, limit);
                      });
            });
  }

  private Future<PhotoPage> topPage(
      Set<Long> following, List<Candidate> ranking, long snapshotId, int offset, int limit) {
    List<Candidate> rest = ranking.subList(Math.min(offset, ranking.size()), ranking.size());
    return live(rest, following, limit, limit * 2)
        .map(
            page ->
                new PhotoPage(
                    page.photos(),
                    rest.size() > page.consumed()
                        ? Optional.of(
                            FeedCursor.top(snapshotId, offset + page.consumed())
                                .encode(FeedOrder.TOP))
                        : Optional.empty()));
  }

  /** Scores the candidates with their current like counts (rows cached briefly) at {@code now}. */
  private Future<List<Candidate>> rank(Map<Long, Candidate> found, Set<Long> following, long now) {
    List<Candidate> all = List.copyOf(found.values());
    return cachedRows(all)
        .map(
            rows -> {
              List<Candidate> ranked = new ArrayList<>();
              for (int i = 0; i < all.size(); i++) {
                Optional<PhotoRow> row = rows.get(i);
                if (row.isEmpty() || !following.contains(all.get(i).ownerId())) {
                  continue;
                }
                long created = row.get().record().createdAtMillis();
                if (FeedRanking.inWindow(created, now)) {
                  ranked.add(
                      new Candidate(
                          all.get(i).photoId(),
                          all.get(i).ownerId(),
                          FeedRanking.score(row.get().likeCount(), created, now)));
                }
              }
              ranked.sort(
                  Comparator.comparingDouble(Candidate::score)
                      .reversed()
                      .thenComparing(Comparator.comparingLong(Candidate::photoId).reversed()));
              return ranked.size() > MAX_RANKED ? ranked.subList(0, MAX_RANKED) : ranked;
            });
  }

  private Future<List<Optional<PhotoRow>>> cachedRows(List<Candidate> candidates) {
    List<Optional<PhotoRow>> rows = new ArrayList<>(candidates.size());
    List<Integer> missing = new ArrayList<>();
    for (Candidate candidate : candidates) {
      Optional<PhotoRow> cached = rankingRows.getIfPresent(candidate.photoId());
      rows.add(cached);
      if (cached == null) {
        missing.add(rows.size() - 1);
      }
    }
    if (missing.isEmpty()) {
      return Future.succeededFuture(rows);
    }
    List<UserPhotoRowKey> keys =
        missing.stream()
            .map(i -> new UserPhotoRowKey(candidates.get(i).ownerId(), candidates.get(i).photoId()))
            .toList();
    return Async.of(photos.findAll(keys))
        .map(
            fetched -> {
              for (int j = 0; j < missing.size(); j++) {
                int i = missing.get(j);
                rankingRows.put(candidates.get(i).photoId(), fetched.get(j));
                rows.set(i, fetched.get(j));
              }
              return rows;
            });
  }

  // ---- the three layers ----

  /**
   * The batch candidates, the inbox and the pulled celebrity photos (each older than {@code before}
   * if given, the inbox and each pull at most {@code perSource}), by photo id. With {@code
   * inboxSinceBatch} and a batch feed, the inbox is read only back to {@link #INBOX_OVERLAP} before
   * the batch's cutoff: older photos were ranked by the batch already.
   */
  private Future<Map<Long, Candidate>> candidates(
      long userId,
      Set<Long> following,
      OptionalLong before,
      int perSource,
      boolean inboxSinceBatch) {
    Future<Optional<FeedStore.BatchFeed>> stored = Async.of(feeds.batch(userId));
    Future<List<Candidate>> batch =
        stored.map(
            found ->
                found.map(feed -> feed.candidates().candidates()).orElse(List.of()).stream()
                    .filter(c -> before.isEmpty() || c.photoId() < before.getAsLong())
                    .toList());
    Future<Long> oldestInbox =
        inboxSinceBatch
            ? stored.map(found -> found.map(FeedService::oldestInboxId).orElse(0L))
            : Future.succeededFuture(0L);
    Future<List<Candidate>> inbox =
        oldestInbox
            .compose(oldest -> Async.of(feeds.inbox(userId, before, oldest, perSource)))
            .map(
                entries ->
                    entries.stream()
                        .map(entry -> new Candidate(entry.photoId(), entry.ownerId(), 0))
                        .toList());
    Future<List<Candidate>> pulled =
        celebrities(following)
            .compose(
                celebrities -> {
                  List<Future<List<PhotoRow>>> pulls =
                      celebrities.stream()
                          .map(
                              c ->
                                  Async.of(
                                      photos.listByOwner(
                                          c, before, Math.min(perSource, CELEBRITY_PULL))))
                          .toList();
                  return Future.all(pulls)
                      .map(
                          all ->
                              pulls.stream()
                                  .flatMap(pull -> pull.result().stream())
                                  .map(
                                      row ->
                                          new Candidate(
                                              row.record().photoId(), row.record().ownerId(), 0))
                                  .toList());
                });
    return Future.all(batch, inbox, pulled)
        .map(
            all -> {
              Map<Long, Candidate> byId = new LinkedHashMap<>();
              for (Future<List<Candidate>> source : List.of(batch, inbox, pulled)) {
                source.result().forEach(c -> byId.putIfAbsent(c.photoId(), c));
              }
              byId.values()
                  .removeIf(c -> c.ownerId() == userId || !following.contains(c.ownerId()));
              return byId;
            });
  }

  /** The lowest photo id the inbox is read back to when {@code feed} covers the older photos. */
  private static long oldestInboxId(FeedStore.BatchFeed feed) {
    return IdGenerator.lowestIdAt(
        Math.max(IdGenerator.EPOCH_MILLIS, feed.cutoffMillis() - INBOX_OVERLAP.toMillis()));
  }

  /** The followees with at least the celebrity threshold of followers (counts cached 1 min). */
  private Future<List<Long>> celebrities(Set<Long> following) {
    Map<Long, Future<Long>> counts = new HashMap<>();
    for (long followee : following) {
      Long cached = followerCounts.getIfPresent(followee);
      counts.put(
          followee,
          cached != null
              ? Future.succeededFuture(cached)
              : Async.of(users.findById(followee))
                  .map(account -> account.map(UserAccount::followerCount).orElse(0L))
                  .onSuccess(count -> followerCounts.put(followee, count)));
    }
    return Future.all(List.copyOf(counts.values()))
        .map(
            all ->
                counts.entrySet().stream()
                    .filter(e -> e.getValue().result() >= config.celebrityFollowers())
                    .map(Map.Entry::getKey)
                    .toList());
  }

  // ---- the page: fresh rows, deleted and unfollowed dropped ----

  /**
   * Up to {@code limit} live photos from the first {@code window} of {@code ordered}, and how many
   * candidates that took.
   */
  private record LivePage(List<StoredPhoto> photos, int consumed) {}

  private Future<LivePage> live(
      List<Candidate> ordered, Set<Long> following, int limit, int window) {
    List<Candidate> considered = ordered.subList(0, Math.min(ordered.size(), window));
    List<UserPhotoRowKey> keys =
        considered.stream().map(c -> new UserPhotoRowKey(c.ownerId(), c.photoId())).toList();
    return Async.of(photos.findAll(keys))
        .compose(
            rows -> {
              List<Future<StoredPhoto>> page = new ArrayList<>();
              int consumed = 0;
              for (int i = 0; i < considered.size() && page.size() < limit; i++) {
                consumed = i + 1;
                Optional<PhotoRow> row = rows.get(i);
                if (row.isPresent() && following.contains(row.get().record().ownerId())) {
                  PhotoRow photo = row.get();
                  page.add(
                      usernames
                          .of(photo.record().ownerId())
                          .map(name -> StoredPhoto.of(photo, name)));
                }
              }
              int taken = consumed;
              return Future.all(page)
                  .map(all -> new LivePage(page.stream().map(Future::result).toList(), taken));
            });
  }
}
