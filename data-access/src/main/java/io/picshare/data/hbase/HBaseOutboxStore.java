package io.picshare.data.hbase;

import io.picshare.data.OutboxStore;
import io.picshare.schema.key.OutboxRowKey;
import io.picshare.schema.table.OutboxDeadLettersTable;
import io.picshare.schema.table.OutboxTable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * {@link OutboxStore} on {@code picshare:outbox}, keyed by {@link OutboxRowKey}; dead letters go to
 * {@code picshare:outbox_dead_letters} (copied first, then deleted from the outbox).
 */
public final class HBaseOutboxStore implements OutboxStore {
  private final HBaseConnection hbase;

  public HBaseOutboxStore(HBaseConnection hbase) {
    this.hbase = hbase;
  }

  @Override
  public CompletableFuture<Void> append(Entry entry) {
    Put put =
        new Put(rowKey(entry))
            .addColumn(OutboxTable.EVENT, OutboxTable.TOPIC, Bytes.toBytes(entry.topic()))
            .addColumn(OutboxTable.EVENT, OutboxTable.KEY, Bytes.toBytes(entry.key()))
            .addColumn(OutboxTable.EVENT, OutboxTable.PAYLOAD, entry.payload())
            .addColumn(
                OutboxTable.EVENT, OutboxTable.CREATED_AT, Bytes.toBytes(entry.createdAtMillis()));
    return hbase.table(OutboxTable.NAME).thenCompose(table -> table.put(put));
  }

  @Override
  public CompletableFuture<List<Pending>> pending(Optional<byte[]> from, int limit) {
    Scan scan = new Scan().addFamily(OutboxTable.EVENT).setLimit(limit).setCaching(limit);
    from.ifPresent(scan::withStartRow);
    return hbase
        .table(OutboxTable.NAME)
        .thenCompose(table -> table.scanAll(scan))
        .thenApply(results -> results.stream().map(HBaseOutboxStore::toPending).toList());
  }

  @Override
  public CompletableFuture<Void> remove(Entry entry) {
    return hbase
        .table(OutboxTable.NAME)
        .thenCompose(table -> table.delete(new Delete(rowKey(entry))));
  }

  @Override
  public CompletableFuture<Void> removeAll(List<Entry> entries) {
    if (entries.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<Delete> deletes = entries.stream().map(entry -> new Delete(rowKey(entry))).toList();
    return hbase.table(OutboxTable.NAME).thenCompose(table -> table.deleteAll(deletes));
  }

  @Override
  public CompletableFuture<Void> deadLetter(byte[] position, String reason) {
    return hbase
        .table(OutboxTable.NAME)
        .thenCompose(
            outbox ->
                outbox
                    .get(new Get(position))
                    .thenCompose(
                        row -> {
                          Put copy =
                              new Put(position)
                                  .addColumn(
                                      OutboxDeadLettersTable.EVENT,
                                      OutboxDeadLettersTable.REASON,
                                      Bytes.toBytes(reason))
                                  .addColumn(
                                      OutboxDeadLettersTable.EVENT,
                                      OutboxDeadLettersTable.MOVED_AT,
                                      Bytes.toBytes(System.currentTimeMillis()));
                          for (Cell cell : row.rawCells()) {
                            copy.addColumn(
                                OutboxDeadLettersTable.EVENT,
                                CellUtil.cloneQualifier(cell),
                                CellUtil.cloneValue(cell));
                          }
                          return hbase
                              .table(OutboxDeadLettersTable.NAME)
                              .thenCompose(dead -> dead.put(copy))
                              .thenCompose(copied -> outbox.delete(new Delete(position)));
                        }));
  }

  private static byte[] rowKey(Entry entry) {
    return new OutboxRowKey(entry.aggregateId(), entry.eventId()).encode();
  }

  private static Pending toPending(Result result) {
    byte[] position = result.getRow();
    try {
      OutboxRowKey key = OutboxRowKey.decode(position);
      return new Pending.Decoded(
          position,
          new Entry(
              key.aggregateId(),
              key.eventId(),
              Bytes.toString(required(result, OutboxTable.TOPIC)),
              Bytes.toString(required(result, OutboxTable.KEY)),
              required(result, OutboxTable.PAYLOAD),
              Bytes.toLong(required(result, OutboxTable.CREATED_AT))));
    } catch (IllegalArgumentException e) {
      return new Pending.Undecodable(position, e.getMessage());
    }
  }

  private static byte[] required(Result result, byte[] qualifier) {
    byte[] value = result.getValue(OutboxTable.EVENT, qualifier);
    if (value == null) {
      throw new IllegalArgumentException("cell e:" + Bytes.toString(qualifier) + " is missing");
    }
    if (qualifier == OutboxTable.CREATED_AT && value.length != Long.BYTES) {
      throw new IllegalArgumentException("cell e:c is not an 8-byte time");
    }
    return value;
  }
}
