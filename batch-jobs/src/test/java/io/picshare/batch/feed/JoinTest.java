package io.picshare.batch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.data.feed.FeedRanking;
import io.picshare.schema.record.FeedCandidates.Candidate;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.io.DataInputBuffer;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.Writable;
import org.junit.jupiter.api.Test;

/** The join's keys, values and reduce logic, without a cluster. */
class JoinTest {
  private static final Instant CUTOFF = Instant.parse("2026-06-01T03:00:00Z");
  private static final FeedBuildSettings SETTINGS =
      new FeedBuildSettings(new FeedWindow(CUTOFF, Duration.ofDays(7)), 2, 1);

  private record Entry(long userId, Optional<Candidate> candidate) {}

  @Test
  void aUsersPhotosSortBeforeTheFollowMarkerAndTheFollowers() {
    List<JoinKey> keys =
        new ArrayList<>(
            List.of(
                new JoinKey(2, JoinValue.Kind.FOLLOWER),
                new JoinKey(1, JoinValue.Kind.FOLLOWER),
                new JoinKey(1, JoinValue.Kind.FOLLOWS_SOMEONE),
                new JoinKey(2, JoinValue.Kind.PHOTO),
                new JoinKey(1, JoinValue.Kind.PHOTO)));
    keys.sort(null);
    assertThat(keys)
        .containsExactly(
            new JoinKey(1, JoinValue.Kind.PHOTO),
            new JoinKey(1, JoinValue.Kind.FOLLOWS_SOMEONE),
            new JoinKey(1, JoinValue.Kind.FOLLOWER),
            new JoinKey(2, JoinValue.Kind.PHOTO),
            new JoinKey(2, JoinValue.Kind.FOLLOWER));
  }

  @Test
  void oneUsersRecordsShareAPartitionAndAGroup() {
    JoinKey photo = new JoinKey(42, JoinValue.Kind.PHOTO);
    JoinKey follower = new JoinKey(42, JoinValue.Kind.FOLLOWER);
    JoinKey.ByUser partitioner = new JoinKey.ByUser();
    assertThat(partitioner.getPartition(photo, null, 7))
        .isEqualTo(partitioner.getPartition(follower, null, 7));
    assertThat(new JoinKey.UserGrouping().compare(photo, follower)).isZero();
    assertThat(new JoinKey.UserGrouping().compare(photo, new JoinKey(43, JoinValue.Kind.PHOTO)))
        .isNegative();
  }

  @Test
  void writablesRoundTrip() throws IOException {
    assertThat(roundTrip(new JoinKey(9, JoinValue.Kind.FOLLOWER), new JoinKey()))
        .isEqualTo(new JoinKey(9, JoinValue.Kind.FOLLOWER));
    JoinValue photo = roundTrip(new JoinValue().photo(5, 1234, 17), new JoinValue());
    assertThat(List.of(photo.kind(), photo.id(), photo.createdAtMillis(), photo.likes()))
        .containsExactly(JoinValue.Kind.PHOTO, 5L, 1234L, 17L);
    JoinValue follower = roundTrip(new JoinValue().follower(8), new JoinValue());
    assertThat(List.of(follower.kind(), follower.id()))
        .containsExactly(JoinValue.Kind.FOLLOWER, 8L);
    Candidate candidate = new Candidate(3, 4, 0.25);
    assertThat(roundTrip(new FeedEntry().candidate(candidate), new FeedEntry()).candidate())
        .contains(candidate);
    assertThat(roundTrip(new FeedEntry().none(), new FeedEntry()).candidate()).isEmpty();
  }

  @Test
  void fanOutPairsEveryFollowerWithTheUsersBestPhotosAndMarksTheUserOnce() throws Exception {
    long cutoff = CUTOFF.toEpochMilli();
    List<JoinValue> values =
        List.of(
            new JoinValue().photo(100, cutoff - 3_600_000, 0),
            new JoinValue().photo(101, cutoff - 7_200_000, 50),
            new JoinValue().photo(102, cutoff - 36_000_000, 1),
            new JoinValue().followsSomeone(),
            new JoinValue().followsSomeone(),
            new JoinValue().follower(20),
            new JoinValue().follower(21));
    List<Entry> entries = new ArrayList<>();
    long pairs =
        PhotoFanOutReducer.fanOut(
            10, values, SETTINGS, (user, candidate) -> entries.add(new Entry(user, candidate)));
    Candidate best = new Candidate(101, 10, FeedRanking.score(50, cutoff - 7_200_000, cutoff));
    Candidate second = new Candidate(100, 10, FeedRanking.score(0, cutoff - 3_600_000, cutoff));
    assertThat(entries)
        .containsExactly(
            new Entry(10, Optional.empty()),
            new Entry(20, Optional.of(best)),
            new Entry(20, Optional.of(second)),
            new Entry(21, Optional.of(best)),
            new Entry(21, Optional.of(second)));
    assertThat(pairs).isEqualTo(4);
  }

  @Test
  void aUserWithoutPhotosGivesFollowersNothing() throws Exception {
    List<Entry> entries = new ArrayList<>();
    long pairs =
        PhotoFanOutReducer.fanOut(
            10,
            List.of(new JoinValue().follower(20)),
            SETTINGS,
            (user, candidate) -> entries.add(new Entry(user, candidate)));
    assertThat(entries).isEmpty();
    assertThat(pairs).isZero();
  }

  @Test
  void theTopStageKeepsTheBestAcrossEntriesAndIgnoresMarkers() {
    List<FeedEntry> entries =
        List.of(
            new FeedEntry().none(),
            new FeedEntry().candidate(new Candidate(1, 9, 0.1)),
            new FeedEntry().candidate(new Candidate(2, 8, 0.3)),
            new FeedEntry().candidate(new Candidate(3, 9, 0.2)));
    assertThat(FeedTopCombiner.best(entries, 2))
        .containsExactly(new Candidate(2, 8, 0.3), new Candidate(3, 9, 0.2));
    assertThat(FeedTopCombiner.best(List.of(new FeedEntry().none()), 2)).isEmpty();
  }

  private static <T extends Writable> T roundTrip(Writable written, T read) throws IOException {
    DataOutputBuffer out = new DataOutputBuffer();
    written.write(out);
    DataInputBuffer in = new DataInputBuffer();
    in.reset(out.getData(), out.getLength());
    read.readFields(in);
    return read;
  }
}
