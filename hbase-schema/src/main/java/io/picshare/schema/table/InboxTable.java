package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import io.picshare.schema.key.Salt;
import java.time.Duration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:inbox}: the fresh layer of each user's feed, one row per photo fanned out to a
 * follower, keyed by {@link io.picshare.schema.key.NewestFirstRowKey}(follower, photo id), so the
 * photos since the nightly feed's cutoff are one short scan. Rewriting a row changes nothing, so a
 * replayed upload event is harmless. Expires after {@link #TIME_TO_LIVE}, the feed's window.
 */
public final class InboxTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "inbox");

  /** Rows expire this long after they were written: older photos leave the feed's window. */
  public static final Duration TIME_TO_LIVE = Duration.ofDays(8);

  /** Family: the entry; TTL {@link #TIME_TO_LIVE}. */
  public static final byte[] ENTRY = Bytes.toBytes("i");

  /** The photo's owner (the followee who posted it), 8-byte long. */
  public static final byte[] OWNER_ID = Bytes.toBytes("o");

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
