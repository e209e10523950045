package io.picshare.schema.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebhookQueueRowKeyTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final long EPOCH = 1_767_225_600_000L;

  @Test
  void knownVectors() {
    // Also in docs/schema.md.
    assertThat(WebhookQueueRowKey.bucketOf(0xfb407003L)).isEqualTo(6);
    assertThat(HEX.formatHex(new WebhookQueueRowKey(EPOCH, 0xfa007003L, 0xfb407003L).encode()))
        .isEqualTo("60" + "0000019b76daa800" + "00000000fa007003" + "00000000fb407003");
    assertThat(HEX.formatHex(WebhookQueueRowKey.bucketStart(6))).isEqualTo("60");
    assertThat(HEX.formatHex(WebhookQueueRowKey.bucketStop(6, EPOCH)))
        .isEqualTo("600000019b76daa801");
  }

  @Test
  void roundTrip() {
    Random random = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      WebhookQueueRowKey key =
          new WebhookQueueRowKey(
              random.nextLong() & Long.MAX_VALUE,
              random.nextLong() & Long.MAX_VALUE,
              random.nextLong() & Long.MAX_VALUE);
      assertThat(WebhookQueueRowKey.decode(key.encode())).isEqualTo(key);
    }
  }

  @Test
  void everyBucketIsUsedAndMatchesTheSplitKeys() {
    boolean[] seen = new boolean[WebhookQueueRowKey.BUCKETS];
    for (long event = 1; event < 1_000; event++) {
      byte first = new WebhookQueueRowKey(EPOCH, 1, event).encode()[0];
      assertThat(first & 0x0F).isZero();
      seen[WebhookQueueRowKey.bucketOf(event)] = true;
    }
    for (boolean bucket : seen) {
      assertThat(bucket).isTrue();
    }
  }

  @Test
  void aBucketsDueRangeHoldsExactlyTheEntriesDueByThen() {
    long event = 0xfb407003L;
    int bucket = WebhookQueueRowKey.bucketOf(event);
    byte[] start = WebhookQueueRowKey.bucketStart(bucket);
    byte[] stop = WebhookQueueRowKey.bucketStop(bucket, EPOCH);
    byte[] dueNow = new WebhookQueueRowKey(EPOCH, Long.MAX_VALUE, event).encode();
    byte[] dueEarlier = new WebhookQueueRowKey(EPOCH - 1, 7, event).encode();
    byte[] dueLater = new WebhookQueueRowKey(EPOCH + 1, 0, event).encode();

    assertThat(Arrays.compareUnsigned(start, dueEarlier)).isNegative();
    assertThat(Arrays.compareUnsigned(dueEarlier, dueNow)).isNegative();
    assertThat(Arrays.compareUnsigned(dueNow, stop)).isNegative();
    assertThat(Arrays.compareUnsigned(dueLater, stop)).isPositive();
  }

  @Test
  void decodeRejectsBadKeys() {
    byte[] key = new WebhookQueueRowKey(EPOCH, 1, 0xfb407003L).encode();
    key[0] = 0x10;
    assertThatThrownBy(() -> WebhookQueueRowKey.decode(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bucket");
    assertThatThrownBy(() -> WebhookQueueRowKey.decode(new byte[17]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("25 bytes");
    assertThatThrownBy(() -> new WebhookQueueRowKey(-1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookQueueRowKey.bucketStart(16))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
