package io.picshare.batch.feed;

import io.picshare.data.FeedStore.BatchFeed;
import io.picshare.data.hbase.HBaseFeedStore;
import io.picshare.schema.record.FeedCandidates;
import io.picshare.schema.record.FeedCandidates.Candidate;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.hbase.client.Mutation;
import org.apache.hadoop.hbase.io.ImmutableBytesWritable;
import org.apache.hadoop.io.LongWritable;

/**
 * Stage 2 reduce, once per user: writes the user's best {@code top} candidates (possibly none) and
 * the cutoff to {@code picshare:feeds}, in one put whose cells carry the cutoff as their timestamp:
 * a rerun or a speculative task writes the same row again, and a build for an older cutoff cannot
 * replace a newer one.
 */
public final class FeedWriteReducer
    extends FeedBuildReducer<LongWritable, FeedEntry, ImmutableBytesWritable, Mutation> {
  @Override
  protected void reduce(LongWritable user, Iterable<FeedEntry> entries, Context context)
      throws IOException, InterruptedException {
    List<Candidate> best = FeedTopCombiner.best(entries, settings().top());
    long cutoff = settings().cutoffMillis();
    context.write(
        null,
        HBaseFeedStore.batchPut(
            user.get(), new BatchFeed(new FeedCandidates(best), cutoff), cutoff));
    context.getCounter(FeedBuildCounters.USERS).increment(1);
    context
        .getCounter(
            best.isEmpty()
                ? FeedBuildCounters.EMPTY_FEEDS_WRITTEN
                : FeedBuildCounters.FEEDS_WRITTEN)
        .increment(1);
    context.getCounter(FeedBuildCounters.CANDIDATES_WRITTEN).increment(best.size());
  }
}
