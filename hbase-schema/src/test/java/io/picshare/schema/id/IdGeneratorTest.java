package io.picshare.schema.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {
  private static final long EPOCH = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  @Test
  void layoutIsTimestampWorkerSequence() {
    IdGenerator generator = new IdGenerator(7, SteppingClock.fixedAt(EPOCH + 1000));

    long first = generator.next();
    long second = generator.next();

    // Test vector, also in docs/schema.md: 1000 ms after the epoch, worker 7, sequence 0 and 1.
    assertThat(first).isEqualTo(0xfa007000L).isEqualTo((1000L << 22) | (7L << 12));
    assertThat(second).isEqualTo(0xfa007001L);
    assertThat(IdGenerator.timestampMillis(first)).isEqualTo(EPOCH + 1000);
    assertThat(IdGenerator.workerId(first)).isEqualTo(7);
    assertThat(IdGenerator.sequence(second)).isEqualTo(1);
  }

  @Test
  void epochIsStartOf2026() {
    assertThat(IdGenerator.EPOCH_MILLIS).isEqualTo(1_767_225_600_000L);
  }

  @Test
  void fieldsRoundTripAtTheEdgesOfTheirRanges() {
    long lastMillis = EPOCH + (1L << 41) - 1;
    long id = new IdGenerator(1023, SteppingClock.fixedAt(lastMillis)).next();

    assertThat(id).isPositive();
    assertThat(IdGenerator.timestampMillis(id)).isEqualTo(lastMillis);
    assertThat(IdGenerator.workerId(id)).isEqualTo(1023);
  }

  @Test
  void idsFromLaterMillisecondsAreLarger() {
    SteppingClock clock = SteppingClock.fixedAt(EPOCH + 5);
    IdGenerator generator = new IdGenerator(1023, clock);
    long early = generator.next();
    clock.set(EPOCH + 6);
    long later = new IdGenerator(0, clock).next();

    assertThat(later).isGreaterThan(early);
  }

  @Test
  void clockGoingBackwardsKeepsTheLastTimestamp() {
    SteppingClock clock = SteppingClock.fixedAt(EPOCH + 10_000);
    IdGenerator generator = new IdGenerator(3, clock);
    long before = generator.next();

    clock.set(EPOCH + 2_000);
    long after = generator.next();

    assertThat(after).isGreaterThan(before);
    assertThat(IdGenerator.timestampMillis(after)).isEqualTo(EPOCH + 10_000);
  }

  @Test
  void sequenceOverflowBorrowsTheNextMillisecondWithoutWaiting() {
    // The clock never moves: a generator that waited for it would spin forever.
    IdGenerator generator = new IdGenerator(1, SteppingClock.fixedAt(EPOCH + 42));
    long previous = -1;
    for (int i = 0; i < 4096; i++) {
      long id = generator.next();
      assertThat(id).isGreaterThan(previous);
      assertThat(IdGenerator.timestampMillis(id)).isEqualTo(EPOCH + 42);
      previous = id;
    }

    long overflow = generator.next();

    assertThat(overflow).isGreaterThan(previous);
    assertThat(IdGenerator.timestampMillis(overflow)).isEqualTo(EPOCH + 43);
    assertThat(IdGenerator.sequence(overflow)).isZero();
  }

  @Test
  void aNewHolderOfAWorkerIdIssuesOnlyAfterTheRangeReservedBefore() {
    // The previous holder reserved ids up to EPOCH + 60 s; this instance's clock is 50 s behind
    // that.
    IdGrant grant = new IdGrant(5, EPOCH + 60_000, EPOCH + 90_000, Long.MAX_VALUE);
    IdGenerator generator = new IdGenerator(() -> grant, SteppingClock.fixedAt(EPOCH + 10_000));

    long id = generator.next();

    assertThat(IdGenerator.timestampMillis(id)).isEqualTo(EPOCH + 60_001);
    assertThat(IdGenerator.workerId(id)).isEqualTo(5);
  }

  @Test
  void aClockFarBehindUsesUpTheGrantAndThenIssuesNothing() {
    IdGrant grant = new IdGrant(5, EPOCH + 60_000, EPOCH + 60_001, Long.MAX_VALUE);
    IdGenerator generator = new IdGenerator(() -> grant, SteppingClock.fixedAt(EPOCH + 10_000));
    for (int i = 0; i < 4096; i++) {
      generator.next();
    }

    assertThatThrownBy(generator::next).isInstanceOf(IdsUnavailableException.class);
  }

  @Test
  void aLapsedGrantIssuesNothing() {
    IdGrant lapsed = new IdGrant(5, Long.MIN_VALUE, Long.MAX_VALUE, System.nanoTime() - 1);
    IdGenerator generator = new IdGenerator(() -> lapsed, Clock.systemUTC());

    assertThatThrownBy(generator::next)
        .isInstanceOf(IdsUnavailableException.class)
        .hasMessageContaining("lapsed");
  }

  @Test
  void aNewGrantStartsFromItsOwnRange() {
    SteppingClock clock = SteppingClock.fixedAt(EPOCH + 1_000);
    java.util.concurrent.atomic.AtomicReference<IdGrant> current =
        new java.util.concurrent.atomic.AtomicReference<>(IdGrant.unlimited(1));
    IdGenerator generator = new IdGenerator(current::get, clock);
    generator.next();

    current.set(new IdGrant(2, EPOCH + 5_000, Long.MAX_VALUE, Long.MAX_VALUE));
    long id = generator.next();

    assertThat(IdGenerator.workerId(id)).isEqualTo(2);
    assertThat(IdGenerator.timestampMillis(id)).isEqualTo(EPOCH + 5_001);
  }

  @Test
  void concurrentCallersGetDistinctIncreasingIds() throws Exception {
    IdGenerator generator = new IdGenerator(5, Clock.systemUTC());
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Callable<List<Long>> task =
            () -> {
              List<Long> ids = new ArrayList<>();
              for (int i = 0; i < 20_000; i++) {
                ids.add(generator.next());
              }
              return ids;
            };
        futures.add(executor.submit(task));
      }
      Set<Long> all = new HashSet<>();
      for (Future<List<Long>> future : futures) {
        List<Long> ids = future.get();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        all.addAll(ids);
      }
      assertThat(all).hasSize(80_000);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void lowestIdAtBoundsIdsGeneratedFromThatMillisecond() {
    long millis = EPOCH + 123_456;
    long id = new IdGenerator(0, SteppingClock.fixedAt(millis)).next();

    assertThat(IdGenerator.lowestIdAt(millis)).isEqualTo(id);
    assertThat(IdGenerator.lowestIdAt(millis + 1)).isGreaterThan(id);
  }

  @Test
  void rejectsWorkerIdsOutOfRange() {
    Clock clock = Clock.systemUTC();
    assertThatThrownBy(() -> new IdGenerator(-1, clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IdGenerator(1024, clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IdGenerator(0, null)).hasMessage("clock is null");
  }

  @Test
  void refusesTimesBeforeTheEpoch() {
    IdGenerator generator = new IdGenerator(0, SteppingClock.fixedAt(EPOCH - 1));

    assertThatThrownBy(generator::next).isInstanceOf(IllegalStateException.class);
  }
}
