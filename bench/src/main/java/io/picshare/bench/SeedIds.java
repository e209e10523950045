package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import io.picshare.data.feed.FeedRanking;
import io.picshare.schema.id.IdGenerator;
import java.time.Duration;

/**
 * The ids of generated rows, in PicShare's id layout ({@link IdGenerator}) under one worker id
 * reserved for the seed, all dated before {@code anchorMillis} (the first run's start): users over
 * the 30 days before the feed window, follows over the 30 days before the anchor, photos and likes
 * evenly over the feed window {@code [anchor - 7 d, anchor)}. Item {@code k} of a kind with {@code
 * n} items is dated {@code start + floor(k * span / n)} ms, so items of one kind never share a
 * millisecond; the sequence field holds the kind, so kinds sharing a millisecond still differ. The
 * same inputs give the same ids, which is what makes a rerun rewrite rows instead of adding them.
 */
record SeedIds(GraphSpec spec, int workerId, long anchorMillis) {
  static final Duration ACCOUNT_AGE = Duration.ofDays(30);
  static final Duration WINDOW = FeedRanking.WINDOW;

  private static final int WORKER_SHIFT = IdGenerator.SEQUENCE_BITS;
  private static final int TIMESTAMP_SHIFT = IdGenerator.SEQUENCE_BITS + IdGenerator.WORKER_BITS;

  private enum Kind {
    USER,
    FOLLOW,
    PHOTO,
    LIKE
  }

  SeedIds {
    requireNonNull(spec, "spec is null");
    if (workerId < 0 || workerId > IdGenerator.MAX_WORKER_ID) {
      throw new IllegalArgumentException("worker id out of range: " + workerId);
    }
    if (anchorMillis - WINDOW.toMillis() - ACCOUNT_AGE.toMillis() < IdGenerator.EPOCH_MILLIS) {
      throw new IllegalArgumentException("the anchor is too close to the PicShare id epoch");
    }
  }

  /** The id of user {@code index} (user 0 signs up over the API and gets the API's id). */
  long userId(int index) {
    return id(
        Kind.USER, index, spec.users(), feedWindowStart() - ACCOUNT_AGE.toMillis(), ACCOUNT_AGE);
  }

  long edgeId(long follow) {
    return id(
        Kind.FOLLOW, follow, spec.follows(), anchorMillis - ACCOUNT_AGE.toMillis(), ACCOUNT_AGE);
  }

  long photoId(int photo) {
    return id(Kind.PHOTO, photo, spec.photos(), feedWindowStart(), WINDOW);
  }

  /** When photo {@code photo} was uploaded: its id's time, as for an upload through the API. */
  long photoCreatedAt(int photo) {
    return IdGenerator.timestampMillis(photoId(photo));
  }

  long likeId(long like) {
    return id(Kind.LIKE, like, spec.likes(), feedWindowStart(), WINDOW);
  }

  long feedWindowStart() {
    return anchorMillis - WINDOW.toMillis();
  }

  private long id(Kind kind, long index, long count, long startMillis, Duration span) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException(kind + " " + index + " of " + count);
    }
    long spanMillis = span.toMillis();
    if (count > spanMillis) {
      throw new IllegalArgumentException(
          "more " + kind + " items than milliseconds in " + span + ": " + count);
    }
    long at = startMillis + index * spanMillis / count; // no overflow: both below 2^32
    return ((at - IdGenerator.EPOCH_MILLIS) << TIMESTAMP_SHIFT)
        | ((long) workerId << WORKER_SHIFT)
        | kind.ordinal();
  }
}
