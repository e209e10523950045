package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import io.picshare.schema.key.Salt;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:feeds}, one row per user keyed by {@link io.picshare.schema.key.UserRowKey}: the
 * batch layer of the feed, written by the nightly {@code FeedBuildJob}. One cell holds the user's
 * top candidates ({@link io.picshare.schema.record.FeedCandidates}), another the cutoff they cover:
 * photos uploaded after it come from {@link InboxTable} and the pull of celebrities' photos.
 */
public final class FeedsTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "feeds");

  /** Family: the precomputed feed. */
  public static final byte[] FEED = Bytes.toBytes("f");

  /** The candidates, {@link io.picshare.schema.record.FeedCandidates#encode()}. */
  public static final byte[] CANDIDATES = Bytes.toBytes("k");

  /** The photos considered were uploaded before this time, epoch ms, 8-byte long. */
  public static final byte[] CUTOFF = Bytes.toBytes("c");

  @Override
  public TableName name() {
    return NAME;
  }

  @Override
  public TableDescriptor descriptor() {
    return TableDescriptorBuilder.newBuilder(NAME).setColumnFamily(family(FEED).build()).build();
  }

  @Override
  public byte[][] splitKeys() {
    return Salt.splitKeys(16);
  }
}
