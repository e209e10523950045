package io.picshare.api.domain.notify;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.social.Followees;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users connected to this process for live notifications, and who hears about what: a follow
 * reaches the followee, a like the photo's owner (not for liking one's own photo), an upload every
 * connected user who follows the uploader. It keeps, for each connected user, whom they follow
 * (loaded when they connect, refreshed by {@link #refreshFollowees}, and added to at once when they
 * follow someone), so an upload costs a lookup per connected user here, never a scan of the
 * uploader's followers. Bounds connections per user and per process.
 */
public final class NotificationHub {
  /** One connection of a user; its methods must not block and may be called on any thread. */
  public interface Subscriber {
    void deliver(Notice notice);

    /** Ends the connection (the process is stopping). */
    void close();
  }

  /** Whether a new connection may join. */
  public enum Admission {
    ADMITTED,
    /** The user has the most connections allowed already. */
    USER_FULL,
    /** This process has the most connections allowed already. */
    PROCESS_FULL
  }

  private static final Logger LOG = LoggerFactory.getLogger(NotificationHub.class);

  private final Followees followees;
  private final int maxConnections;
  private final int maxConnectionsPerUser;
  private final Map<Long, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
  private final Map<Long, Set<Long>> following = new ConcurrentHashMap<>();
  private final Map<Long, Future<Void>> loading = new ConcurrentHashMap<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Promise<Void> live = Promise.promise();
  private int connections;

  public NotificationHub(Followees followees, int maxConnections, int maxConnectionsPerUser) {
    this.followees = requireNonNull(followees, "followees is null");
    this.maxConnections = maxConnections;
    this.maxConnectionsPerUser = maxConnectionsPerUser;
  }

  /**
   * Adds a connection of {@code userId} if the bounds allow. The user's first connection starts
   * loading whom they follow; {@link #whenFollowing} completes once that is known.
   */
  public synchronized Admission join(long userId, Subscriber subscriber) {
    if (connections >= maxConnections) {
      return Admission.PROCESS_FULL;
    }
    Set<Subscriber> mine = subscribers.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet());
    if (mine.size() >= maxConnectionsPerUser) {
      return Admission.USER_FULL;
    }
    mine.add(subscriber);
    connections++;
    if (!loading.containsKey(userId)) {
      loading.put(userId, loadFollowees(userId));
    }
    return Admission.ADMITTED;
  }

  /** Completes once the hub knows whom the connected {@code userId} follows. */
  public Future<Void> whenFollowing(long userId) {
    return loading.getOrDefault(userId, Future.succeededFuture());
  }

  /** Removes a connection (a closed socket); the user's last one forgets whom they follow. */
  public synchronized void leave(long userId, Subscriber subscriber) {
    Set<Subscriber> mine = subscribers.get(userId);
    if (mine != null && mine.remove(subscriber)) {
      connections--;
      if (mine.isEmpty()) {
        subscribers.remove(userId);
        following.remove(userId);
        loading.remove(userId);
      }
    }
  }

  /** Closes every connection (before the process stops, so no stream holds its drain up). */
  public void closeAll() {
    subscribers.values().forEach(mine -> List.copyOf(mine).forEach(Subscriber::close));
  }

  /** Reloads whom each connected user follows (unfollows have no event). */
  public void refreshFollowees() {
    List.copyOf(subscribers.keySet()).forEach(this::loadFollowees);
  }

  /** Delivers {@code notice} to the connections of everyone it concerns. */
  public void publish(Notice notice) {
    switch (notice.type()) {
      case USER_FOLLOWED -> {
        Set<Long> actorFollows = following.get(notice.actor().id());
        if (actorFollows != null) {
          actorFollows.add(notice.subjectId());
        }
        deliver(notice.subjectId(), notice);
      }
      case PHOTO_LIKED -> {
        if (notice.actor().id() != notice.subjectId()) {
          deliver(notice.subjectId(), notice);
        }
      }
      case PHOTO_UPLOADED ->
          following.forEach(
              (userId, followed) -> {
                if (followed.contains(notice.subjectId())) {
                  deliver(userId, notice);
                }
              });
    }
  }

  /** Marks the hub as receiving every new event (its consumer has its partitions). */
  public void markLive() {
    live.tryComplete();
  }

  /** Completes once the hub receives every new event; connections are told so then. */
  public Future<Void> whenLive() {
    return live.future();
  }

  /** Counts a connection closed because it did not read its notifications fast enough. */
  public void droppedSlowConnection() {
    dropped.incrementAndGet();
  }

  /** Connections closed for reading too slowly, since start. */
  public long droppedConnections() {
    return dropped.get();
  }

  /** Open connections. */
  public synchronized int connections() {
    return connections;
  }

  /** Notifications handed to connections since start. */
  public long delivered() {
    return delivered.get();
  }

  private void deliver(long userId, Notice notice) {
    Set<Subscriber> mine = subscribers.get(userId);
    if (mine != null) {
      for (Subscriber subscriber : mine) {
        subscriber.deliver(notice);
        delivered.incrementAndGet();
      }
    }
  }

  private Future<Void> loadFollowees(long userId) {
    return followees
        .of(userId)
        .onSuccess(
            followed -> {
              if (subscribers.containsKey(userId)) {
                Set<Long> set = ConcurrentHashMap.newKeySet();
                set.addAll(new HashSet<>(followed));
                following.put(userId, set);
              }
            })
        .onFailure(
            error -> LOG.warn("could not load whom user {} follows: {}", userId, error.toString()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }
}
