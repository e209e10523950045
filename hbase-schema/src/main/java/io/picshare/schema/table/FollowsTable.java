package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import io.picshare.schema.key.Salt;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:follows}, one row per (follower, followee) keyed by {@link
 * io.picshare.schema.key.PairRowKey}: the truth of who follows whom. A follow writes {@code f:e}
 * with a new edge id by compare-and-set (absent or unfollowed), an unfollow sets it empty by
 * compare-and-set on that id, so either happens once however often it is retried; nothing is
 * deleted, so no delete marker can hide a follow written right after it. The list tables {@link
 * FollowingTable} and {@link FollowersTable} are written after this row and repaired from it.
 */
public final class FollowsTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "follows");

  /** Family: the relation. */
  public static final byte[] EDGE = Bytes.toBytes("f");

  /** The follow's edge id (time-ordered, from the id generator), 8-byte long; empty: unfollowed. */
  public static final byte[] EDGE_ID = Bytes.toBytes("e");

  @Override
  public TableName name() {
    return NAME;
  }

  @Override
  public TableDescriptor descriptor() {
    return TableDescriptorBuilder.newBuilder(NAME).setColumnFamily(family(EDGE).build()).build();
  }

  @Override
  public byte[][] splitKeys() {
    return Salt.splitKeys(16);
  }
}
