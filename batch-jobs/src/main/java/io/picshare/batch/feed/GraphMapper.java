package io.picshare.batch.feed;

import io.picshare.batch.RegionGroupInputFormat;
import io.picshare.schema.table.FollowsTable;
import io.picshare.schema.table.PhotosTable;
import java.io.IOException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.io.ImmutableBytesWritable;
import org.apache.hadoop.hbase.mapreduce.TableMapper;

/**
 * Stage 1 map, over {@code picshare:follows} and {@code picshare:photos} at once: each row becomes
 * what {@link GraphRow} makes of it, keyed by the user it is about. A photo goes to its owner, an
 * edge to the followee (as a follower of theirs), and every follow row also marks its follower as a
 * user who gets a feed row.
 */
public final class GraphMapper extends TableMapper<JoinKey, JoinValue> {
  private final JoinKey key = new JoinKey();
  private final JoinValue value = new JoinValue();
  private boolean follows;
  private FeedWindow window;

  @Override
  protected void setup(Context context) {
    TableName table = RegionGroupInputFormat.tableOf(context.getInputSplit());
    if (table.equals(FollowsTable.NAME)) {
      follows = true;
    } else if (table.equals(PhotosTable.NAME)) {
      follows = false;
    } else {
      throw new IllegalStateException("not an input of the feed build: " + table);
    }
    window = FeedBuildSettings.from(context.getConfiguration()).window();
  }

  @Override
  protected void map(ImmutableBytesWritable row, Result result, Context context)
      throws IOException, InterruptedException {
    GraphRow graphRow = follows ? GraphRow.ofFollow(result) : GraphRow.ofPhoto(result, window);
    if (graphRow instanceof GraphRow.Follow follow) {
      context.getCounter(FeedBuildCounters.EDGES).increment(1);
      context.write(
          key.set(follow.followeeId(), JoinValue.Kind.FOLLOWER),
          value.follower(follow.followerId()));
      context.write(
          key.set(follow.followerId(), JoinValue.Kind.FOLLOWS_SOMEONE), value.followsSomeone());
    } else if (graphRow instanceof GraphRow.Unfollowed unfollowed) {
      context.getCounter(FeedBuildCounters.UNFOLLOWED_EDGES).increment(1);
      context.write(
          key.set(unfollowed.followerId(), JoinValue.Kind.FOLLOWS_SOMEONE), value.followsSomeone());
    } else if (graphRow instanceof GraphRow.Photo photo) {
      context.getCounter(FeedBuildCounters.PHOTOS).increment(1);
      context.write(
          key.set(photo.ownerId(), JoinValue.Kind.PHOTO),
          value.photo(photo.photoId(), photo.createdAtMillis(), photo.likes()));
    } else if (graphRow instanceof GraphRow.Skipped skipped) {
      context.getCounter(skipped.reason()).increment(1);
    }
  }
}
