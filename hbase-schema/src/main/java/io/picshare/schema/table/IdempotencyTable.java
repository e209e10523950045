package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import io.picshare.schema.key.Salt;
import java.time.Duration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:idempotency}, keyed by {@link io.picshare.schema.key.IdempotencyRowKey}: the
 * outcome of a request made with an {@code Idempotency-Key}, claimed with {@code checkAndMutate}
 * put-if-absent and expired by a 24-hour TTL. Pre-split into 16 regions on the salt byte.
 */
public final class IdempotencyTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "idempotency");

  /** How long a key is remembered: cells expire this long after they were written. */
  public static final Duration TIME_TO_LIVE = Duration.ofHours(24);

  /** Family: the remembered request and response; TTL {@link #TIME_TO_LIVE}. */
  public static final byte[] ENTRY = Bytes.toBytes("i");

  /** Fingerprint of the request (e.g. SHA-256 of method, path and body), raw bytes. */
  public static final byte[] REQUEST_FINGERPRINT = Bytes.toBytes("f");

  /** HTTP status of the response, 4-byte int; absent while the request is in flight. */
  public static final byte[] RESPONSE_STATUS = Bytes.toBytes("s");

  /** Body of the response, raw bytes. */
  public static final byte[] RESPONSE_BODY = Bytes.toBytes("b");

  /**
   * The claim: the current attempt's random token (16 raw bytes), or empty once that attempt
   * released the key. Completing or releasing the key is a compare-and-set on it, so only the
   * attempt holding the key can.
   */
  public static final byte[] CLAIM = Bytes.toBytes("c");

  /** When the current attempt claimed the key, epoch ms by the claiming instance's clock, long. */
  public static final byte[] CLAIMED_AT = Bytes.toBytes("t");

  /** Id of the photo the current attempt will create, 8-byte long; written with the claim. */
  public static final byte[] PLANNED_PHOTO_ID = Bytes.toBytes("n");

  /** Id of the photo the request created, 8-byte long; empty until the claim completes. */
  public static final byte[] PHOTO_ID = Bytes.toBytes("p");

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
