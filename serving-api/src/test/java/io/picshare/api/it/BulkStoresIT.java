package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.data.FollowStore;
import io.picshare.data.FollowStore.Follow;
import io.picshare.data.LeaseStore;
import io.picshare.data.LikeStore.Like;
import io.picshare.data.UserAccount;
import io.picshare.data.UserStore.Created;
import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.hbase.HBaseFollowStore;
import io.picshare.data.hbase.HBaseLeaseStore;
import io.picshare.data.hbase.HBaseLikeStore;
import io.picshare.data.hbase.HBaseUserStore;
import io.picshare.data.lease.LeaseHolder;
import io.picshare.data.lease.WorkerIdLease;
import io.picshare.schema.record.UserRecord;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bulk and rerun-safe store methods the benchmark's graph generator writes with, against the
 * real HBase: rerunning a batch with the same ids changes nothing, and a pair that stands with
 * another id is reported, not overwritten.
 */
@ExtendWith(LocalStackExtension.class)
class BulkStoresIT {
  private static HBaseConnection hbase;

  @BeforeAll
  static void connect(StackEndpoints stack) {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", stack.zookeeperQuorum());
    hbase = new HBaseConnection(conf);
  }

  @AfterAll
  static void close() throws Exception {
    hbase.close();
  }

  private static long id() {
    return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 60);
  }

  @Test
  void followAllStartsEachPairOnceAndARerunOfTheSameBatchChangesNothing() throws Exception {
    HBaseFollowStore follows = new HBaseFollowStore(hbase);
    long a = id();
    long b = id();
    long c = id();
    long taken = id();
    // c already follows a, with an edge of its own (as if through the API)
    assertThat(follows.follow(c, a, taken).get(30, TimeUnit.SECONDS)).isTrue();
    List<Follow> batch =
        List.of(new Follow(a, b, id()), new Follow(b, a, id()), new Follow(c, a, id()));

    assertThat(follows.followAll(batch).get(30, TimeUnit.SECONDS))
        .containsExactly(true, true, false);
    follows.addAllToLists(batch.subList(0, 2)).get(30, TimeUnit.SECONDS);
    assertThat(follows.followAll(batch).get(30, TimeUnit.SECONDS))
        .containsExactly(true, true, false);
    follows.addAllToLists(batch.subList(0, 2)).get(30, TimeUnit.SECONDS);

    assertThat(follows.edge(a, b).get(30, TimeUnit.SECONDS))
        .isEqualTo(OptionalLong.of(batch.get(0).edgeId()));
    assertThat(follows.edge(c, a).get(30, TimeUnit.SECONDS)).isEqualTo(OptionalLong.of(taken));
    assertThat(follows.following(a, OptionalLong.empty(), 10).get(30, TimeUnit.SECONDS))
        .containsExactly(new FollowStore.Edge(batch.get(0).edgeId(), b));
    assertThat(follows.followers(a, OptionalLong.empty(), 10).get(30, TimeUnit.SECONDS))
        .extracting(FollowStore.Edge::userId)
        .containsExactlyInAnyOrder(b); // c's list rows were never written in this test
    // an ended follow starts again with the batch's id
    follows.unfollow(a, b).get(30, TimeUnit.SECONDS);
    assertThat(follows.followAll(batch.subList(0, 1)).get(30, TimeUnit.SECONDS))
        .containsExactly(true);
    assertThat(follows.edge(a, b).get(30, TimeUnit.SECONDS))
        .isEqualTo(OptionalLong.of(batch.get(0).edgeId()));
  }

  @Test
  void likeAllIsRerunSafeAndLeavesAnotherLikeAlone() throws Exception {
    HBaseLikeStore likes = new HBaseLikeStore(hbase);
    long photo = id();
    long user = id();
    long other = id();
    assertThat(likes.like(photo, other, id()).get(30, TimeUnit.SECONDS)).isTrue();
    List<Like> batch = List.of(new Like(photo, user, id()), new Like(photo, other, id()));

    assertThat(likes.likeAll(batch).get(30, TimeUnit.SECONDS)).containsExactly(true, false);
    assertThat(likes.likeAll(batch).get(30, TimeUnit.SECONDS)).containsExactly(true, false);
    assertThat(likes.likedBy(user, List.of(photo)).get(30, TimeUnit.SECONDS))
        .containsExactly(photo);
    assertThat(likes.likeAll(List.of()).get(30, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void aRepeatedCreateOfTheSameRecordCompletesItAndCountsAddUp() throws Exception {
    HBaseUserStore users = new HBaseUserStore(hbase);
    String username = "bulk_" + Long.toHexString(id()).substring(0, 10);
    UserRecord user = new UserRecord(id(), username, "$argon2id$not-checked-here", 1_000);

    assertThat(users.create(user).get(30, TimeUnit.SECONDS)).isEqualTo(Created.CREATED);
    assertThat(users.create(user).get(30, TimeUnit.SECONDS)).isEqualTo(Created.CREATED);
    UserRecord impostor = new UserRecord(id(), username, "$argon2id$other", 2_000);
    assertThat(users.create(impostor).get(30, TimeUnit.SECONDS)).isEqualTo(Created.USERNAME_TAKEN);

    users.addToCounts(user.userId(), 3, 5, 7).get(30, TimeUnit.SECONDS);
    users.addToCounts(user.userId(), -1, 0, 2).get(30, TimeUnit.SECONDS);
    users.addToCounts(user.userId(), 0, 0, 0).get(30, TimeUnit.SECONDS);
    UserAccount account = users.findByUsername(username).get(30, TimeUnit.SECONDS).orElseThrow();
    assertThat(account.user()).isEqualTo(user);
    assertThat(account.photoCount()).isEqualTo(2);
    assertThat(account.followerCount()).isEqualTo(5);
    assertThat(account.followingCount()).isEqualTo(9);
  }

  @Test
  void aReservedWorkerIdIsNeverReservedAgainAndItsNextHolderIssuesOnlyLaterIds() throws Exception {
    LeaseStore store = new HBaseLeaseStore(hbase);
    byte[] holder = "it".getBytes(StandardCharsets.UTF_8);
    long until = System.currentTimeMillis() + 60_000;

    int first = WorkerIdLease.reserveUnused(store, holder, until).get(30, TimeUnit.SECONDS);
    int second = WorkerIdLease.reserveUnused(store, holder, until).get(30, TimeUnit.SECONDS);

    assertThat(second).isNotEqualTo(first);
    LeaseHolder instance =
        new LeaseHolder(store, Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofSeconds(10));
    LeaseHolder.Held taken =
        instance
            .tryAcquire(String.format("worker/%04d", first), 30_000)
            .get(30, TimeUnit.SECONDS)
            .orElseThrow();
    assertThat(taken.previousReservedUntilMillis()).isEqualTo(until);
  }
}
