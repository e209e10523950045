package io.picshare.api.storage;

import static java.util.Objects.requireNonNull;

import io.picshare.schema.key.OutboxRowKey;
import io.picshare.schema.table.OutboxTable;
import io.vertx.core.Future;
import java.util.List;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Events waiting to be published, in HBase, so recording an event never depends on Kafka being
 * up. The relay publishes and then removes them.
 */
public final class OutboxRepository {
  /** One pending event: its Kafka topic, key and payload. */
  public record Entry(long eventId, String topic, String key, byte[] payload, long createdAtMillis) {
    public Entry {
      requireNonNull(topic, "topic is null");
      requireNonNull(key, "key is null");
      requireNonNull(payload, "payload is null");
    }
  }

  private final HBaseClient hbase;

  public OutboxRepository(HBaseClient hbase) {
    this.hbase = hbase;
  }

  public Future<Void> append(Entry entry) {
    Put put = new Put(new OutboxRowKey(entry.eventId()).encode())
        .addColumn(OutboxTable.EVENT, OutboxTable.TOPIC, Bytes.toBytes(entry.topic()))
        .addColumn(OutboxTable.EVENT, OutboxTable.KEY, Bytes.toBytes(entry.key()))
        .addColumn(OutboxTable.EVENT, OutboxTable.PAYLOAD, entry.payload())
        .addColumn(OutboxTable.EVENT, OutboxTable.CREATED_AT, Bytes.toBytes(entry.createdAtMillis()));
    return hbase.connection().compose(connection -> AsyncBridge.toFuture(connection.getTable(OutboxTable.NAME).put(put)));
  }

  /**
   * Up to {@code limit} pending events written at or after {@code sinceMillis}, in no particular
   * order. A recent window lets HBase skip store files of older (long published, deleted) events.
   */
  public Future<List<Entry>> pending(long sinceMillis, int limit) {
    Scan scan = new Scan().addFamily(OutboxTable.EVENT).setLimit(limit).setCaching(limit);
    try {
      scan.setTimeRange(sinceMillis, Long.MAX_VALUE);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("bad time range from " + sinceMillis, e);
    }
    return hbase.connection().compose(connection ->
        AsyncBridge.toFuture(connection.getTable(OutboxTable.NAME).scanAll(scan))
            .map(results -> results.stream().map(OutboxRepository::toEntry).toList()));
  }

  public Future<Void> remove(long eventId) {
    return hbase.connection().compose(connection -> AsyncBridge.toFuture(
        connection.getTable(OutboxTable.NAME).delete(new Delete(new OutboxRowKey(eventId).encode()))));
  }

  private static Entry toEntry(Result result) {
    return new Entry(
        OutboxRowKey.decode(result.getRow()).eventId(),
        Bytes.toString(result.getValue(OutboxTable.EVENT, OutboxTable.TOPIC)),
        Bytes.toString(result.getValue(OutboxTable.EVENT, OutboxTable.KEY)),
        result.getValue(OutboxTable.EVENT, OutboxTable.PAYLOAD),
        Bytes.toLong(result.getValue(OutboxTable.EVENT, OutboxTable.CREATED_AT)));
  }
}
