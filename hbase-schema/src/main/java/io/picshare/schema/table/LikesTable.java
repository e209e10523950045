package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import io.picshare.schema.key.Salt;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:likes}, one row per (photo, user) keyed by {@link
 * io.picshare.schema.key.PairRowKey}: who likes which photo. A like writes {@code k:t} by
 * compare-and-set (absent or unliked) and an unlike empties it by compare-and-set on that value, so
 * each changes the photo's like count ({@link PhotosTable#LIKE_COUNT}) at most once.
 */
public final class LikesTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "likes");

  /** Family: the like. */
  public static final byte[] LIKE = Bytes.toBytes("k");

  /** The like's id (time-ordered, from the id generator), 8-byte long; empty: not liked. */
  public static final byte[] LIKE_ID = Bytes.toBytes("i");

  @Override
  public TableName name() {
    return NAME;
  }

  @Override
  public TableDescriptor descriptor() {
    return TableDescriptorBuilder.newBuilder(NAME).setColumnFamily(family(LIKE).build()).build();
  }

  @Override
  public byte[][] splitKeys() {
    return Salt.splitKeys(16);
  }
}
