package io.picshare.batch.feed;

import io.picshare.data.feed.FeedRanking;
import io.picshare.schema.record.FeedCandidates.Candidate;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Stage 1 reduce, once per user: scores the user's photos ({@link FeedRanking#score} at the
 * cutoff), keeps the best {@code top} (no follower's feed can hold more of them), and pairs each of
 * the user's followers with each of those; if the user follows someone, also hands on a "no
 * candidate" entry so the user's own feed row is written. The secondary sort ({@link JoinKey})
 * brings the photos first, so only they are held in memory, never the followers.
 */
public final class PhotoFanOutReducer extends Reducer<JoinKey, JoinValue, LongWritable, FeedEntry> {
  private final LongWritable user = new LongWritable();
  private final FeedEntry entry = new FeedEntry();
  private FeedBuildSettings settings;

  @Override
  protected void setup(Context context) {
    settings = FeedBuildSettings.from(context.getConfiguration());
  }

  @Override
  protected void reduce(JoinKey key, Iterable<JoinValue> values, Context context)
      throws IOException, InterruptedException {
    long userId = key.userId();
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
            context.write(user(userId), entry.none());
          }
        }
        case FOLLOWER -> {
          if (best == null) {
            best = photos.best();
          }
          user(value.id());
          for (Candidate candidate : best) {
            context.write(user, entry.candidate(candidate));
          }
          pairs += best.size();
        }
      }
    }
    context.getCounter(FeedBuildCounters.PAIRS).increment(pairs);
  }

  private LongWritable user(long userId) {
    user.set(userId);
    return user;
  }
}
