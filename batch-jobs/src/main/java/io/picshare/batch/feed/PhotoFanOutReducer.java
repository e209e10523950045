package io.picshare.batch.feed;

import io.picshare.data.feed.FeedRanking;
import io.picshare.schema.record.FeedCandidates.Candidate;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.io.LongWritable;

/**
 * Stage 1 reduce, once per user: scores the user's photos ({@link FeedRanking#score} at the
 * cutoff), keeps the best {@code top} (no follower's feed can hold more of them), and pairs each of
 * the user's followers with each of those; if the user follows someone, also hands on a "no
 * candidate" entry so the user's own feed row is written. The secondary sort ({@link JoinKey})
 * brings the photos first, so only they are held in memory, never the followers.
 */
public final class PhotoFanOutReducer
    extends FeedBuildReducer<JoinKey, JoinValue, LongWritable, FeedEntry> {
  private final LongWritable user = new LongWritable();
  private final FeedEntry entry = new FeedEntry();

  @Override
  protected void reduce(JoinKey key, Iterable<JoinValue> values, Context context)
      throws IOException, InterruptedException {
    long pairs =
        fanOut(
            key.userId(),
            values,
            settings(),
            (userId, candidate) -> {
              user.set(userId);
              context.write(user, entry.set(candidate));
            });
    context.getCounter(FeedBuildCounters.PAIRS).increment(pairs);
  }

  /** Where {@link #fanOut} sends its entries: a user and a candidate for them, or none. */
  interface Entries {
    void add(long userId, Optional<Candidate> candidate) throws IOException, InterruptedException;
  }

  /**
   * The entries {@code userId}'s records make, in the order the secondary sort brings them (photos,
   * then "follows someone" markers, then followers); returns the number of (follower, candidate)
   * pairs.
   */
  static long fanOut(
      long userId, Iterable<JoinValue> values, FeedBuildSettings settings, Entries entries)
      throws IOException, InterruptedException {
    TopCandidates photos = new TopCandidates(settings.top());
    List<Candidate> best = null;
    boolean markedFollowing = false;
    long pairs = 0;
    for (JoinValue value : values) {
      switch (value.kind()) {
        case PHOTO ->
            photos.offer(
                new Candidate(
                    value.id(),
                    userId,
                    FeedRanking.score(
                        value.likes(), value.createdAtMillis(), settings.cutoffMillis())));
        case FOLLOWS_SOMEONE -> {
          if (!markedFollowing) {
            markedFollowing = true;
            entries.add(userId, Optional.empty());
          }
        }
        case FOLLOWER -> {
          if (best == null) {
            best = photos.best();
          }
          for (Candidate candidate : best) {
            entries.add(value.id(), Optional.of(candidate));
          }
          pairs += best.size();
        }
      }
    }
    return pairs;
  }
}
