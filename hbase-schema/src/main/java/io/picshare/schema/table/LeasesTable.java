package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:leases}, one row per lease keyed by its UTF-8 name (e.g. {@code worker/0042} for
 * an id-generator worker id, {@code outbox-relay} for the active relay). A lease is taken with
 * {@code checkAndMutate} (put-if-absent, or replace-if-unchanged once expired) and renewed by
 * compare-and-set on its holder. A few hundred rows at most, so one region.
 */
public final class LeasesTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "leases");

  /** Family: the lease. */
  public static final byte[] LEASE = Bytes.toBytes("l");

  /** The holder's random token, 16 raw bytes; a holder renews only while this is its own. */
  public static final byte[] HOLDER = Bytes.toBytes("h");

  /**
   * When the lease lapses unless renewed, epoch milliseconds by the holder's clock, 8-byte long.
   */
  public static final byte[] EXPIRES_AT = Bytes.toBytes("e");

  /**
   * For worker-id leases: no id with a later timestamp (epoch ms, 8-byte long) was issued under
   * this lease, and the next holder issues only ids after it, so a clock behind never reissues one.
   */
  public static final byte[] RESERVED_UNTIL = Bytes.toBytes("r");

  @Override
  public TableName name() {
    return NAME;
  }

  @Override
  public TableDescriptor descriptor() {
    return TableDescriptorBuilder.newBuilder(NAME).setColumnFamily(family(LEASE).build()).build();
  }

  @Override
  public byte[][] splitKeys() {
    return new byte[0][];
  }
}
