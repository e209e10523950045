package io.picshare.schema.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The keys of follows, likes (pairs) and of following, followers, inbox (newest-first lists). */
class RelationRowKeysTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void knownVectors() {
    // Also in docs/schema.md.
    assertThat(HEX.formatHex(new PairRowKey(0xfa007003L, 0xfb407003L).encode()))
        .isEqualTo("4600000000fa00700300000000fb407003");
    assertThat(HEX.formatHex(new NewestFirstRowKey(0xfa007003L, 0xfb407003L).encode()))
        .isEqualTo("4600000000fa0070037fffffff04bf8ffc");
  }

  @Test
  void roundTrip() {
    Random random = new Random(2);
    for (int i = 0; i < 10_000; i++) {
      long owner = random.nextLong() & Long.MAX_VALUE;
      long other = random.nextLong() & Long.MAX_VALUE;
      assertThat(PairRowKey.decode(new PairRowKey(owner, other).encode()))
          .isEqualTo(new PairRowKey(owner, other));
      assertThat(NewestFirstRowKey.decode(new NewestFirstRowKey(owner, other).encode()))
          .isEqualTo(new NewestFirstRowKey(owner, other));
    }
  }

  @Test
  void listsSortNewestFirstWithinTheirOwnersRange() {
    long owner = 77;
    byte[] newer = new NewestFirstRowKey(owner, 1_000).encode();
    byte[] older = new NewestFirstRowKey(owner, 999).encode();
    assertThat(Arrays.compareUnsigned(newer, older)).isNegative();
    assertThat(Arrays.compareUnsigned(NewestFirstRowKey.start(owner), newer)).isNegative();
    assertThat(Arrays.compareUnsigned(older, NewestFirstRowKey.stop(owner))).isNegative();
    byte[] afterNewer = NewestFirstRowKey.startAfter(owner, 1_000);
    assertThat(Arrays.compareUnsigned(newer, afterNewer)).isNegative();
    assertThat(Arrays.compareUnsigned(afterNewer, older)).isNegative();
    assertThat(PairRowKey.ownerPrefix(owner)).isEqualTo(NewestFirstRowKey.start(owner));
  }

  @Test
  void decodeRejectsBadKeys() {
    byte[] key = new PairRowKey(5, 6).encode();
    key[0]++;
    assertThatThrownBy(() -> PairRowKey.decode(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("salt");
    assertThatThrownBy(() -> NewestFirstRowKey.decode(new byte[9]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("17 bytes");
    assertThatThrownBy(() -> new PairRowKey(-1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
