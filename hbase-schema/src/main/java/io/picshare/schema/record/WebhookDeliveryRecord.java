package io.picshare.schema.record;

import static io.picshare.schema.table.WebhookDeliveriesTable.BODY;
import static io.picshare.schema.table.WebhookDeliveriesTable.CREATED_AT;
import static io.picshare.schema.table.WebhookDeliveriesTable.DELIVERY;
import static io.picshare.schema.table.WebhookDeliveriesTable.OWNER_ID;
import static io.picshare.schema.table.WebhookDeliveriesTable.STATE;
import static io.picshare.schema.table.WebhookDeliveriesTable.TOPIC;
import static java.util.Objects.requireNonNull;

import io.picshare.schema.key.NewestFirstRowKey;
import io.picshare.schema.table.WebhookDeliveriesTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * A webhook delivery's row in {@code picshare:webhook_deliveries} (family {@code d}, row {@link
 * NewestFirstRowKey}(webhook, event)): what is sent ({@code topic}, {@code body}), to whose
 * webhook, its {@link DeliveryState} and its attempts so far, in attempt order.
 */
public record WebhookDeliveryRecord(
    long webhookId,
    long eventId,
    long ownerId,
    String topic,
    byte[] body,
    long createdAtMillis,
    DeliveryState state,
    List<DeliveryAttempt> attempts) {
  public WebhookDeliveryRecord {
    new NewestFirstRowKey(webhookId, eventId);
    if (ownerId < 0) {
      throw new IllegalArgumentException("ownerId is negative: " + ownerId);
    }
    requireNonNull(topic, "topic is null");
    body = requireNonNull(body, "body is null").clone();
    requireNonNull(state, "state is null");
    attempts = List.copyOf(attempts);
  }

  /** A delivery not attempted yet, due at {@code createdAtMillis}. */
  public static WebhookDeliveryRecord created(
      long webhookId, long eventId, long ownerId, String topic, byte[] body, long createdAtMillis) {
    return new WebhookDeliveryRecord(
        webhookId,
        eventId,
        ownerId,
        topic,
        body,
        createdAtMillis,
        DeliveryState.pending(createdAtMillis),
        List.of());
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public NewestFirstRowKey rowKey() {
    return new NewestFirstRowKey(webhookId, eventId);
  }

  /** A put writing every cell of this delivery but the attempts (a new delivery has none). */
  public Put toPut() {
    return new Put(rowKey().encode())
        .addColumn(DELIVERY, TOPIC, Bytes.toBytes(topic))
        .addColumn(DELIVERY, BODY, body)
        .addColumn(DELIVERY, OWNER_ID, Bytes.toBytes(ownerId))
        .addColumn(DELIVERY, CREATED_AT, Bytes.toBytes(createdAtMillis))
        .addColumn(DELIVERY, STATE, state.encode());
  }

  /**
   * Decodes a delivery row.
   *
   * @throws IllegalArgumentException if the row is empty, not a delivery row, or lacks a cell (e.g.
   *     partly expired)
   */
  public static WebhookDeliveryRecord fromResult(Result result) {
    requireNonNull(result, "result is null");
    if (result.isEmpty()) {
      throw new IllegalArgumentException("result is empty");
    }
    NewestFirstRowKey key = NewestFirstRowKey.decode(result.getRow());
    CellValues cells = new CellValues(result, DELIVERY);
    List<DeliveryAttempt> attempts = new ArrayList<>();
    NavigableMap<byte[], byte[]> family = result.getFamilyMap(DELIVERY);
    for (Map.Entry<byte[], byte[]> cell : family.entrySet()) {
      int number = attemptNumber(cell.getKey());
      if (number > 0) {
        attempts.add(DeliveryAttempt.decode(number, cell.getValue()));
      }
    }
    attempts.sort(Comparator.comparingInt(DeliveryAttempt::number));
    return new WebhookDeliveryRecord(
        key.ownerId(),
        key.itemId(),
        cells.longValue(OWNER_ID),
        cells.string(TOPIC),
        cells.bytes(BODY),
        cells.longValue(CREATED_AT),
        DeliveryState.decode(cells.bytes(STATE)),
        attempts);
  }

  /** The attempt number a qualifier {@code a<n>} names, or 0 if it is not an attempt cell. */
  private static int attemptNumber(byte[] qualifier) {
    if (qualifier.length < 2 || qualifier[0] != WebhookDeliveriesTable.ATTEMPT_PREFIX[0]) {
      return 0;
    }
    String digits = new String(qualifier, 1, qualifier.length - 1, StandardCharsets.US_ASCII);
    return digits.length() <= 4 && digits.chars().allMatch(c -> c >= '0' && c <= '9')
        ? Integer.parseInt(digits)
        : 0;
  }
}
