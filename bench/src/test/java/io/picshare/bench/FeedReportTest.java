package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedReportTest {
  private static LevelResult level(int concurrency, long successes, long p50, long p99) {
    return new LevelResult(
        concurrency,
        Duration.ofSeconds(10),
        successes,
        Map.of(),
        0,
        new LatencySummary(p50, p50, p99, p99, p99));
  }

  @Test
  void rendersTheOpenLoopAndClosedLoopTablesWithTheRatioToRawGets() {
    FeedReport report = new FeedReport();
    report.singleGet(level(1, 20_000, 450, 1_200));
    report.openLoop(
        "top",
        500,
        new OpenLoopRunner.Level(level(12, 5_000, 8_000, 19_500), level(12, 4_800, 8_000, 19_500)));
    report.closedLoop(
        "top", 50, level(50, 9_000, 50_000, 120_000), level(50, 30_000, 15_000, 40_000));

    String rendered =
        report.render(
            new MachineInfo(2, 1L << 30, "17.0.15", "OpenJDK 64-Bit Server VM", "Linux"),
            "params",
            "Feed layers: none");

    assertThat(rendered)
        .contains("Parameters: params\nFeed layers: none\n")
        .contains(
            "One raw single-row HBase get (1 client, closed loop): 2000 gets/s, p50 0.45 ms, p99 1.20 ms.")
        .contains("| top | 500 | 5000 | 5000 | 0 | 480.0 | 8.00 | 8.00 | 19.5 | 19.5 | 19.5 | 12 |")
        .contains("| top | 50 | 900.0 | 50.0 | 120.0 | 0 | 3000 | 15.0 | 40.0 | 0.30 |");
    assertThat(rendered.lines().filter(line -> line.startsWith("|---|"))).hasSize(2);
  }
}
