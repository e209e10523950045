package io.picshare.schema.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.schema.id.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;

class UserPhotoRowKeyTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Comparator<byte[]> HBASE_ORDER = Bytes::compareTo;

  @Test
  void knownVector() {
    // User 0xfa007003, photo 0xfb407003; also in docs/schema.md.
    UserPhotoRowKey key = new UserPhotoRowKey(0xfa007003L, 0xfb407003L);

    assertThat(HEX.formatHex(key.encode())).isEqualTo("4600000000fa0070037fffffff04bf8ffc");
    assertThat(HEX.formatHex(UserPhotoRowKey.userPrefix(0xfa007003L)))
        .isEqualTo("4600000000fa007003");
    assertThat(HEX.formatHex(UserPhotoRowKey.userStopRow(0xfa007003L)))
        .isEqualTo("4600000000fa007004");
    assertThat(HEX.formatHex(UserPhotoRowKey.startAfter(0xfa007003L, 0xfb407003L)))
        .isEqualTo("4600000000fa0070037fffffff04bf8ffc00");
  }

  @Test
  void roundTrip() {
    Random random = new Random(2);
    for (int i = 0; i < 10_000; i++) {
      UserPhotoRowKey key =
          new UserPhotoRowKey(
              random.nextLong() & Long.MAX_VALUE, random.nextLong() & Long.MAX_VALUE);
      assertThat(key.encode()).hasSize(17);
      assertThat(UserPhotoRowKey.decode(key.encode())).isEqualTo(key);
    }
    UserPhotoRowKey extremes = new UserPhotoRowKey(Long.MAX_VALUE, 0);
    assertThat(UserPhotoRowKey.decode(extremes.encode())).isEqualTo(extremes);
    UserPhotoRowKey other = new UserPhotoRowKey(0, Long.MAX_VALUE);
    assertThat(UserPhotoRowKey.decode(other.encode())).isEqualTo(other);
  }

  @Test
  void aUsersPhotosSortNewestFirst() {
    long user = 42;
    List<Long> photoIds = timeOrderedIds(500);
    List<byte[]> keys = new ArrayList<>();
    for (long photoId : photoIds) {
      keys.add(new UserPhotoRowKey(user, photoId).encode());
    }

    keys.sort(HBASE_ORDER);

    List<Long> scanned = keys.stream().map(k -> UserPhotoRowKey.decode(k).photoId()).toList();
    List<Long> newestFirst = new ArrayList<>(photoIds);
    newestFirst.sort(Comparator.reverseOrder());
    assertThat(scanned).isEqualTo(newestFirst);
  }

  @Test
  void byteOrderIsReversePhotoIdOrderForAnyIds() {
    Random random = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      long user = random.nextLong() & Long.MAX_VALUE;
      long a = random.nextLong() & Long.MAX_VALUE;
      long b = i % 2 == 0 ? a + random.nextInt(3) - 1 : random.nextLong() & Long.MAX_VALUE;
      if (b < 0) {
        continue;
      }
      int bytes =
          Arrays.compareUnsigned(
              new UserPhotoRowKey(user, a).encode(), new UserPhotoRowKey(user, b).encode());
      assertThat(Integer.signum(bytes)).isEqualTo(Integer.signum(Long.compare(b, a)));
    }
  }

  @Test
  void userPrefixCoversExactlyThatUsersKeys() {
    Random random = new Random(4);
    long user = 0xfa007003L;
    byte[] prefix = UserPhotoRowKey.userPrefix(user);
    byte[] stop = UserPhotoRowKey.userStopRow(user);
    List<Long> users = new ArrayList<>(List.of(user, user - 1, user + 1, 0L, Long.MAX_VALUE));
    for (int i = 0; i < 2_000; i++) {
      users.add(random.nextLong() & Long.MAX_VALUE);
    }
    for (long owner : users) {
      for (long photoId : new long[] {0, 1, random.nextLong() & Long.MAX_VALUE, Long.MAX_VALUE}) {
        byte[] key = new UserPhotoRowKey(owner, photoId).encode();
        boolean mine = owner == user;
        assertThat(Bytes.startsWith(key, prefix)).isEqualTo(mine);
        boolean inScanRange = Bytes.compareTo(key, prefix) >= 0 && Bytes.compareTo(key, stop) < 0;
        assertThat(inScanRange).as("owner %d photo %d", owner, photoId).isEqualTo(mine);
      }
    }
  }

  @Test
  void startAfterResumesWithTheNextOlderPhoto() {
    long user = 7;
    List<Long> photoIds = timeOrderedIds(50);
    List<byte[]> keys = new ArrayList<>();
    for (long photoId : photoIds) {
      keys.add(new UserPhotoRowKey(user, photoId).encode());
    }
    keys.sort(HBASE_ORDER);
    byte[] stop = UserPhotoRowKey.userStopRow(user);

    for (int i = 0; i < keys.size(); i++) {
      UserPhotoRowKey cursor = UserPhotoRowKey.decode(keys.get(i));
      byte[] start = UserPhotoRowKey.startAfter(user, cursor.photoId());
      List<byte[]> page =
          keys.stream()
              .filter(k -> Bytes.compareTo(k, start) >= 0 && Bytes.compareTo(k, stop) < 0)
              .toList();
      assertThat(page).containsExactlyElementsOf(keys.subList(i + 1, keys.size()));
    }
    assertThat(Bytes.compareTo(UserPhotoRowKey.startAfter(user, 0), stop)).isNegative();
  }

  @Test
  void decodeRejectsInvalidKeys() {
    byte[] key = new UserPhotoRowKey(1, 2).encode();
    byte[] negativeReverse = key.clone();
    negativeReverse[9] = (byte) 0x80;

    assertThatThrownBy(() -> UserPhotoRowKey.decode(Arrays.copyOf(key, 16)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("17 bytes");
    assertThatThrownBy(() -> UserPhotoRowKey.decode(Arrays.copyOf(key, 18)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UserPhotoRowKey.decode(negativeReverse))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UserPhotoRowKey(1, -2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Long> timeOrderedIds(int count) {
    List<Long> ids = new ArrayList<>();
    Instant start = Instant.parse("2026-11-23T12:00:00Z");
    for (int i = 0; i < count; i++) {
      // Several workers, a few milliseconds apart: ids increase with time, not with the worker.
      Clock clock = Clock.fixed(start.plusMillis(i * 3L), ZoneOffset.UTC);
      ids.add(new IdGenerator(i % 1024, clock).next());
    }
    return ids;
  }
}
