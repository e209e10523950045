package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SocialGraphTest {
  private static final GraphSpec SPEC =
      new GraphSpec(2_000, 50_000, 5_000, 20_000, 7, 1.0, 1.0, 1_000);

  @Test
  void everyFollowIsADistinctPairOfTwoUsersAndTheCountsAddUp() {
    SocialGraph graph = SocialGraph.generate(SPEC);

    Set<Long> pairs = new HashSet<>();
    for (int k = 0; k < SPEC.follows(); k++) {
      assertThat(graph.follower(k)).isNotEqualTo(graph.followee(k));
      assertThat(pairs.add((long) graph.follower(k) * SPEC.users() + graph.followee(k))).isTrue();
    }
    long followers = 0;
    long following = 0;
    long photos = 0;
    for (int u = 0; u < SPEC.users(); u++) {
      followers += graph.followerCount(u);
      following += graph.followingCount(u);
      photos += graph.photoCount(u);
      assertThat(graph.followers(u)).hasSize(graph.followerCount(u));
    }
    assertThat(followers).isEqualTo(SPEC.follows());
    assertThat(following).isEqualTo(SPEC.follows());
    assertThat(photos).isEqualTo(SPEC.photos());
    long likes = 0;
    for (int p = 0; p < SPEC.photos(); p++) {
      likes += graph.likeCount(p);
    }
    assertThat(likes).isEqualTo(SPEC.likes());
  }

  @Test
  void followerCountsAreHeavyTailedAndFollowingCountsAreNot() {
    SocialGraph graph = SocialGraph.generate(SPEC);
    int[] followers = new int[SPEC.users()];
    int[] following = new int[SPEC.users()];
    for (int u = 0; u < SPEC.users(); u++) {
      followers[u] = graph.followerCount(u);
      following[u] = graph.followingCount(u);
    }
    Arrays.sort(followers);
    Arrays.sort(following);
    int mean = (int) (SPEC.follows() / SPEC.users()); // 25
    // Zipf: the most followed user has thousands of followers, the median a handful
    assertThat(followers[SPEC.users() - 1]).isGreaterThan(40 * mean);
    assertThat(followers[SPEC.users() / 2]).isLessThan(mean / 2);
    // uniform followers: everyone follows about the mean
    assertThat(following[SPEC.users() - 1]).isLessThan(3 * mean);
    assertThat(following[0]).isGreaterThan(mean / 4);
    assertThat(graph.maxFollowers()).isEqualTo(followers[SPEC.users() - 1]);
  }

  @Test
  void theFollowersOfAUserAreExactlyThoseWhoFollowThem() {
    SocialGraph graph = SocialGraph.generate(SPEC);
    int popular = 0;
    for (int u = 0; u < SPEC.users(); u++) {
      popular = graph.followerCount(u) > graph.followerCount(popular) ? u : popular;
    }
    Set<Integer> expected = new HashSet<>();
    for (int k = 0; k < SPEC.follows(); k++) {
      if (graph.followee(k) == popular) {
        expected.add(graph.follower(k));
      }
    }
    assertThat(Arrays.stream(graph.followers(popular)).boxed())
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void celebritiesAreNotFannedOutAndTheInboxRowsCountTheRest() {
    SocialGraph graph = SocialGraph.generate(SPEC);
    long rows = 0;
    int celebrities = 0;
    for (int u = 0; u < SPEC.users(); u++) {
      celebrities += graph.followerCount(u) >= 1_000 ? 1 : 0;
    }
    for (int p = 0; p < SPEC.photos(); p++) {
      int owner = graph.photoOwner(p);
      assertThat(graph.fannedOut(p)).isEqualTo(graph.followerCount(owner) < 1_000);
      rows += graph.fannedOut(p) ? graph.followerCount(owner) : 0;
    }
    assertThat(graph.celebrities()).isEqualTo(celebrities).isPositive();
    assertThat(graph.inboxRows()).isEqualTo(rows);
  }

  @Test
  void theSameSpecGivesTheSameGraphAndAnotherSeedAnother() {
    SocialGraph a = SocialGraph.generate(SPEC);
    SocialGraph b = SocialGraph.generate(SPEC);
    SocialGraph c =
        SocialGraph.generate(new GraphSpec(2_000, 50_000, 5_000, 20_000, 8, 1.0, 1.0, 1_000));
    boolean differs = false;
    for (int k = 0; k < SPEC.follows(); k++) {
      assertThat(a.follower(k)).isEqualTo(b.follower(k));
      assertThat(a.followee(k)).isEqualTo(b.followee(k));
      differs |= a.followee(k) != c.followee(k);
    }
    for (int j = 0; j < SPEC.likes(); j++) {
      assertThat(a.likePhoto(j)).isEqualTo(b.likePhoto(j));
      assertThat(a.likeUser(j)).isEqualTo(b.likeUser(j));
    }
    assertThat(differs).isTrue();
  }
}
