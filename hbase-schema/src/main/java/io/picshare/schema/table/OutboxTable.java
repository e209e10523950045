package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import io.picshare.schema.key.Salt;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:outbox}, keyed by {@link io.picshare.schema.key.OutboxRowKey}: events written
 * alongside the data they describe, published to Kafka by the relay and then deleted. Pre-split
 * into 16 regions on the salt byte.
 */
public final class OutboxTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "outbox");

  /** Family: one pending event. */
  public static final byte[] EVENT = Bytes.toBytes("e");

  /** Kafka topic, UTF-8. */
  public static final byte[] TOPIC = Bytes.toBytes("t");

  /** Kafka record key, raw bytes. */
  public static final byte[] KEY = Bytes.toBytes("k");

  /** Kafka record value (the event payload), raw bytes. */
  public static final byte[] PAYLOAD = Bytes.toBytes("v");

  /** When the event was recorded, epoch milliseconds, 8-byte long. */
  public static final byte[] CREATED_AT = Bytes.toBytes("c");

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
    return Salt.splitKeys(16);
  }
}
