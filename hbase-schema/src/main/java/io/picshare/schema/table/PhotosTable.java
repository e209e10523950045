package io.picshare.schema.table;

import static io.picshare.schema.table.ColumnFamilies.family;

import io.picshare.schema.key.Salt;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.io.encoding.DataBlockEncoding;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@code picshare:photos}, one row per photo keyed by {@link
 * io.picshare.schema.key.UserPhotoRowKey} (owner, newest first), holding the photo's metadata in
 * family {@code m} (codec: {@link io.picshare.schema.record.PhotoRecord}). FAST_DIFF block encoding
 * because neighbouring keys share long prefixes. Pre-split into 16 regions on the salt byte.
 */
public final class PhotosTable implements PicShareTable {
  public static final TableName NAME = TableName.valueOf(NAMESPACE, "photos");

  /** Family: photo metadata. Owner and photo id are in the row key, not in cells. */
  public static final byte[] METADATA = Bytes.toBytes("m");

  /** Title as given by the uploader, UTF-8 (may be empty). */
  public static final byte[] TITLE = Bytes.toBytes("t");

  /** Media type of the stored bytes, e.g. {@code image/jpeg}, UTF-8. */
  public static final byte[] CONTENT_TYPE = Bytes.toBytes("ct");

  /** Size of the original in bytes, 8-byte long. */
  public static final byte[] SIZE_BYTES = Bytes.toBytes("s");

  /** Width in pixels as stored (before applying orientation), 4-byte int. */
  public static final byte[] WIDTH = Bytes.toBytes("w");

  /** Height in pixels as stored (before applying orientation), 4-byte int. */
  public static final byte[] HEIGHT = Bytes.toBytes("h");

  /** EXIF orientation 1..8, 4-byte int. */
  public static final byte[] ORIENTATION = Bytes.toBytes("o");

  /** GPS latitude in degrees, 8-byte IEEE 754 double; absent when unknown. */
  public static final byte[] LATITUDE = Bytes.toBytes("la");

  /** GPS longitude in degrees, 8-byte IEEE 754 double; absent when unknown. */
  public static final byte[] LONGITUDE = Bytes.toBytes("lo");

  /** SHA-256 of the original bytes, 32 raw bytes. */
  public static final byte[] SHA256 = Bytes.toBytes("sh");

  /**
   * Where the bytes are: {@link io.picshare.schema.record.BlobLocation#encode()}. One cell, so the
   * pack job can move a photo with a single compare-and-set on it.
   */
  public static final byte[] LOCATION = Bytes.toBytes("l");

  /** Upload time, epoch milliseconds, 8-byte long. */
  public static final byte[] CREATED_AT = Bytes.toBytes("c");

  /**
   * Deletion mark: the id of the {@code photo-deleted} event, 8-byte long. Written by
   * compare-and-set by the one delete that wins; a marked row reads as absent and is removed once
   * its event is in the outbox (the repair tool finishes deletions a crash interrupted).
   */
  public static final byte[] DELETION_EVENT = Bytes.toBytes("x");

  /**
   * The photo's display renditions: {@link io.picshare.schema.record.RenditionSet#encode()}.
   * Written once, by compare-and-set, by the renditions worker; absent until then.
   */
  public static final byte[] RENDITIONS = Bytes.toBytes("r");

  /**
   * Why the renditions could not be built (a {@code RenditionFailedException} reason code, UTF-8,
   * e.g. {@code malformed-image}); written instead of {@link #RENDITIONS}, by compare-and-set.
   */
  public static final byte[] RENDITION_FAILURE = Bytes.toBytes("rf");

  /**
   * Family: counters, 8-byte longs changed only with {@code Increment} (kept apart from the
   * metadata, which never changes once written).
   */
  public static final byte[] COUNTERS = Bytes.toBytes("c");

  /** Counter: likes of the photo; recomputed from {@code picshare:likes} by the repair. */
  public static final byte[] LIKE_COUNT = Bytes.toBytes("l");

  @Override
  public TableName name() {
    return NAME;
  }

  @Override
  public TableDescriptor descriptor() {
    return TableDescriptorBuilder.newBuilder(NAME)
        .setColumnFamily(family(METADATA).setDataBlockEncoding(DataBlockEncoding.FAST_DIFF).build())
        .setColumnFamily(family(COUNTERS).build())
        .build();
  }

  @Override
  public byte[][] splitKeys() {
    return Salt.splitKeys(16);
  }
}
