package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
  /**
   * 1000 latencies whose percentiles are known: p50 1 ms, p90 1.5 ms, p99 1.8 ms, p99.9 2 ms, max
   * 2.04 ms.
   */
  private static Histogram knownLatencies() {
    Histogram micros = new Histogram(1, 3_600_000_000L, 3);
    micros.recordValueWithCount(1000, 500);
    micros.recordValueWithCount(1500, 400);
    micros.recordValueWithCount(1800, 90);
    micros.recordValueWithCount(2000, 9);
    micros.recordValue(2040);
    return micros;
  }

  private static LevelResult level() {
    return new LevelResult(
        8,
        Duration.ofSeconds(10),
        1000,
        Map.of("timeout", 1L, "500", 2L, "429", 3L),
        1000L * 204_800,
        LatencySummary.of(knownLatencies()));
  }

  @Test
  void percentilesComeFromTheHistogram() {
    assertThat(LatencySummary.of(knownLatencies()))
        .isEqualTo(new LatencySummary(1000, 1500, 1800, 2000, 2040));
    assertThat(LatencySummary.of(new Histogram(3))).isEqualTo(LatencySummary.NONE);
  }

  @Test
  void uploadRowShowsCountsErrorsByStatusThroughputAndMilliseconds() {
    assertThat(MarkdownReport.forUploads().row(level()))
        .isEqualTo(
            "| 8 | 1006 | 1000 | 429: 3, 500: 2, timeout: 1 | 100.0 | 1.00 | 1.50 | 1.80 | 2.00 | 2.04 |");
  }

  @Test
  void downloadRowAddsMegabytesPerSecond() {
    // 1000 × 200 KiB in 10 s = 195.3 MiB / 10 s
    assertThat(MarkdownReport.forDownloads().row(level()))
        .isEqualTo(
            "| 8 | 1006 | 1000 | 429: 3, 500: 2, timeout: 1 | 100.0 | 19.5 | 1.00 | 1.50 | 1.80 | 2.00 | 2.04 |");
  }

  @Test
  void reportIsMachineLineParametersLineThenATableWithMatchingColumnCounts() {
    MachineInfo machine =
        new MachineInfo(
            2, 2L * 1024 * 1024 * 1024, "17.0.15", "OpenJDK 64-Bit Server VM", "Linux 6.1 amd64");
    LevelResult idle =
        new LevelResult(1, Duration.ofSeconds(15), 0, Map.of("404", 20L), 0, LatencySummary.NONE);

    for (MarkdownReport report :
        List.of(MarkdownReport.forUploads(), MarkdownReport.forDownloads())) {
      String[] lines =
          report
              .render(machine, "upload against http://127.0.0.1:8080", List.of(level(), idle))
              .split("\n");

      assertThat(lines[0])
          .isEqualTo(
              "Client: 2 CPUs (nproc), JVM max heap 2.0 GiB, Java 17.0.15 (OpenJDK 64-Bit Server VM), Linux 6.1 amd64");
      assertThat(lines[1]).isEqualTo("Parameters: upload against http://127.0.0.1:8080");
      assertThat(lines[2]).isEmpty();
      assertThat(lines).hasSize(7);
      long columns = cells(lines[3]);
      assertThat(List.of(lines[4], lines[5], lines[6]))
          .allSatisfy(line -> assertThat(cells(line)).isEqualTo(columns));
      assertThat(lines[6])
          .startsWith("| 1 | 20 | 0 | 404: 20 | 0.0 |")
          .endsWith("| - | - | - | - | - |");
    }
  }

  @Test
  void millisecondsKeepThreeSignificantDigitsOrSo() {
    assertThat(MarkdownReport.milliseconds(0)).isEqualTo("-");
    assertThat(MarkdownReport.milliseconds(437)).isEqualTo("0.44");
    assertThat(MarkdownReport.milliseconds(12_345)).isEqualTo("12.3");
    assertThat(MarkdownReport.milliseconds(1_234_567)).isEqualTo("1235");
  }

  private static long cells(String row) {
    return row.chars().filter(c -> c == '|').count();
  }
}
