package io.picshare.schema.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicIdsTest {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  @Test
  void knownVectors() {
    // Also in docs/schema.md.
    assertThat(PublicIds.encode(0)).isEqualTo("6FxOqqZBhGg");
    assertThat(PublicIds.encode(1)).isEqualTo("EeSHx78RlTN");
    assertThat(PublicIds.encode(2)).isEqualTo("BRduEGbozhJ");
    assertThat(PublicIds.encode(0xfa007003L)).isEqualTo("ABat8Vaq4R4");
    assertThat(PublicIds.encode(Long.MAX_VALUE)).isEqualTo("D7sd2WLDvuX");
    assertThat(PublicIds.decode("ABat8Vaq4R4")).hasValue(0xfa007003L);
  }

  @Test
  void roundTripsRandomNonNegativeIds() {
    Random random = new Random(20260101);
    for (int i = 0; i < 100_000; i++) {
      long id = random.nextLong() & Long.MAX_VALUE;
      String encoded = PublicIds.encode(id);
      assertThat(encoded).hasSize(11).matches("[0-9A-Za-z]{11}");
      assertThat(PublicIds.decode(encoded)).hasValue(id);
    }
    for (long id : new long[] {0, 1, Long.MAX_VALUE, Long.MAX_VALUE - 1}) {
      assertThat(PublicIds.decode(PublicIds.encode(id))).hasValue(id);
    }
  }

  @Test
  void consecutiveIdsLookUnrelated() {
    for (long id = 0xfa007000L; id < 0xfa007000L + 1000; id++) {
      String a = PublicIds.encode(id);
      String b = PublicIds.encode(id + 1);
      int same = 0;
      for (int i = 0; i < a.length(); i++) {
        same += a.charAt(i) == b.charAt(i) ? 1 : 0;
      }
      assertThat(same).as("%s vs %s", a, b).isLessThanOrEqualTo(4);
    }
  }

  @Test
  void scrambleIsABijection() {
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      long value = random.nextLong();
      assertThat(PublicIds.unscramble(PublicIds.scramble(value))).isEqualTo(value);
      assertThat(PublicIds.scramble(PublicIds.unscramble(value))).isEqualTo(value);
    }
  }

  @Test
  void rejectsNegativeIds() {
    assertThatThrownBy(() -> PublicIds.encode(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ABat8Vaq4R",
        "ABat8Vaq4R4A",
        "ABat8Vaq4R-",
        "ABat8Vaq4R_",
        "ABat8Vaq4R+",
        "ABat8Vaq4R/",
        "ABat8Vaq4R=",
        "ABat8Vaq4R ",
        "ABat8Vaq4Ré",
        "ABat8Vaq4R\u0664", // Arabic-Indic digit four: a digit to Character.digit, not to us
        "zzzzzzzzzzz", // 62^11 - 1 > 2^64 - 1
        "LygHa16AHYG" // 2^64: the smallest overflowing value
      })
  void rejectsAnythingButAnEncoding(String candidate) {
    assertThat(PublicIds.decode(candidate)).isEmpty();
  }

  @Test
  void rejectsNull() {
    assertThat(PublicIds.decode(null)).isEmpty();
  }

  @Test
  void smallestOverflowVectorIsTwoToThe64() {
    assertThat(base62("LygHa16AHYG")).isEqualTo(BigInteger.ONE.shiftLeft(64));
    assertThat(base62("LygHa16AHYF"))
        .isEqualTo(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
  }

  @Test
  void acceptsExactlyTheStringsEncodeProduces() {
    // Random well-formed strings: about a third are below 2^64, about half of those decode to a
    // non-negative id; every accepted string must be that id's one and only encoding.
    Random random = new Random(42);
    int accepted = 0;
    for (int i = 0; i < 100_000; i++) {
      char[] chars = new char[11];
      for (int c = 0; c < chars.length; c++) {
        chars[c] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      }
      String candidate = new String(chars);
      OptionalLong decoded = PublicIds.decode(candidate);
      BigInteger value = base62(candidate);
      if (value.bitLength() > 64) {
        assertThat(decoded).as(candidate).isEmpty();
      }
      if (decoded.isPresent()) {
        accepted++;
        assertThat(decoded.getAsLong()).isNotNegative();
        assertThat(PublicIds.encode(decoded.getAsLong())).isEqualTo(candidate);
      }
    }
    assertThat(accepted).isBetween(10_000, 25_000);
  }

  private static BigInteger base62(String s) {
    BigInteger value = BigInteger.ZERO;
    for (char c : s.toCharArray()) {
      value = value.multiply(BigInteger.valueOf(62)).add(BigInteger.valueOf(ALPHABET.indexOf(c)));
    }
    return value;
  }
}
