package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import io.picshare.schema.key.Salt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:webhook_deliveries}: one row per (webhook, event), keyed by {@link
 * io.picshare.schema.key.NewestFirstRowKey}(webhook id, event id), so a webhook's deliveries are
 * listed newest event first and a replayed event finds the row it created before. The row is both
 * the log the API shows and the truth the delivery scheduler works from: its state cell {@link
 * #STATE} is changed only by compare-and-set, which is what fences two workers off one attempt.
 * Codec: {@link io.picshare.schema.record.WebhookDeliveryRecord}. Expires after {@link
 * #TIME_TO_LIVE}; attempts per delivery are bounded by configuration, so rows stay small.
 */
public final class WebhookDeliveriesTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "webhook_deliveries");

  /** The log keeps deliveries this long after their last write. */
  public static final Duration TIME_TO_LIVE = Duration.ofDays(7);

  /** Family: the delivery; TTL {@link #TIME_TO_LIVE}. */
  public static final byte[] DELIVERY = Bytes.toBytes("d");

  /** The event type (Kafka topic), UTF-8. */
  public static final byte[] TOPIC = Bytes.toBytes("t");

  /** The request body: the event's JSON payload exactly as published, raw bytes. */
  public static final byte[] BODY = Bytes.toBytes("b");

  /** The webhook's owner id, 8-byte long (0 for the operator's moderation hook). */
  public static final byte[] OWNER_ID = Bytes.toBytes("o");

  /** When the delivery was created, epoch milliseconds, 8-byte long. */
  public static final byte[] CREATED_AT = Bytes.toBytes("c");

  /** Status, attempt count, next attempt and lease: {@code DeliveryState.encode()}. */
  public static final byte[] STATE = Bytes.toBytes("s");

  /** Qualifier prefix of the attempt cells {@code a1}, {@code a2}, …: {@code DeliveryAttempt}. */
  public static final byte[] ATTEMPT_PREFIX = Bytes.toBytes("a");

  /** The qualifier of attempt {@code number} (1-based): {@code a} followed by it in decimal. */
  public static byte[] attempt(int number) {
    if (number < 1) {
      throw new IllegalArgumentException("attempt numbers start at 1: " + number);
    }
    return ("a" + number).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public TableName name() {
    return NAME;
  }

  @Override
  public TableDescriptor descriptor() {
    return TableDescriptorBuilder.newBuilder(NAME)
        .setColumnFamily(family(DELIVERY).setTimeToLive((int) TIME_TO_LIVE.toSeconds()).build())
        .build();
  }

  @Override
  public byte[][] splitKeys() {
    return Salt.splitKeys(16);
  }
}
