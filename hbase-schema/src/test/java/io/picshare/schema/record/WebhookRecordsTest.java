package io.picshare.schema.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.schema.key.NewestFirstRowKey;
import io.picshare.schema.key.PairRowKey;
import io.picshare.schema.record.DeliveryState.Status;
import io.picshare.schema.table.WebhookDeliveriesTable;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.hbase.client.Put;
import org.junit.jupiter.api.Test;

/** The cells of {@code picshare:webhooks} and {@code picshare:webhook_deliveries}. */
class WebhookRecordsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final long EPOCH = 1_767_225_600_000L;
  private static final byte[] HOLDER = filled(16, (byte) 1);

  @Test
  void webhookRoundTripsThroughAPut() {
    WebhookRecord webhook =
        new WebhookRecord(
            0xfa007003L,
            0xfb407003L,
            "https://example.com/hooks",
            List.of("photo-uploaded", "user-followed"),
            "whsec_abc",
            EPOCH);

    Put put = webhook.toPut();

    assertThat(put.getRow()).isEqualTo(new PairRowKey(0xfa007003L, 0xfb407003L).encode());
    assertThat(WebhookRecord.fromResult(PutResults.toResult(put))).isEqualTo(webhook);
  }

  @Test
  void webhookEventsMustBeNamesWithoutCommas() {
    assertThatThrownBy(() -> new WebhookRecord(1, 2, "http://x", List.of(), "s", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WebhookRecord(1, 2, "http://x", List.of("a,b"), "s", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WebhookRecord(-1, 2, "http://x", List.of("a"), "s", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deliveryStateVector() {
    // Also in docs/schema.md: pending, claimed for its second attempt until EPOCH + 30 s.
    DeliveryState state = new DeliveryState(Status.PENDING, 2, EPOCH, HOLDER, EPOCH + 30_000);

    assertThat(HEX.formatHex(state.encode()))
        .isEqualTo(
            "0100"
                + "00000002"
                + "0000019b76daa800"
                + "01010101010101010101010101010101"
                + "0000019b76db1d30");
    assertThat(DeliveryState.decode(state.encode())).isEqualTo(state);
  }

  @Test
  void deliveryStateTransitions() {
    DeliveryState fresh = DeliveryState.pending(EPOCH);
    assertThat(fresh.attempts()).isZero();
    assertThat(fresh.claimedAt(EPOCH)).isFalse();

    DeliveryState claimed = fresh.claimed(HOLDER, EPOCH + 30_000);
    assertThat(claimed.attempts()).isEqualTo(1);
    assertThat(claimed.claimedAt(EPOCH + 29_999)).isTrue();
    assertThat(claimed.claimedAt(EPOCH + 30_000)).as("lapsed").isFalse();
    assertThat(claimed).isNotEqualTo(fresh);

    DeliveryState retry = claimed.retryAt(EPOCH + 10_000);
    assertThat(retry.status()).isEqualTo(Status.PENDING);
    assertThat(retry.attempts()).isEqualTo(1);
    assertThat(retry.nextAttemptAtMillis()).isEqualTo(EPOCH + 10_000);
    assertThat(retry.claimedAt(EPOCH)).isFalse();

    DeliveryState done = retry.claimed(HOLDER, EPOCH + 60_000).finished(Status.SUCCEEDED, EPOCH);
    assertThat(done.attempts()).isEqualTo(2);
    assertThat(done.status()).isEqualTo(Status.SUCCEEDED);
    assertThatThrownBy(() -> done.claimed(HOLDER, EPOCH)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void deliveryStateDecodeRejectsBadCells() {
    byte[] cell = DeliveryState.pending(EPOCH).encode();
    cell[1] = 7;
    assertThatThrownBy(() -> DeliveryState.decode(cell))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("status");
    assertThatThrownBy(() -> DeliveryState.decode(new byte[37]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deliveryAttemptVector() {
    // Also in docs/schema.md.
    DeliveryAttempt attempt = new DeliveryAttempt(1, EPOCH, 250, 503, "HTTP 503");

    assertThat(HEX.formatHex(attempt.encode()))
        .isEqualTo("01" + "0000019b76daa800" + "000000fa" + "000001f7" + "4854545020353033");
    assertThat(DeliveryAttempt.decode(1, attempt.encode())).isEqualTo(attempt);
    assertThat(attempt.succeeded()).isFalse();
    assertThat(new DeliveryAttempt(2, EPOCH, 5, 204, "").succeeded()).isTrue();
    assertThat(new DeliveryAttempt(3, EPOCH, 5, 0, "x".repeat(1000)).error()).hasSize(300);
  }

  @Test
  void deliveryRoundTripsWithItsAttemptsInOrder() {
    byte[] body = "{\"type\":\"photo-uploaded\"}".getBytes(StandardCharsets.UTF_8);
    WebhookDeliveryRecord created =
        WebhookDeliveryRecord.created(0xfa007003L, 0xfb407003L, 42, "photo-uploaded", body, EPOCH);
    Put put = created.toPut();
    assertThat(put.getRow()).isEqualTo(new NewestFirstRowKey(0xfa007003L, 0xfb407003L).encode());
    for (int number : new int[] {10, 2, 1}) {
      put.addColumn(
          WebhookDeliveriesTable.DELIVERY,
          WebhookDeliveriesTable.attempt(number),
          new DeliveryAttempt(number, EPOCH + number, 1, 500, "HTTP 500").encode());
    }

    WebhookDeliveryRecord read = WebhookDeliveryRecord.fromResult(PutResults.toResult(put));

    assertThat(read.webhookId()).isEqualTo(0xfa007003L);
    assertThat(read.eventId()).isEqualTo(0xfb407003L);
    assertThat(read.ownerId()).isEqualTo(42);
    assertThat(read.topic()).isEqualTo("photo-uploaded");
    assertThat(read.body()).isEqualTo(body);
    assertThat(read.createdAtMillis()).isEqualTo(EPOCH);
    assertThat(read.state()).isEqualTo(DeliveryState.pending(EPOCH));
    assertThat(read.attempts()).extracting(DeliveryAttempt::number).containsExactly(1, 2, 10);
  }

  private static byte[] filled(int length, byte value) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, value);
    return bytes;
  }
}
