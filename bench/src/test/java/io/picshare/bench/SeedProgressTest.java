package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.bench.SeedProgress.Phase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeedProgressTest {
  private static final GraphSpec SPEC =
      new GraphSpec(10_000, 500_000, 100_000, 200_000, 42, 1.0, 0.8, 10_000);

  @Test
  void roundTripsThroughJsonWithEveryPhaseAndTheImageIndex() {
    SeedImages images =
        new SeedImages(
            "/picshare/photos/seed/seed42.jpgs",
            List.of(
                new SeedImages.Image(0, 16_000, 150, 112, "ab".repeat(32)),
                new SeedImages.Image(16_000, 15_800, 151, 113, "cd".repeat(32))));
    SeedProgress progress =
        SeedProgress.start(SPEC, 1023, 1_780_000_000_000L)
            .withImages(images)
            .withDone(Phase.USERS, 10_000)
            .withDone(Phase.PHOTOS, 100_000)
            .withDone(Phase.FOLLOWS, 123_000);

    SeedProgress read = SeedProgress.fromJson(progress.toJson());

    assertThat(read).isEqualTo(progress);
    assertThat(read.done(Phase.FOLLOWS)).isEqualTo(123_000);
    assertThat(read.finished(Phase.USERS)).isTrue();
    assertThat(read.finished(Phase.FOLLOWS)).isFalse();
    assertThat(read.complete()).isFalse();
    assertThat(read.images()).contains(images);
  }

  @Test
  void aNewSeedHasDoneNothingAndIsCompleteOnlyOnceTheCountsAre() {
    SeedProgress progress = SeedProgress.start(SPEC, 7, 1_780_000_000_000L);
    for (Phase phase : Phase.values()) {
      assertThat(progress.done(phase)).isZero();
    }
    assertThat(progress.images()).isEmpty();
    assertThat(progress.withDone(Phase.COUNTS, 110_000).complete()).isTrue();
    assertThat(Phase.COUNTS.total(SPEC)).isEqualTo(110_000);
  }

  @Test
  void doneBeyondAPhasesItemsIsRefused() {
    assertThatThrownBy(() -> SeedProgress.start(SPEC, 7, 0).withDone(Phase.USERS, 10_001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new SeedProgress(SPEC, 7, 0, Optional.empty(), Map.of(Phase.LIKES, -1L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFileOfAnotherFormatOrWithoutItsFieldsIsRefused() {
    assertThatThrownBy(() -> SeedProgress.fromJson("{\"format\": 2}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format-1");
    assertThatThrownBy(() -> SeedProgress.fromJson("{\"format\": 1, \"spec\": {}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("users");
    assertThatThrownBy(() -> SeedProgress.fromJson("not json"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
