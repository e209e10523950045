package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.schema.id.IdGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedIdsTest {
  private static final long ANCHOR = Instant.parse("2026-12-01T12:00:00Z").toEpochMilli();
  private static final GraphSpec SPEC = new GraphSpec(1_000, 20_000, 3_000, 5_000, 3, 1, 1, 100);
  private static final SeedIds IDS = new SeedIds(SPEC, 1023, ANCHOR);

  @Test
  void idsAreDistinctAcrossKindsAndCarryTheWorkerId() {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < SPEC.users(); i++) {
      assertThat(seen.add(IDS.userId(i))).isTrue();
    }
    for (int k = 0; k < SPEC.follows(); k++) {
      assertThat(seen.add(IDS.edgeId(k))).isTrue();
    }
    for (int p = 0; p < SPEC.photos(); p++) {
      assertThat(seen.add(IDS.photoId(p))).isTrue();
    }
    for (int j = 0; j < SPEC.likes(); j++) {
      assertThat(seen.add(IDS.likeId(j))).isTrue();
    }
    assertThat(seen).allSatisfy(id -> assertThat(IdGenerator.workerId(id)).isEqualTo(1023));
  }

  @Test
  void everyIdIsDatedBeforeTheAnchorAndIncreasesWithItsIndex() {
    for (int p = 1; p < SPEC.photos(); p++) {
      assertThat(IDS.photoId(p)).isGreaterThan(IDS.photoId(p - 1));
    }
    for (int k = 1; k < SPEC.follows(); k++) {
      assertThat(IDS.edgeId(k)).isGreaterThan(IDS.edgeId(k - 1));
    }
    assertThat(IdGenerator.timestampMillis(IDS.edgeId(SPEC.follows() - 1))).isLessThan(ANCHOR);
    assertThat(IdGenerator.timestampMillis(IDS.userId(SPEC.users() - 1)))
        .isLessThan(IDS.feedWindowStart());
  }

  @Test
  void photosAreSpreadEvenlyOverTheFeedWindowAndDatedByTheirId() {
    long window = Duration.ofDays(7).toMillis();
    assertThat(IDS.photoCreatedAt(0)).isEqualTo(ANCHOR - window);
    assertThat(IDS.photoCreatedAt(SPEC.photos() / 2)).isEqualTo(ANCHOR - window / 2);
    assertThat(IDS.photoCreatedAt(SPEC.photos() - 1))
        .isEqualTo(ANCHOR - window + (SPEC.photos() - 1) * window / SPEC.photos())
        .isLessThan(ANCHOR);
    assertThat(IDS.photoCreatedAt(7)).isEqualTo(IdGenerator.timestampMillis(IDS.photoId(7)));
  }

  @Test
  void theSameInputsGiveTheSameIds() {
    SeedIds again = new SeedIds(SPEC, 1023, ANCHOR);
    assertThat(again.photoId(17)).isEqualTo(IDS.photoId(17));
    assertThat(new SeedIds(SPEC, 1022, ANCHOR).photoId(17)).isNotEqualTo(IDS.photoId(17));
  }

  @Test
  void indexesOutsideTheSpecAreRefused() {
    assertThatThrownBy(() -> IDS.photoId(SPEC.photos()))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> IDS.edgeId(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
