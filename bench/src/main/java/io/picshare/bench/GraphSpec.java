package io.picshare.bench;

import java.util.Locale;

/**
 * What {@code bench seed-graph} generates, validated: the sizes, the seed every random choice is
 * drawn from, and the skews of the power laws. Equal specs generate the same graph, to the id.
 *
 * @param users accounts; user {@code i} is {@code seed<seed>_<i>}
 * @param follows distinct (follower, followee) pairs; followers uniform, followees by popularity
 * @param photos photos, owners uniform, created evenly over the feed window
 * @param likes distinct (photo, user) pairs; photos by popularity, users uniform
 * @param seed the random seed (0 to 2^31-1)
 * @param followSkew exponent of the followees' power law (0: uniform, 1: Zipf)
 * @param likeSkew exponent of the photos' power law
 * @param celebrityFollowers authors with at least this many followers are not fanned out to inboxes
 *     (the API's {@code feed-celebrity-followers})
 */
record GraphSpec(
    int users,
    long follows,
    int photos,
    long likes,
    long seed,
    double followSkew,
    double likeSkew,
    int celebrityFollowers) {
  static final int MAX_USERS = 10_000_000;
  static final int MAX_PHOTOS = 100_000_000;
  static final long MAX_PAIRS = 200_000_000;

  GraphSpec {
    if (users < 2 || users > MAX_USERS) {
      throw new IllegalArgumentException("--users must be between 2 and " + MAX_USERS);
    }
    // A quarter of all possible pairs at most: beyond that, rejecting repeated pairs gets slow.
    long maxPairs = Math.min(MAX_PAIRS, (long) users * (users - 1) / 4);
    if (follows < 0 || follows > maxPairs) {
      throw new IllegalArgumentException(
          "--follows must be between 0 and " + maxPairs + " for " + users + " users");
    }
    if (photos < 0 || photos > MAX_PHOTOS) {
      throw new IllegalArgumentException("--photos must be between 0 and " + MAX_PHOTOS);
    }
    long maxLikes = Math.min(MAX_PAIRS, (long) photos * users / 4);
    if (likes < 0 || likes > maxLikes) {
      throw new IllegalArgumentException(
          "--likes must be between 0 and " + maxLikes + " for these users and photos");
    }
    if (seed < 0 || seed > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("--seed must be between 0 and " + Integer.MAX_VALUE);
    }
    if (!(followSkew >= 0 && followSkew <= 3) || !(likeSkew >= 0 && likeSkew <= 3)) {
      throw new IllegalArgumentException("skews must be between 0 and 3");
    }
    if (celebrityFollowers < 1) {
      throw new IllegalArgumentException("--celebrity-followers must be positive");
    }
  }

  /** The username of user {@code index}: {@code seed<seed>_<index>}, at most 25 characters. */
  String username(int index) {
    return "seed" + seed + "_" + index;
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "%,d users, %,d follows (skew %.2f), %,d photos, %,d likes (skew %.2f), seed %d,"
            + " celebrities from %,d followers",
        users,
        follows,
        followSkew,
        photos,
        likes,
        likeSkew,
        seed,
        celebrityFollowers);
  }
}
