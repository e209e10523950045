package io.picshare.batch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.schema.key.PairRowKey;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.table.FollowsTable;
import io.picshare.schema.table.PhotosTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellComparator;
import org.apache.hadoop.hbase.KeyValue;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;

class GraphRowTest {
  private static final Instant CUTOFF = Instant.parse("2026-06-01T03:00:00Z");
  private static final FeedWindow WINDOW = new FeedWindow(CUTOFF, Duration.ofDays(7));
  private static final long HOUR_AGO = CUTOFF.toEpochMilli() - 3_600_000;
  private static final byte[] PHOTO = new UserPhotoRowKey(5, 77).encode();

  private record Column(byte[] family, byte[] qualifier, byte[] value) {}

  @Test
  void aFollowRowWithAnEdgeIdIsAnEdge() {
    assertThat(GraphRow.ofFollow(row(new PairRowKey(11, 22).encode(), edge(Bytes.toBytes(99L)))))
        .isEqualTo(new GraphRow.Follow(11, 22));
  }

  @Test
  void anEmptyEdgeIdIsAnUnfollow() {
    assertThat(GraphRow.ofFollow(row(new PairRowKey(11, 22).encode(), edge(new byte[0]))))
        .isEqualTo(new GraphRow.Unfollowed(11));
  }

  @Test
  void malformedFollowRowsAreBad() {
    GraphRow bad = new GraphRow.Skipped(FeedBuildCounters.BAD_ROWS);
    assertThat(GraphRow.ofFollow(row(new byte[5], edge(Bytes.toBytes(1L))))).isEqualTo(bad);
    assertThat(GraphRow.ofFollow(row(new PairRowKey(11, 22).encode(), edge(new byte[3]))))
        .isEqualTo(bad);
    assertThat(GraphRow.ofFollow(row(new PairRowKey(11, 11).encode(), edge(Bytes.toBytes(1L)))))
        .as("following oneself")
        .isEqualTo(bad);
  }

  @Test
  void aLivePhotoInTheWindowIsACandidateWithItsLikes() {
    assertThat(GraphRow.ofPhoto(row(PHOTO, sha256(), created(HOUR_AGO), likes(12)), WINDOW))
        .isEqualTo(new GraphRow.Photo(77, 5, HOUR_AGO, 12));
  }

  @Test
  void aMissingOrNegativeLikeCountReadsAsZero() {
    assertThat(GraphRow.ofPhoto(row(PHOTO, sha256(), created(HOUR_AGO)), WINDOW))
        .isEqualTo(new GraphRow.Photo(77, 5, HOUR_AGO, 0));
    assertThat(GraphRow.ofPhoto(row(PHOTO, sha256(), created(HOUR_AGO), likes(-3)), WINDOW))
        .isEqualTo(new GraphRow.Photo(77, 5, HOUR_AGO, 0));
  }

  @Test
  void deletedAndUncommittedPhotosAreAbsent() {
    GraphRow absent = new GraphRow.Skipped(FeedBuildCounters.PHOTOS_ABSENT);
    Column deletionMark =
        new Column(PhotosTable.METADATA, PhotosTable.DELETION_EVENT, Bytes.toBytes(4L));
    assertThat(GraphRow.ofPhoto(row(PHOTO, sha256(), created(HOUR_AGO), deletionMark), WINDOW))
        .isEqualTo(absent);
    assertThat(GraphRow.ofPhoto(row(PHOTO, likes(3)), WINDOW))
        .as("only a like counter, left by a like racing a purge")
        .isEqualTo(absent);
  }

  @Test
  void photosOutsideTheWindowOrAfterTheCutoffAreSkipped() {
    long old = CUTOFF.minus(Duration.ofDays(8)).toEpochMilli();
    assertThat(GraphRow.ofPhoto(row(PHOTO, sha256(), created(old)), WINDOW))
        .isEqualTo(new GraphRow.Skipped(FeedBuildCounters.PHOTOS_OUTSIDE_WINDOW));
    assertThat(GraphRow.ofPhoto(row(PHOTO, sha256(), created(CUTOFF.toEpochMilli())), WINDOW))
        .isEqualTo(new GraphRow.Skipped(FeedBuildCounters.PHOTOS_AFTER_CUTOFF));
  }

  @Test
  void malformedPhotoRowsAreBad() {
    GraphRow bad = new GraphRow.Skipped(FeedBuildCounters.BAD_ROWS);
    Column shortCreated = new Column(PhotosTable.METADATA, PhotosTable.CREATED_AT, new byte[3]);
    assertThat(GraphRow.ofPhoto(row(PHOTO, sha256(), shortCreated), WINDOW)).isEqualTo(bad);
    Column shortLikes = new Column(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT, new byte[2]);
    assertThat(GraphRow.ofPhoto(row(PHOTO, sha256(), created(HOUR_AGO), shortLikes), WINDOW))
        .isEqualTo(bad);
    byte[] wrongSalt = PHOTO.clone();
    wrongSalt[0]++;
    assertThat(GraphRow.ofPhoto(row(wrongSalt, sha256(), created(HOUR_AGO)), WINDOW))
        .as("a salt that does not match the user id")
        .isEqualTo(bad);
  }

  private static Column edge(byte[] value) {
    return new Column(FollowsTable.EDGE, FollowsTable.EDGE_ID, value);
  }

  private static Column sha256() {
    return new Column(PhotosTable.METADATA, PhotosTable.SHA256, new byte[32]);
  }

  private static Column created(long millis) {
    return new Column(PhotosTable.METADATA, PhotosTable.CREATED_AT, Bytes.toBytes(millis));
  }

  private static Column likes(long likes) {
    return new Column(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT, Bytes.toBytes(likes));
  }

  private static Result row(byte[] key, Column... columns) {
    List<Cell> cells =
        Stream.of(columns)
            .<Cell>map(c -> new KeyValue(key, c.family(), c.qualifier(), c.value()))
            .sorted(CellComparator.getInstance())
            .toList();
    return Result.create(cells);
  }
}
