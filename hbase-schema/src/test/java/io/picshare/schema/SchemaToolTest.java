package io.picshare.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What the CLI does without a cluster: parsing, help, and failing cleanly when HBase is
 * unreachable.
 */
class SchemaToolTest {
  private final List<String> quorums = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine =
        new SchemaTool(
                quorum -> {
                  quorums.add(quorum);
                  throw new IOException("cannot reach " + quorum);
                })
            .commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void helpListsTheSubcommandsAndTheDefaultQuorum() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString())
        .contains("create", "verify", "describe", "--zookeeper", "127.0.0.1:2181");
  }

  @Test
  void usesTheDefaultQuorum() {
    run("verify");

    assertThat(quorums).containsExactly("127.0.0.1:2181");
  }

  @Test
  void acceptsTheQuorumBeforeOrAfterTheSubcommand() {
    run("--zookeeper", "zk1:2181,zk2:2182", "create");
    run("describe", "--zookeeper", "zk3:2181");

    assertThat(quorums).containsExactly("zk1:2181,zk2:2182", "zk3:2181");
  }

  @Test
  void unreachableClusterExitsWithHBaseError() {
    int exitCode = run("verify");

    assertThat(exitCode).isEqualTo(SchemaTool.EXIT_HBASE_ERROR);
    assertThat(err.toString()).contains("cannot reach 127.0.0.1:2181");
  }

  @Test
  void malformedQuorumIsAUsageError() {
    assertThat(run("--zookeeper", "zk1:port", "verify")).isEqualTo(2);
    assertThat(quorums).isEmpty();
    assertThat(err.toString()).contains("--zookeeper");
  }

  @Test
  void aSubcommandIsRequired() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("frobnicate")).isEqualTo(2);
  }
}
