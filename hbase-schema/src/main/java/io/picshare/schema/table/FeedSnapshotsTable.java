package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import io.picshare.schema.key.Salt;
import java.time.Duration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:feed_snapshots}: the ranking a {@code top} feed's first page was cut from, keyed
 * by {@link io.picshare.schema.key.NewestFirstRowKey}(user, snapshot id), so the later pages of
 * that client (on any API instance) come from the same order: no duplicates or gaps while likes and
 * time move the scores. Expires after {@link #TIME_TO_LIVE}.
 */
public final class FeedSnapshotsTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "feed_snapshots");

  /** A client pages through one ranking for at most this long; then it starts again. */
  public static final Duration TIME_TO_LIVE = Duration.ofHours(1);

  /** Family: the snapshot; TTL {@link #TIME_TO_LIVE}. */
  public static final byte[] SNAPSHOT = Bytes.toBytes("s");

  /** The ranked photos, {@link io.picshare.schema.record.FeedCandidates#encode()}. */
  public static final byte[] RANKING = Bytes.toBytes("k");

  @Override
  public TableName name() {
    return NAME;
  }

  @Override
  public TableDescriptor descriptor() {
    return TableDescriptorBuilder.newBuilder(NAME)
        .setColumnFamily(family(SNAPSHOT).setTimeToLive((int) TIME_TO_LIVE.toSeconds()).build())
        .build();
  }

  @Override
  public byte[][] splitKeys() {
    return Salt.splitKeys(16);
  }
}
