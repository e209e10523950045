package io.picshare.schema.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.schema.id.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SaltTest {
  @Test
  void knownVectors() {
    assertThat(Salt.of(0)).isEqualTo((byte) 0x00);
    assertThat(Salt.of(1)).isEqualTo((byte) 0x9e);
    assertThat(Salt.of(2)).isEqualTo((byte) 0x3c);
    assertThat(Salt.of(0xfa007003L)).isEqualTo((byte) 0x46);
  }

  @Test
  void spreadsTimeOrderedIdsEvenlyOverBuckets() {
    // One worker's ids over 64 consecutive milliseconds, 400 per millisecond.
    int[] buckets = new int[256];
    Instant start = Instant.parse("2026-11-23T00:00:00Z");
    for (int ms = 0; ms < 64; ms++) {
      IdGenerator generator =
          new IdGenerator(17, Clock.fixed(start.plusMillis(ms), ZoneOffset.UTC));
      for (int i = 0; i < 400; i++) {
        buckets[Byte.toUnsignedInt(Salt.of(generator.next()))]++;
      }
    }
    // 25,600 ids over 256 buckets: 100 expected in each.
    for (int bucket = 0; bucket < 256; bucket++) {
      assertThat(buckets[bucket]).as("bucket %d", bucket).isBetween(50, 150);
    }
  }

  @Test
  void consecutiveIdsLandInDifferentSixteenthsOfTheKeySpace() {
    int[] regions = new int[16];
    for (long id = 1L << 40; id < (1L << 40) + 1600; id++) {
      regions[Byte.toUnsignedInt(Salt.of(id)) >>> 4]++;
    }
    for (int region = 0; region < 16; region++) {
      assertThat(regions[region]).as("region %d", region).isBetween(80, 120);
    }
  }

  @Test
  void splitKeysDivideTheSaltSpaceEvenly() {
    byte[][] keys = Salt.splitKeys(16);

    assertThat(keys).hasNumberOfRows(15);
    for (int i = 0; i < 15; i++) {
      assertThat(keys[i]).containsExactly((byte) ((i + 1) * 0x10));
    }
    assertThat(Salt.splitKeys(1)).isEmpty();
    assertThat(Salt.splitKeys(256)).hasNumberOfRows(255);
    assertThatThrownBy(() -> Salt.splitKeys(12)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Salt.splitKeys(512)).isInstanceOf(IllegalArgumentException.class);
  }
}
