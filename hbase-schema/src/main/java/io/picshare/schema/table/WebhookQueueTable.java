package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import io.picshare.schema.key.Salt;
import java.time.Duration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:webhook_queue}: which webhook deliveries are due when, keyed by {@link
 * io.picshare.schema.key.WebhookQueueRowKey}(bucket, due time, webhook, event), so the scheduler
 * finds what is due with one short scan per bucket. An entry is only a pointer: the delivery row
 * decides, and entries it contradicts (done, rescheduled, gone) are removed when met. The 16
 * buckets are the 16 pre-split regions. Stray entries expire after {@link #TIME_TO_LIVE}.
 */
public final class WebhookQueueTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "webhook_queue");

  /** Entries no scheduler removed expire this long after they were written. */
  public static final Duration TIME_TO_LIVE = Duration.ofDays(7);

  /** Family: the entry; TTL {@link #TIME_TO_LIVE}. */
  public static final byte[] ENTRY = Bytes.toBytes("q");

  /** The one cell of an entry, empty: everything is in the row key. */
  public static final byte[] DUE = Bytes.toBytes("d");

  @Override
  public TableName name() {
    return NAME;
  }

  @Override
  public TableDescriptor descriptor() {
    return TableDescriptorBuilder.newBuilder(NAME)
        .setColumnFamily(family(ENTRY).setTimeToLive((int) TIME_TO_LIVE.toSeconds()).build())
        .build();
  }

  @Override
  public byte[][] splitKeys() {
    return Salt.splitKeys(16);
  }
}
