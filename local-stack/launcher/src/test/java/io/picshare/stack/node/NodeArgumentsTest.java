package io.picshare.stack.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NodeArgumentsTest {
  @Test
  void readsNamedOptions() {
    NodeArguments arguments =
        NodeArguments.parse(
            new String[] {"--data-dir", "/tmp/d", "--ready-file", "/tmp/r", "--port", "9092"});

    assertThat(arguments.dataDir()).isEqualTo(Path.of("/tmp/d"));
    assertThat(arguments.readyFile()).isEqualTo(Path.of("/tmp/r"));
    assertThat(arguments.port("port")).isEqualTo(9092);
  }

  @Test
  void anOptionalPortMayBeAbsent() {
    NodeArguments arguments = NodeArguments.parse(new String[] {"--control-port", "0"});

    assertThat(arguments.optionalPort("control-port")).contains(0);
    assertThat(arguments.optionalPort("other-port")).isEmpty();
    assertThatThrownBy(() -> NodeArguments.parse(new String[] {"--p", "-1"}).optionalPort("p"))
        .hasMessageContaining("not a port");
  }

  @Test
  void rejectsMalformedCommandLines() {
    assertThatThrownBy(() -> NodeArguments.parse(new String[] {"--port"}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NodeArguments.parse(new String[] {"port", "1"}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NodeArguments.parse(new String[] {}).required("port"))
        .hasMessage("missing required option --port");
    assertThatThrownBy(() -> NodeArguments.parse(new String[] {"--port", "70000"}).port("port"))
        .hasMessageContaining("not a port");
  }
}
