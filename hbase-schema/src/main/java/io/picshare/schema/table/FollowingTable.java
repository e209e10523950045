package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import io.picshare.schema.key.Salt;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:following}: the accounts a user follows, newest first, one row per follow keyed
 * by {@link io.picshare.schema.key.NewestFirstRowKey}(user, edge id). Written after the {@link
 * FollowsTable} row it mirrors; a row whose {@code picshare:follows} row no longer carries its edge
 * id is stale (a crash between the writes) and is skipped by readers and removed by the repair.
 */
public final class FollowingTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "following");

  /** Family: the list entry. */
  public static final byte[] LIST = Bytes.toBytes("l");

  /** The other end: the followed user's id, 8-byte long. */
  public static final byte[] FOLLOWEE_ID = Bytes.toBytes("u");

  @Override
  public TableName name() {
    return NAME;
  }

  @Override
  public TableDescriptor descriptor() {
    return TableDescriptorBuilder.newBuilder(NAME).setColumnFamily(family(LIST).build()).build();
  }

  @Override
  public byte[][] splitKeys() {
    return Salt.splitKeys(16);
  }
}
