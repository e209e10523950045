package io.picshare.schema.key;

import java.nio.ByteBuffer;

/**
 * Row key of {@code picshare:webhook_queue}: {@code bucket | dueAtMillis | webhookId | eventId} (25
 * bytes, big-endian), where {@code bucket = salt(eventId) & 0xF0}, one of the 16 pre-split regions.
 * Within a bucket entries sort by due time, so "everything due by now" is the range from {@link
 * #bucketStart} to {@link #bucketStop}; the bucket spreads new entries (all due about now) over
 * every region instead of the last one.
 */
public record WebhookQueueRowKey(long dueAtMillis, long webhookId, long eventId) {
  public static final int LENGTH = 1 + 3 * Long.BYTES;

  /** How many buckets there are: one per pre-split region. */
  public static final int BUCKETS = 16;

  public WebhookQueueRowKey {
    KeyCodec.requireId(dueAtMillis, "dueAtMillis");
    KeyCodec.requireId(webhookId, "webhookId");
    KeyCodec.requireId(eventId, "eventId");
  }

  /** The bucket (0..15) of the event's entries. */
  public static int bucketOf(long eventId) {
    return (Salt.of(eventId) & 0xF0) >>> 4;
  }

  public byte[] encode() {
    return ByteBuffer.allocate(LENGTH)
        .put(bucketByte(bucketOf(eventId)))
        .putLong(dueAtMillis)
        .putLong(webhookId)
        .putLong(eventId)
        .array();
  }

  /**
   * @throws IllegalArgumentException if {@code key} is not a valid encoding
   */
  public static WebhookQueueRowKey decode(byte[] key) {
    KeyCodec.requireLength(key, LENGTH, "webhook queue row key");
    ByteBuffer buffer = ByteBuffer.wrap(key);
    byte bucket = buffer.get();
    long due = buffer.getLong();
    long webhookId = buffer.getLong();
    long eventId = buffer.getLong();
    if (eventId >= 0 && bucket != bucketByte(bucketOf(eventId))) {
      throw new IllegalArgumentException(
          String.format("queue bucket 0x%02x does not match event %d", bucket & 0xFF, eventId));
    }
    return new WebhookQueueRowKey(due, webhookId, eventId);
  }

  /** The inclusive start row of {@code bucket}: its earliest entry comes first. */
  public static byte[] bucketStart(int bucket) {
    return new byte[] {bucketByte(bucket)};
  }

  /** The exclusive stop row of the entries of {@code bucket} due at or before {@code nowMillis}. */
  public static byte[] bucketStop(int bucket, long nowMillis) {
    KeyCodec.requireId(nowMillis, "nowMillis");
    return ByteBuffer.allocate(1 + Long.BYTES)
        .put(bucketByte(bucket))
        .putLong(nowMillis + 1)
        .array();
  }

  private static byte bucketByte(int bucket) {
    if (bucket < 0 || bucket >= BUCKETS) {
      throw new IllegalArgumentException("bucket must be 0.." + (BUCKETS - 1) + ": " + bucket);
    }
    return (byte) (bucket << 4);
  }
}
