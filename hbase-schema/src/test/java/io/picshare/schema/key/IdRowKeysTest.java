package io.picshare.schema.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The {@code salt(id) | id} keys of users and photo_ids, and the outbox key that extends it. */
class IdRowKeysTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void knownVectors() {
    // Also in docs/schema.md.
    assertThat(HEX.formatHex(new UserRowKey(0xfa007003L).encode())).isEqualTo("4600000000fa007003");
    assertThat(HEX.formatHex(new PhotoIdRowKey(0xfb407003L).encode()))
        .isEqualTo("6e00000000fb407003");
    assertThat(HEX.formatHex(new OutboxRowKey(0xfb407003L, 0xfb407004L).encode()))
        .isEqualTo("6e00000000fb40700300000000fb407004");
  }

  @Test
  void roundTrip() {
    Random random = new Random(1);
    for (int i = 0; i < 10_000; i++) {
      long id = random.nextLong() & Long.MAX_VALUE;
      assertThat(UserRowKey.decode(new UserRowKey(id).encode())).isEqualTo(new UserRowKey(id));
      assertThat(PhotoIdRowKey.decode(new PhotoIdRowKey(id).encode()))
          .isEqualTo(new PhotoIdRowKey(id));
      assertThat(OutboxRowKey.decode(new OutboxRowKey(id, id / 3).encode()))
          .isEqualTo(new OutboxRowKey(id, id / 3));
    }
    assertThat(UserRowKey.decode(new UserRowKey(0).encode()).userId()).isZero();
    assertThat(UserRowKey.decode(new UserRowKey(Long.MAX_VALUE).encode()).userId())
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void keysAreNineBytesStartingWithTheSalt() {
    byte[] key = new UserRowKey(123_456_789L).encode();

    assertThat(key).hasSize(9);
    assertThat(key[0]).isEqualTo(Salt.of(123_456_789L));
  }

  @Test
  void decodeRejectsWrongLength() {
    byte[] key = new UserRowKey(5).encode();
    byte[] longer = HEX.parseHex(HEX.formatHex(key) + "00");

    assertThatThrownBy(() -> UserRowKey.decode(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("9 bytes");
    assertThatThrownBy(() -> PhotoIdRowKey.decode(longer))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutboxRowKey.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutboxRowKey.decode(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decodeRejectsWrongSaltAndNegativeIds() {
    byte[] key = new UserRowKey(5).encode();
    key[0]++;
    byte[] negative = HEX.parseHex("00ffffffffffffffff");

    assertThatThrownBy(() -> UserRowKey.decode(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("salt");
    assertThatThrownBy(() -> UserRowKey.decode(negative))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNegativeIds() {
    assertThatThrownBy(() -> new UserRowKey(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PhotoIdRowKey(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OutboxRowKey(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OutboxRowKey(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void oneAggregatesOutboxEventsAreAdjacentAndInEventOrder() {
    byte[] first = new OutboxRowKey(77, 1000).encode();
    byte[] second = new OutboxRowKey(77, 1001).encode();
    byte[] other = new OutboxRowKey(78, 999).encode();

    assertThat(java.util.Arrays.compareUnsigned(first, second)).isNegative();
    assertThat(java.util.Arrays.mismatch(first, second)).isEqualTo(9 + 7);
    assertThat(java.util.Arrays.mismatch(first, other)).isZero();
  }
}
