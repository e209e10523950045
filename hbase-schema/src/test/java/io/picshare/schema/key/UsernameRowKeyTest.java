package io.picshare.schema.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameRowKeyTest {
  @Test
  void knownVectorIsTheLowerCaseName() {
    UsernameRowKey key = new UsernameRowKey("Alice_42");

    assertThat(key.username()).isEqualTo("alice_42");
    assertThat(HexFormat.of().formatHex(key.encode())).isEqualTo("616c6963655f3432");
  }

  @Test
  void namesDifferingOnlyInCaseShareARow() {
    assertThat(new UsernameRowKey("BOB")).isEqualTo(new UsernameRowKey("bob"));
    assertThat(new UsernameRowKey("BOB").encode()).isEqualTo(new UsernameRowKey("Bob").encode());
  }

  @Test
  void roundTrip() {
    for (String name : new String[] {"abc", "a_b_c", "x".repeat(30), "user_123", "___"}) {
      UsernameRowKey key = new UsernameRowKey(name);
      assertThat(UsernameRowKey.decode(key.encode())).isEqualTo(key);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "ABC", "a1_", "0123456789", "abcdefghijklmnopqrstuvwxyz0123"})
  void acceptsValidNames(String name) {
    assertThat(UsernameRowKey.isValid(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ab",
        "abcdefghijklmnopqrstuvwxyz01234",
        "a b",
        "a-b",
        "a.b",
        "ali\u00e7e",
        "\u212Aate", // Kelvin sign: lower-cases to ASCII 'k' under Locale.ROOT
        "\u0130zmir", // dotted capital I
        "abc\n"
      })
  void rejectsInvalidNames(String name) {
    assertThat(UsernameRowKey.isValid(name)).isFalse();
    assertThatThrownBy(() -> new UsernameRowKey(name)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNull() {
    assertThat(UsernameRowKey.isValid(null)).isFalse();
    assertThatThrownBy(() -> new UsernameRowKey(null)).hasMessage("username is null");
  }

  @Test
  void decodeRejectsInvalidBytes() {
    assertThatThrownBy(() -> UsernameRowKey.decode("ab".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UsernameRowKey.decode("x".repeat(31).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UsernameRowKey.decode("Alice".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lower case");
    assertThatThrownBy(() -> UsernameRowKey.decode(new byte[] {'a', 'b', (byte) 0xc3}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
