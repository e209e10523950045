package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompletionCursorTest {
  @Test
  void batchesFinishingOutOfOrderAdvanceOnlyOverTheGaplessPrefix() {
    CompletionCursor cursor = new CompletionCursor(100);

    cursor.finished(200, 300);
    cursor.finished(300, 400);
    assertThat(cursor.done()).isEqualTo(100); // [100, 200) still running

    cursor.finished(100, 200);
    assertThat(cursor.done()).isEqualTo(400);

    cursor.finished(500, 600);
    cursor.finished(400, 500);
    assertThat(cursor.done()).isEqualTo(600);
  }

  @Test
  void aBatchRedoneAfterAResumeChangesNothing() {
    CompletionCursor cursor = new CompletionCursor(1_000);

    cursor.finished(900, 1_000); // already counted before the resume
    cursor.finished(950, 1_050); // overlaps the resume point
    assertThat(cursor.done()).isEqualTo(1_050);

    cursor.finished(1_000, 1_050);
    assertThat(cursor.done()).isEqualTo(1_050);
  }

  @Test
  void resumesWhereItWasCreated() {
    assertThat(new CompletionCursor(0).done()).isZero();
    CompletionCursor cursor = new CompletionCursor(42);
    cursor.finished(42, 43);
    assertThat(cursor.done()).isEqualTo(43);
  }
}
