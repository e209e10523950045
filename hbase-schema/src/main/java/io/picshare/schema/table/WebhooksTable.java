package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import io.picshare.schema.key.Salt;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:webhooks}, one row per webhook keyed by {@link
 * io.picshare.schema.key.PairRowKey}(owner, webhook id), so a user's webhooks are one short prefix
 * scan (the fan-out does it for every event about that user) and a webhook is found only under its
 * owner. Codec: {@link io.picshare.schema.record.WebhookRecord}. Pre-split into 16 regions on the
 * salt byte.
 */
public final class WebhooksTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "webhooks");

  /** Family: the webhook. */
  public static final byte[] WEBHOOK = Bytes.toBytes("w");

  /** The target URL, UTF-8. */
  public static final byte[] URL = Bytes.toBytes("u");

  /** The subscribed event types (topic names), comma-separated, UTF-8. */
  public static final byte[] EVENTS = Bytes.toBytes("e");

  /** The signing secret, UTF-8 ({@code whsec_…}); its UTF-8 bytes are the HMAC key. */
  public static final byte[] SECRET = Bytes.toBytes("s");

  /** Registration time, epoch milliseconds, 8-byte long. */
  public static final byte[] CREATED_AT = Bytes.toBytes("c");

  @Override
  public TableName name() {
    return NAME;
  }

  @Override
  public TableDescriptor descriptor() {
    return TableDescriptorBuilder.newBuilder(NAME).setColumnFamily(family(WEBHOOK).build()).build();
  }

  @Override
  public byte[][] splitKeys() {
    return Salt.splitKeys(16);
  }
}
