package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    CommandLine command = Bench.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }

  @Test
  void anUnreachableApiFailsSetupWithOneLineThatSaysHowToStartIt() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    int exit = execute("upload", "--api", "http://127.0.0.1:" + closedPort);

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .hasLineCount(1)
        .startsWith(
            "picshare bench: cannot reach the PicShare API at http://127.0.0.1:" + closedPort)
        .contains("./picshare up");
  }

  @Test
  void theFeedCommandsHaveHelpAndRefuseBadOptions() {
    assertThat(execute("seed-graph", "--help")).isZero();
    assertThat(execute("feed", "--help")).isZero();
    assertThat(execute("feed-delay", "--help")).isZero();
    assertThat(out.toString())
        .contains("--users", "--follows", "--photos", "--likes", "--seed", "--zookeeper", "--api")
        .contains("--rates", "200,500,1000", "--concurrency", "50,200", "--order", "top,recent")
        .contains("--trials", "--poll-ms");

    assertThat(execute("seed-graph", "--users", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("--users");
    assertThat(execute("seed-graph", "--users", "100", "--follows", "5000")).isEqualTo(2);
    assertThat(execute("feed", "--order", "oldest")).isEqualTo(2);
    assertThat(execute("feed", "--rates", "0")).isEqualTo(2);
    assertThat(execute("feed-delay", "--trials", "0")).isEqualTo(2);
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(execute("upload", "--concurrency", "8,0")).isEqualTo(2);
    assertThat(err.toString()).contains("--concurrency");
    assertThat(execute("download", "--api", "ftp://example.org")).isEqualTo(2);
    assertThat(execute()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing subcommand");
  }

  @Test
  void helpListsTheSubcommandsAndTheirOptions() {
    assertThat(execute("--help")).isZero();
    assertThat(execute("download", "--help")).isZero();

    assertThat(out.toString())
        .contains(
            "upload",
            "download",
            "--metadata",
            "--pool-size",
            "--concurrency",
            "--duration",
            "--warmup",
            "--photo-size-kb",
            "--users",
            "rate-limit-uploads-per-minute",
            "1,8,32,64");
  }
}
