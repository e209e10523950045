package io.picshare.batch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StaleDocumentsTest {
  @Test
  void staleMeansStampedBeforeTheRunLessTheMarginOrNotStampedAtAll() {
    StaleDocuments stale = StaleDocuments.after(Duration.ofMillis(93_250), Duration.ofMinutes(5));

    assertThat(stale.age()).isEqualTo(Duration.ofMillis(393_250));
    assertThat(stale.query()).isEqualTo("*:* -indexed_at:[NOW-393250MILLIS TO *]");
  }

  @Test
  void aNegativeAgeIsRefused() {
    assertThatThrownBy(() -> new StaleDocuments(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
