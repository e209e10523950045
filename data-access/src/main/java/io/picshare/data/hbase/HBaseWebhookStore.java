package io.picshare.data.hbase;

import io.picshare.data.WebhookStore;
import io.picshare.schema.key.PairRowKey;
import io.picshare.schema.record.WebhookRecord;
import io.picshare.schema.table.WebhooksTable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.CheckAndMutateResult;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Scan;

/** {@link WebhookStore} on {@code picshare:webhooks}: a user's webhooks are one prefix scan. */
public final class HBaseWebhookStore implements WebhookStore {
  private final HBaseConnection hbase;

  public HBaseWebhookStore(HBaseConnection hbase) {
    this.hbase = hbase;
  }

  @Override
  public CompletableFuture<Boolean> create(WebhookRecord webhook) {
    CheckAndMutate create =
        CheckAndMutate.newBuilder(webhook.rowKey().encode())
            .ifNotExists(WebhooksTable.WEBHOOK, WebhooksTable.URL)
            .build(webhook.toPut());
    return hbase
        .table(WebhooksTable.NAME)
        .thenCompose(table -> table.checkAndMutate(create))
        .thenApply(CheckAndMutateResult::isSuccess);
  }

  @Override
  public CompletableFuture<List<WebhookRecord>> list(long ownerId, int limit) {
    Scan scan =
        new Scan()
            .setStartStopRowForPrefixScan(PairRowKey.ownerPrefix(ownerId))
            .setLimit(limit)
            .setCaching(limit);
    return hbase
        .table(WebhooksTable.NAME)
        .thenCompose(table -> table.scanAll(scan))
        .thenApply(results -> results.stream().map(WebhookRecord::fromResult).toList());
  }

  @Override
  public CompletableFuture<Optional<WebhookRecord>> find(long ownerId, long webhookId) {
    Get get = new Get(new PairRowKey(ownerId, webhookId).encode());
    return hbase
        .table(WebhooksTable.NAME)
        .thenCompose(table -> table.get(get))
        .thenApply(
            result ->
                result.isEmpty()
                    ? Optional.empty()
                    : Optional.of(WebhookRecord.fromResult(result)));
  }

  @Override
  public CompletableFuture<Void> delete(long ownerId, long webhookId) {
    Delete delete = new Delete(new PairRowKey(ownerId, webhookId).encode());
    return hbase.table(WebhooksTable.NAME).thenCompose(table -> table.delete(delete));
  }
}
