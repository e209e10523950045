package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import io.picshare.schema.key.Salt;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:photo_ids}, keyed by {@link io.picshare.schema.key.PhotoIdRowKey}: finds a
 * photo's owner (and so its {@code picshare:photos} row) from the photo id alone. Pre-split into 16
 * regions on the salt byte.
 */
public final class PhotoIdsTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "photo_ids");

  /** Family: the photo's owner. */
  public static final byte[] OWNER = Bytes.toBytes("o");

  /** The owner's user id, 8-byte big-endian long. */
  public static final byte[] USER_ID = Bytes.toBytes("u");

  /**
   * Once the photo is deleted: the id of the {@code photo-deleted} event of the one delete that
   * won, 8-byte long. The row outlives the photo row as its tombstone (purged by the reclaim job).
   */
  public static final byte[] DELETION_EVENT = Bytes.toBytes("x");

  @Override
  public TableName name() {
    return NAME;
  }

  @Override
  public TableDescriptor descriptor() {
    return TableDescriptorBuilder.newBuilder(NAME).setColumnFamily(family(OWNER).build()).build();
  }

  @Override
  public byte[][] splitKeys() {
    return Salt.splitKeys(16);
  }
}
