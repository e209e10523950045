package io.picshare.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MethodLabelTest {
  @Test
  void definedMethodsAreTheirOwnLabelAndInventedOnesAreOther() {
    assertThat(MethodLabel.of("GET")).isEqualTo("GET");
    assertThat(MethodLabel.of("PATCH")).isEqualTo("PATCH");
    assertThat(MethodLabel.of("FOO")).isEqualTo("other");
    assertThat(MethodLabel.of("get")).as("methods are case-sensitive").isEqualTo("other");
    assertThat(MethodLabel.of("X".repeat(1000))).isEqualTo("other");
    assertThat(MethodLabel.of(null)).isEqualTo("other");
  }

  @Test
  void anInventedMethodAddsNoSeries() {
    ApiMetrics metrics = new ApiMetrics("all");
    metrics.request("FOO", 405, 1_000);
    metrics.request("BAR", 405, 1_000);

    assertThat(metrics.scrape())
        .contains(
            "picshare_http_requests_seconds_count{method=\"other\",role=\"all\",status=\"405\"} 2")
        .doesNotContain("FOO", "BAR");
    metrics.close();
  }
}
