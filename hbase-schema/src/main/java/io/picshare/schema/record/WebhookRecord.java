package io.picshare.schema.record;

import static io.picshare.schema.table.WebhooksTable.CREATED_AT;
import static io.picshare.schema.table.WebhooksTable.EVENTS;
import static io.picshare.schema.table.WebhooksTable.SECRET;
import static io.picshare.schema.table.WebhooksTable.URL;
import static io.picshare.schema.table.WebhooksTable.WEBHOOK;
import static java.util.Objects.requireNonNull;

import io.picshare.schema.key.PairRowKey;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * A webhook's row in {@code picshare:webhooks} (family {@code w}, row {@link PairRowKey}(owner,
 * webhook)); owner and webhook id come from the row key. {@code events} are topic names, none empty
 * or containing a comma (they are stored comma-separated).
 */
public record WebhookRecord(
    long ownerId,
    long webhookId,
    String url,
    List<String> events,
    String secret,
    long createdAtMillis) {
  public WebhookRecord {
    new PairRowKey(ownerId, webhookId);
    requireNonNull(url, "url is null");
    requireNonNull(secret, "secret is null");
    events = List.copyOf(events);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a webhook needs at least one event");
    }
    for (String event : events) {
      if (event.isEmpty() || event.contains(",")) {
        throw new IllegalArgumentException("invalid event name: '" + event + "'");
      }
    }
  }

  public PairRowKey rowKey() {
    return new PairRowKey(ownerId, webhookId);
  }

  /** A put writing every cell of this webhook. */
  public Put toPut() {
    return new Put(rowKey().encode())
        .addColumn(WEBHOOK, URL, Bytes.toBytes(url))
        .addColumn(WEBHOOK, EVENTS, Bytes.toBytes(String.join(",", events)))
        .addColumn(WEBHOOK, SECRET, Bytes.toBytes(secret))
        .addColumn(WEBHOOK, CREATED_AT, Bytes.toBytes(createdAtMillis));
  }

  /**
   * Decodes a webhook row.
   *
   * @throws IllegalArgumentException if the row is empty, not a webhook row, or lacks a cell
   */
  public static WebhookRecord fromResult(Result result) {
    requireNonNull(result, "result is null");
    if (result.isEmpty()) {
      throw new IllegalArgumentException("result is empty");
    }
    PairRowKey key = PairRowKey.decode(result.getRow());
    CellValues cells = new CellValues(result, WEBHOOK);
    return new WebhookRecord(
        key.ownerId(),
        key.memberId(),
        cells.string(URL),
        Arrays.asList(cells.string(EVENTS).split(",", -1)),
        cells.string(SECRET),
        cells.longValue(CREATED_AT));
  }
}
