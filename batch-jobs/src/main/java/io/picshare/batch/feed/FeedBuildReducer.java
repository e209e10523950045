package io.picshare.batch.feed;

import org.apache.hadoop.mapreduce.Reducer;

/**
 * A reduce (or combine) step of the feed build: it runs with its job's {@link FeedBuildSettings}.
 */
abstract class FeedBuildReducer<KEYIN, VALUEIN, KEYOUT, VALUEOUT>
    extends Reducer<KEYIN, VALUEIN, KEYOUT, VALUEOUT> {
  private FeedBuildSettings settings;

  @Override
  protected void setup(Context context) {
    settings = FeedBuildSettings.from(context.getConfiguration());
  }

  protected FeedBuildSettings settings() {
    return settings;
  }
}
