package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The synthetic social graph of a {@link GraphSpec}, generated in memory from its seed: the same
 * spec gives the same graph on every run and machine, which is what lets {@code seed-graph} resume.
 * Users are indexes {@code 0..users-1}. Each follow has a uniformly random follower and a followee
 * drawn from a power law over a random popularity order (so follower counts are heavy-tailed and
 * following counts are not); each like a photo drawn from a power law and a uniformly random user.
 * Repeated pairs and self-follows are drawn again, so every pair is distinct.
 */
final class SocialGraph {
  private final GraphSpec spec;
  private final int[] follower;
  private final int[] followee;
  private final int[] photoOwner;
  private final int[] likePhoto;
  private final int[] likeUser;
  private final int[] followerCount;
  private final int[] followingCount;
  private final int[] photoCount;
  private final int[] likeCount;

  /** Followers of each user in follow order: those of user u at [offsets[u], offsets[u + 1]). */
  private final int[] followersOffsets;

  private final int[] followersFlat;

  private SocialGraph(GraphSpec spec) {
    this.spec = spec;
    int users = spec.users();
    int follows = Math.toIntExact(spec.follows());
    int likes = Math.toIntExact(spec.likes());
    SplittableRandom random = new SplittableRandom(spec.seed());
    SplittableRandom followRandom = random.split();
    SplittableRandom photoRandom = random.split();
    SplittableRandom likeRandom = random.split();

    follower = new int[follows];
    followee = new int[follows];
    int[] popularUsers = permutation(users, followRandom);
    ZipfSampler followees = new ZipfSampler(users, spec.followSkew());
    LongSet pairs = new LongSet(follows);
    long attempts = 0;
    for (int k = 0; k < follows; ) {
      if (++attempts > 20L * follows + 1_000) {
        throw new IllegalStateException(
            "could not draw "
                + follows
                + " distinct follows with skew "
                + spec.followSkew()
                + " over "
                + users
                + " users; lower --follow-skew or --follows");
      }
      int from = followRandom.nextInt(users);
      int to = popularUsers[followees.sample(followRandom)];
      if (from != to && pairs.add((long) from * users + to)) {
        follower[k] = from;
        followee[k] = to;
        k++;
      }
    }

    photoOwner = new int[spec.photos()];
    for (int p = 0; p < photoOwner.length; p++) {
      photoOwner[p] = photoRandom.nextInt(users);
    }

    likePhoto = new int[likes];
    likeUser = new int[likes];
    if (likes > 0) {
      int[] popularPhotos = permutation(spec.photos(), likeRandom);
      ZipfSampler liked = new ZipfSampler(spec.photos(), spec.likeSkew());
      LongSet likePairs = new LongSet(likes);
      attempts = 0;
      for (int j = 0; j < likes; ) {
        if (++attempts > 20L * likes + 1_000) {
          throw new IllegalStateException(
              "could not draw " + likes + " distinct likes; lower --like-skew or --likes");
        }
        int photo = popularPhotos[liked.sample(likeRandom)];
        int user = likeRandom.nextInt(users);
        if (likePairs.add((long) photo * users + user)) {
          likePhoto[j] = photo;
          likeUser[j] = user;
          j++;
        }
      }
    }

    followerCount = new int[users];
    followingCount = new int[users];
    photoCount = new int[users];
    likeCount = new int[spec.photos()];
    for (int k = 0; k < follows; k++) {
      followingCount[follower[k]]++;
      followerCount[followee[k]]++;
    }
    for (int owner : photoOwner) {
      photoCount[owner]++;
    }
    for (int photo : likePhoto) {
      likeCount[photo]++;
    }
    followersOffsets = new int[users + 1];
    for (int u = 0; u < users; u++) {
      followersOffsets[u + 1] = followersOffsets[u] + followerCount[u];
    }
    followersFlat = new int[follows];
    int[] next = Arrays.copyOf(followersOffsets, users);
    for (int k = 0; k < follows; k++) {
      followersFlat[next[followee[k]]++] = follower[k];
    }
  }

  static SocialGraph generate(GraphSpec spec) {
    return new SocialGraph(requireNonNull(spec, "spec is null"));
  }

  GraphSpec spec() {
    return spec;
  }

  int follower(int follow) {
    return follower[follow];
  }

  int followee(int follow) {
    return followee[follow];
  }

  int photoOwner(int photo) {
    return photoOwner[photo];
  }

  int likePhoto(int like) {
    return likePhoto[like];
  }

  int likeUser(int like) {
    return likeUser[like];
  }

  int followerCount(int user) {
    return followerCount[user];
  }

  int followingCount(int user) {
    return followingCount[user];
  }

  int photoCount(int user) {
    return photoCount[user];
  }

  int likeCount(int photo) {
    return likeCount[photo];
  }

  /** The followers of {@code user}, in the order their follows were drawn. */
  int[] followers(int user) {
    return Arrays.copyOfRange(followersFlat, followersOffsets[user], followersOffsets[user + 1]);
  }

  /** Whether the owner of {@code photo} has fewer followers than the celebrity threshold. */
  boolean fannedOut(int photo) {
    return followerCount[photoOwner[photo]] < spec.celebrityFollowers();
  }

  /** How many users have at least the celebrity threshold of followers. */
  int celebrities() {
    return (int) Arrays.stream(followerCount).filter(c -> c >= spec.celebrityFollowers()).count();
  }

  /** How many inbox rows fanning every photo of a non-celebrity out writes. */
  long inboxRows() {
    long rows = 0;
    for (int p = 0; p < photoOwner.length; p++) {
      if (fannedOut(p)) {
        rows += followerCount[photoOwner[p]];
      }
    }
    return rows;
  }

  int maxFollowers() {
    return Arrays.stream(followerCount).max().orElse(0);
  }

  private static int[] permutation(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  /** A set of non-negative longs, open addressing with linear probing; never shrinks. */
  private static final class LongSet {
    private static final long EMPTY = -1;
    private long[] slots;
    private int size;

    LongSet(int expected) {
      slots = new long[Integer.highestOneBit(Math.max(16, expected * 2)) * 2];
      Arrays.fill(slots, EMPTY);
    }

    /** Adds {@code value}; {@code false} if it was present. */
    boolean add(long value) {
      if (size * 2 >= slots.length) {
        grow();
      }
      int mask = slots.length - 1;
      for (int i = mix(value) & mask; ; i = (i + 1) & mask) {
        if (slots[i] == EMPTY) {
          slots[i] = value;
          size++;
          return true;
        }
        if (slots[i] == value) {
          return false;
        }
      }
    }

    private void grow() {
      long[] old = slots;
      slots = new long[old.length * 2];
      Arrays.fill(slots, EMPTY);
      size = 0;
      for (long value : old) {
        if (value != EMPTY) {
          add(value);
        }
      }
    }

    private static int mix(long value) {
      long h = value * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32));
    }
  }
}
