package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import io.picshare.schema.key.Salt;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:users}, one row per user keyed by {@link io.picshare.schema.key.UserRowKey}: the
 * profile in family {@code p} and counters, updated only with {@code Increment}, in family {@code
 * c}. Pre-split into 16 regions on the salt byte.
 */
public final class UsersTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "users");

  /** Family: the profile, written once at sign-up and on profile edits. */
  public static final byte[] PROFILE = Bytes.toBytes("p");

  /** Profile: the lower-case username, UTF-8. */
  public static final byte[] USERNAME = Bytes.toBytes("u");

  /** Profile: the password hash (KDF output in its own text format), UTF-8. */
  public static final byte[] PASSWORD_HASH = Bytes.toBytes("h");

  /** Profile: sign-up time, epoch milliseconds, 8-byte big-endian long. */
  public static final byte[] CREATED_AT = Bytes.toBytes("t");

  /** Family: counters, 8-byte big-endian longs changed only via {@code Increment}. */
  public static final byte[] COUNTERS = Bytes.toBytes("c");

  /** Counter: number of photos the user has posted. */
  public static final byte[] PHOTO_COUNT = Bytes.toBytes("p");

  /** Counter: number of followers. */
  public static final byte[] FOLLOWER_COUNT = Bytes.toBytes("f");

  /** Counter: number of accounts the user follows. */
  public static final byte[] FOLLOWING_COUNT = Bytes.toBytes("g");

  @Override
  public TableName name() {
    return NAME;
  }

  @Override
  public TableDescriptor descriptor() {
    return TableDescriptorBuilder.newBuilder(NAME)
        .setColumnFamily(family(PROFILE).build())
        .setColumnFamily(family(COUNTERS).build())
        .build();
  }

  @Override
  public byte[][] splitKeys() {
    return Salt.splitKeys(16);
  }
}
