package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:outbox_dead_letters}: outbox entries the relay could not publish (undecodable, or
 * of an unknown type), moved aside under their original row key with every original cell in family
 * {@code e} plus why and when. Ops inspect them with {@code scan 'picshare:outbox_dead_letters'};
 * the relay never retries them. Rare, so one region.
 */
public final class OutboxDeadLettersTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "outbox_dead_letters");

  /** Family: the original outbox cells, plus {@link #REASON} and {@link #MOVED_AT}. */
  public static final byte[] EVENT = OutboxTable.EVENT;

  /** Why the entry was moved aside, UTF-8. */
  public static final byte[] REASON = Bytes.toBytes("why");

  /** When it was moved aside, epoch milliseconds, 8-byte long. */
  public static final byte[] MOVED_AT = Bytes.toBytes("at");

  @Override
  public TableName name() {
    return NAME;
  }

  @Override
  public TableDescriptor descriptor() {
    return TableDescriptorBuilder.newBuilder(NAME).setColumnFamily(family(EVENT).build()).build();
  }

  @Override
  public byte[][] splitKeys() {
    return new byte[0][];
  }
}
