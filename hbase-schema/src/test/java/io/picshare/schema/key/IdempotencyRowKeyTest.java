package io.picshare.schema.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyRowKeyTest {
  @Test
  void knownVector() {
    // User 0xfa007003, key "req-1"; also in docs/schema.md.
    assertThat(HexFormat.of().formatHex(new IdempotencyRowKey(0xfa007003L, "req-1").encode()))
        .isEqualTo("4600000000fa0070037265712d31");
  }

  @Test
  void roundTrip() {
    StringBuilder everyVisibleCharacter = new StringBuilder();
    for (char c = 0x21; c <= 0x7e; c++) {
      everyVisibleCharacter.append(c);
    }
    for (String key :
        new String[] {
          "a",
          "550e8400-e29b-41d4-a716-446655440000",
          "k".repeat(128),
          everyVisibleCharacter.toString()
        }) {
      IdempotencyRowKey rowKey = new IdempotencyRowKey(99, key);
      assertThat(rowKey.encode()).hasSize(9 + key.length());
      assertThat(IdempotencyRowKey.decode(rowKey.encode())).isEqualTo(rowKey);
    }
  }

  @Test
  void keysAreScopedToTheUser() {
    byte[] prefix = new UserRowKey(99).encode();

    assertThat(Bytes.startsWith(new IdempotencyRowKey(99, "k").encode(), prefix)).isTrue();
    assertThat(Bytes.startsWith(new IdempotencyRowKey(100, "k").encode(), prefix)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "tab\t", "caf\u00e9", "\u007f"})
  void rejectsInvalidKeys(String key) {
    assertThat(IdempotencyRowKey.isValidKey(key)).isFalse();
    assertThatThrownBy(() -> new IdempotencyRowKey(1, key))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsOverlongKeysAndNull() {
    assertThatThrownBy(() -> new IdempotencyRowKey(1, "k".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IdempotencyRowKey(1, null)).hasMessage("key is null");
    assertThat(IdempotencyRowKey.isValidKey(null)).isFalse();
  }

  @Test
  void decodeRejectsInvalidBytes() {
    byte[] valid = new IdempotencyRowKey(1, "abc").encode();
    byte[] badCharacter = valid.clone();
    badCharacter[10] = (byte) 0xe9;

    assertThatThrownBy(() -> IdempotencyRowKey.decode(Arrays.copyOf(valid, 9)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IdempotencyRowKey.decode(new byte[9 + 129]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IdempotencyRowKey.decode(badCharacter))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
