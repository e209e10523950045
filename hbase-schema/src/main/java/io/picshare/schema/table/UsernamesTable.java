package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:usernames}, keyed by {@link io.picshare.schema.key.UsernameRowKey}: maps a
 * username to its user id. Uniqueness comes from writing the row with {@code checkAndMutate}
 * put-if-absent on {@code u:id}. Pre-split on the letters e, j, o, t (5 regions).
 */
public final class UsernamesTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "usernames");

  /** Family: the owner of the username. */
  public static final byte[] USER = Bytes.toBytes("u");

  /** The user id owning this username, 8-byte big-endian long. */
  public static final byte[] USER_ID = Bytes.toBytes("id");

  @Override
  public TableName name() {
    return NAME;
  }

  @Override
  public TableDescriptor descriptor() {
    return TableDescriptorBuilder.newBuilder(NAME).setColumnFamily(family(USER).build()).build();
  }

  @Override
  public byte[][] splitKeys() {
    return new byte[][] {
      Bytes.toBytes("e"), Bytes.toBytes("j"), Bytes.toBytes("o"), Bytes.toBytes("t")
    };
  }
}
