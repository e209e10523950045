package io.picshare.data.hbase;

import static io.picshare.schema.table.WebhookDeliveriesTable.DELIVERY;
import static io.picshare.schema.table.WebhookDeliveriesTable.STATE;

import io.picshare.data.WebhookDeliveryStore;
import io.picshare.schema.key.NewestFirstRowKey;
import io.picshare.schema.key.WebhookQueueRowKey;
import io.picshare.schema.record.DeliveryAttempt;
import io.picshare.schema.record.DeliveryState;
import io.picshare.schema.record.WebhookDeliveryRecord;
import io.picshare.schema.table.WebhookDeliveriesTable;
import io.picshare.schema.table.WebhookQueueTable;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.CheckAndMutateResult;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Scan;

/**
 * {@link WebhookDeliveryStore} on {@code picshare:webhook_deliveries} and {@code
 * picshare:webhook_queue}. The HBase client retries a compare-and-set whose reply was lost, and
 * that retry fails its own check: a transition that finds its own next state in the row counts as
 * done.
 */
public final class HBaseWebhookDeliveryStore implements WebhookDeliveryStore {
  private static final byte[] EMPTY = HConstants.EMPTY_BYTE_ARRAY;

  private final HBaseConnection hbase;

  public HBaseWebhookDeliveryStore(HBaseConnection hbase) {
    this.hbase = hbase;
  }

  @Override
  public CompletableFuture<Boolean> createIfAbsent(WebhookDeliveryRecord delivery) {
    CheckAndMutate create =
        CheckAndMutate.newBuilder(delivery.rowKey().encode())
            .ifNotExists(DELIVERY, STATE)
            .build(delivery.toPut());
    return hbase
        .table(WebhookDeliveriesTable.NAME)
        .thenCompose(table -> table.checkAndMutate(create))
        .thenApply(CheckAndMutateResult::isSuccess);
  }

  @Override
  public CompletableFuture<Optional<WebhookDeliveryRecord>> find(long webhookId, long eventId) {
    Get get = new Get(new NewestFirstRowKey(webhookId, eventId).encode());
    return hbase
        .table(WebhookDeliveriesTable.NAME)
        .thenCompose(table -> table.get(get))
        .thenApply(HBaseWebhookDeliveryStore::delivery);
  }

  @Override
  public CompletableFuture<List<WebhookDeliveryRecord>> list(
      long webhookId, OptionalLong before, int limit) {
    Scan scan =
        new Scan()
            .withStartRow(NewestFirstRowKey.pageStart(webhookId, before))
            .withStopRow(NewestFirstRowKey.stop(webhookId))
            .setLimit(limit)
            .setCaching(limit);
    return hbase
        .table(WebhookDeliveriesTable.NAME)
        .thenCompose(table -> table.scanAll(scan))
        .thenApply(
            results ->
                results.stream()
                    .map(HBaseWebhookDeliveryStore::delivery)
                    .flatMap(Optional::stream)
                    .toList());
  }

  @Override
  public CompletableFuture<Boolean> transition(
      long webhookId,
      long eventId,
      DeliveryState seen,
      DeliveryState next,
      Optional<DeliveryAttempt> attempt) {
    byte[] row = new NewestFirstRowKey(webhookId, eventId).encode();
    Put put = new Put(row).addColumn(DELIVERY, STATE, next.encode());
    attempt.ifPresent(
        a -> put.addColumn(DELIVERY, WebhookDeliveriesTable.attempt(a.number()), a.encode()));
    CheckAndMutate change =
        CheckAndMutate.newBuilder(row).ifEquals(DELIVERY, STATE, seen.encode()).build(put);
    return hbase
        .table(WebhookDeliveriesTable.NAME)
        .thenCompose(
            table ->
                table
                    .checkAndMutate(change)
                    .thenCompose(
                        result ->
                            result.isSuccess()
                                ? CompletableFuture.completedFuture(true)
                                : table
                                    .get(new Get(row).addColumn(DELIVERY, STATE))
                                    .thenApply(
                                        now -> {
                                          byte[] state = now.getValue(DELIVERY, STATE);
                                          return state != null
                                              && DeliveryState.decode(state).equals(next);
                                        })));
  }

  @Override
  public CompletableFuture<Void> enqueue(WebhookQueueRowKey entry) {
    Put put =
        new Put(entry.encode()).addColumn(WebhookQueueTable.ENTRY, WebhookQueueTable.DUE, EMPTY);
    return hbase.table(WebhookQueueTable.NAME).thenCompose(table -> table.put(put));
  }

  @Override
  public CompletableFuture<Void> dequeue(WebhookQueueRowKey entry) {
    Delete delete = new Delete(entry.encode());
    return hbase.table(WebhookQueueTable.NAME).thenCompose(table -> table.delete(delete));
  }

  @Override
  public CompletableFuture<List<WebhookQueueRowKey>> due(int bucket, long nowMillis, int limit) {
    Scan scan =
        new Scan()
            .withStartRow(WebhookQueueRowKey.bucketStart(bucket))
            .withStopRow(WebhookQueueRowKey.bucketStop(bucket, nowMillis))
            .setLimit(limit)
            .setCaching(limit);
    return hbase
        .table(WebhookQueueTable.NAME)
        .thenCompose(table -> table.scanAll(scan))
        .thenApply(
            results ->
                results.stream()
                    .map(result -> WebhookQueueRowKey.decode(result.getRow()))
                    .toList());
  }

  /** The delivery in {@code result}, or empty if there is none or only a partly expired one. */
  private static Optional<WebhookDeliveryRecord> delivery(Result result) {
    if (result.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(WebhookDeliveryRecord.fromResult(result));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
