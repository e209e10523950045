package io.picshare.batch.feed;

import io.picshare.schema.record.FeedCandidates.Candidate;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.io.LongWritable;

/**
 * Stage 2 combine: a map task's entries for one user cut to that user's best {@code top} (or one
 * "no candidate" entry), so the shuffle carries at most {@code top} entries per user and map.
 */
public final class FeedTopCombiner
    extends FeedBuildReducer<LongWritable, FeedEntry, LongWritable, FeedEntry> {
  private final FeedEntry entry = new FeedEntry();

  @Override
  protected void reduce(LongWritable user, Iterable<FeedEntry> entries, Context context)
      throws IOException, InterruptedException {
    List<Candidate> best = best(entries, settings().top());
    if (best.isEmpty()) {
      context.write(user, entry.none());
    }
    for (Candidate candidate : best) {
      context.write(user, entry.candidate(candidate));
    }
  }

  /** The best {@code top} candidates among {@code entries}, best first. */
  static List<Candidate> best(Iterable<FeedEntry> entries, int top) {
    TopCandidates best = new TopCandidates(top);
    for (FeedEntry entry : entries) {
      entry.candidate().ifPresent(best::offer);
    }
    return best.best();
  }
}
