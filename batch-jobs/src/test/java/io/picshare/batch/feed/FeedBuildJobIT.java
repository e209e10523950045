package io.picshare.batch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.data.FeedStore.BatchFeed;
import io.picshare.data.feed.FeedRanking;
import io.picshare.data.hbase.HBaseFeedStore;
import io.picshare.schema.key.PairRowKey;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.key.UserRowKey;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.FeedCandidates;
import io.picshare.schema.record.FeedCandidates.Candidate;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.table.FeedsTable;
import io.picshare.schema.table.FollowsTable;
import io.picshare.schema.table.PhotosTable;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.hadoop.util.ToolRunner;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The feed build submitted to the local stack's real YARN (its tasks run in NodeManager containers
 * with the cluster's classpath plus the jars the job ships, so a classpath clash fails here), over
 * a constructed graph with an injected cutoff, and the exact feeds it writes: ranking with decay,
 * the window and the cutoff, deleted and uncommitted photos left out, an ended follow left out, an
 * empty feed replacing a stale one, a user without follows left alone, and the top K cut.
 */
@ExtendWith(LocalStackExtension.class)
class FeedBuildJobIT {
  private static final Instant NOW = Instant.parse("2026-06-01T03:00:00Z");
  private static final int TOP = 3;

  // People: A follows B and C, and unfollowed D; E only unfollowed D; F follows C; G follows no
  // one.
  private static final long A = 7_000_001, B = 7_000_002, C = 7_000_003, D = 7_000_004;
  private static final long E = 7_000_005, F = 7_000_006, G = 7_000_007;

  private static Configuration conf;
  private static Connection hbase;

  @BeforeAll
  static void connect(StackEndpoints stack) throws IOException {
    conf = HBaseConfiguration.create();
    try (Stream<Path> files = Files.list(stack.hadoopConfDir())) {
      files
          .filter(file -> file.toString().endsWith("-site.xml"))
          .forEach(file -> conf.addResource(new org.apache.hadoop.fs.Path(file.toUri())));
    }
    hbase = ConnectionFactory.createConnection(conf);
  }

  @AfterAll
  static void close() throws IOException {
    hbase.close();
  }

  @Test
  void buildsEveryFollowersTopCandidatesOnYarn() throws Exception {
    List<Put> photos = new ArrayList<>();
    Photo b1 = photo(photos, B, 101, hoursAgo(1), 0);
    Photo b2 = photo(photos, B, 102, hoursAgo(10), 20);
    photo(photos, B, 103, hoursAgo(8 * 24), 500); // older than the 7-day window
    photo(photos, B, 104, hoursAgo(-1), 50); // uploaded after the cutoff
    photos.add(
        new Photo(105, B, hoursAgo(2), 5) // deleted: carries a deletion mark
            .put()
            .addColumn(PhotosTable.METADATA, PhotosTable.DELETION_EVENT, Bytes.toBytes(9L)));
    photos.add(counterOnly(B, 106, 7)); // a like counted while its photo was purged
    Photo c1 = photo(photos, C, 201, hoursAgo(30), 100);
    Photo c2 = photo(photos, C, 202, hoursAgo(3), 1);
    Photo c3 = photo(photos, C, 203, hoursAgo(7 * 24 - 1), 1000); // just inside the window
    photo(photos, D, 301, hoursAgo(1), 10_000);
    photos.add(
        new Put(new UserPhotoRowKey(D, 302).encode()) // created-at of the wrong size
            .addColumn(PhotosTable.METADATA, PhotosTable.SHA256, new byte[32])
            .addColumn(PhotosTable.METADATA, PhotosTable.CREATED_AT, new byte[3]));
    try (Table table = hbase.getTable(PhotosTable.NAME)) {
      table.put(photos);
    }
    try (Table table = hbase.getTable(FollowsTable.NAME)) {
      table.put(
          List.of(
              follow(A, B),
              follow(A, C),
              unfollowed(A, D),
              unfollowed(E, D),
              follow(F, C),
              new Put(new PairRowKey(G + 1, B).encode()) // an edge id of the wrong size
                  .addColumn(FollowsTable.EDGE, FollowsTable.EDGE_ID, new byte[3])));
    }
    try (Table table = hbase.getTable(FeedsTable.NAME)) {
      // E's feed from a build a day earlier, when E still followed D.
      long dayBefore = NOW.minus(Duration.ofDays(1)).toEpochMilli();
      table.put(
          HBaseFeedStore.batchPut(
              E,
              new BatchFeed(new FeedCandidates(List.of(new Candidate(301, D, 9.0))), dayBefore),
              dayBefore));
    }

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    FeedBuildJob job =
        new FeedBuildJob(
            Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC),
            new PrintStream(printed, true, StandardCharsets.UTF_8));
    int exit =
        ToolRunner.run(
            new Configuration(conf), job, new String[] {"--now", NOW.toString(), "--top", "3"});
    String output = printed.toString(StandardCharsets.UTF_8);
    System.out.print(output);
    assertThat(exit).as(output).isZero();

    // Ranked by (likes + 1) / (age_hours + 2)^1.5 at the cutoff: c1 (30 h, 100 likes) 0.558,
    // b2 (10 h, 20 likes) 0.505, c3 (167 h, 1000 likes) 0.456; then b1 0.192 and c2 0.179 are cut.
    assertThat(feed(A)).isEqualTo(feedOf(c1, b2, c3));
    assertThat(feed(F)).isEqualTo(feedOf(c1, c3, c2));
    assertThat(b1.candidate().score()).isLessThan(c3.candidate().score());
    assertThat(feed(E)).as("the stale feed is replaced by an empty one").isEqualTo(feedOf());
    assertThat(feedRow(G).isEmpty()).as("no feed row for a user with no follow rows").isTrue();
    assertThat(
            feedRow(A).getColumnLatestCell(FeedsTable.FEED, FeedsTable.CANDIDATES).getTimestamp())
        .as("cells carry the cutoff as their timestamp")
        .isEqualTo(NOW.toEpochMilli());

    Map<FeedBuildCounters, Long> counters = job.lastResult().orElseThrow().counters();
    // what the graph above determines exactly (only these users follow anyone)
    assertThat(counters)
        .containsAllEntriesOf(
            Map.ofEntries(
                Map.entry(FeedBuildCounters.EDGES, 3L),
                Map.entry(FeedBuildCounters.UNFOLLOWED_EDGES, 2L),
                Map.entry(FeedBuildCounters.PAIRS, 8L),
                Map.entry(FeedBuildCounters.USERS, 3L),
                Map.entry(FeedBuildCounters.FEEDS_WRITTEN, 2L),
                Map.entry(FeedBuildCounters.EMPTY_FEEDS_WRITTEN, 1L),
                Map.entry(FeedBuildCounters.CANDIDATES_WRITTEN, 6L)));
    // the photos table is shared with the other batch tests of this JVM: at least this test's
    assertThat(counters.get(FeedBuildCounters.PHOTOS)).isGreaterThanOrEqualTo(6);
    assertThat(counters.get(FeedBuildCounters.PHOTOS_OUTSIDE_WINDOW)).isGreaterThanOrEqualTo(1);
    assertThat(counters.get(FeedBuildCounters.PHOTOS_AFTER_CUTOFF)).isGreaterThanOrEqualTo(1);
    assertThat(counters.get(FeedBuildCounters.PHOTOS_ABSENT)).isGreaterThanOrEqualTo(2);
    assertThat(counters.get(FeedBuildCounters.BAD_ROWS)).isGreaterThanOrEqualTo(2);
    assertThat(output).contains("users ", "edges ", "photos ", "feeds-written ", "bad-rows ");

    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(conf);
      yarn.start();
      List<ApplicationReport> builds =
          yarn.getApplications(Set.of("MAPREDUCE")).stream()
              .filter(app -> app.getName().startsWith("picshare feed-build"))
              .toList();
      assertThat(builds)
          .as("both jobs ran as YARN applications")
          .hasSize(2)
          .allSatisfy(
              app ->
                  assertThat(app.getFinalApplicationStatus())
                      .isEqualTo(FinalApplicationStatus.SUCCEEDED));
    }
  }

  private static long hoursAgo(long hours) {
    return NOW.minus(Duration.ofHours(hours)).toEpochMilli();
  }

  /** A photo of the graph, and the candidate it makes at the cutoff. */
  private record Photo(long photoId, long ownerId, long createdAt, long likes) {
    Candidate candidate() {
      return new Candidate(
          photoId, ownerId, FeedRanking.score(likes, createdAt, NOW.toEpochMilli()));
    }

    Put put() {
      return new PhotoRecord(
              photoId,
              ownerId,
              "photo " + photoId,
              "image/jpeg",
              1234,
              48,
              32,
              1,
              null,
              null,
              "ab".repeat(32),
              new BlobLocation("/photos/" + photoId, 0, 1234),
              createdAt)
          .toPut()
          .addColumn(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT, Bytes.toBytes(likes));
    }
  }

  private static Photo photo(List<Put> puts, long owner, long photoId, long createdAt, long likes) {
    Photo photo = new Photo(photoId, owner, createdAt, likes);
    puts.add(photo.put());
    return photo;
  }

  private static BatchFeed feedOf(Photo... best) {
    return new BatchFeed(
        new FeedCandidates(Stream.of(best).map(Photo::candidate).toList()), NOW.toEpochMilli());
  }

  private static Put counterOnly(long owner, long photoId, long likes) {
    return new Put(new UserPhotoRowKey(owner, photoId).encode())
        .addColumn(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT, Bytes.toBytes(likes));
  }

  private static Put follow(long follower, long followee) {
    return new Put(new PairRowKey(follower, followee).encode())
        .addColumn(FollowsTable.EDGE, FollowsTable.EDGE_ID, Bytes.toBytes(follower * 10));
  }

  private static Put unfollowed(long follower, long followee) {
    return new Put(new PairRowKey(follower, followee).encode())
        .addColumn(FollowsTable.EDGE, FollowsTable.EDGE_ID, new byte[0]);
  }

  private static Result feedRow(long userId) throws IOException {
    try (Table table = hbase.getTable(FeedsTable.NAME)) {
      return table.get(new Get(new UserRowKey(userId).encode()));
    }
  }

  private static BatchFeed feed(long userId) throws IOException {
    Result row = feedRow(userId);
    return new BatchFeed(
        FeedCandidates.decode(row.getValue(FeedsTable.FEED, FeedsTable.CANDIDATES)),
        Bytes.toLong(row.getValue(FeedsTable.FEED, FeedsTable.CUTOFF)));
  }
}
