package io.picshare.stack.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadyFileTest {
  @Test
  void absentUntilWrittenThenHoldsTheEndpoints(@TempDir Path dir) {
    Path file = dir.resolve("run/kafka.ready");
    assertThat(ReadyFile.read(file)).isEmpty();

    ReadyFile.write(file, Map.of("kafka", "127.0.0.1:9092", "url", "http://127.0.0.1:8983/solr"));

    assertThat(ReadyFile.read(file))
        .hasValue(Map.of("kafka", "127.0.0.1:9092", "url", "http://127.0.0.1:8983/solr"));
    assertThat(dir.resolve("run")).isDirectoryNotContaining("glob:**.tmp");
  }
}
