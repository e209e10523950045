package io.picshare.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class StackPortsTest {
  @Test
  void defaultsAreTheComponentsUsualPorts() {
    assertThat(StackPorts.DEFAULTS)
        .isEqualTo(
            new StackPorts(8020, 9870, 2181, 8032, 8088, 9092, 9093, 8983, 8080, 8081, 9080, 9081));
  }

  @Test
  void ephemeralPortsAreDistinct() {
    StackPorts ports = StackPorts.ephemeral();
    assertThat(
            Set.of(
                ports.namenode(),
                ports.namenodeHttp(),
                ports.zookeeper(),
                ports.yarn(),
                ports.yarnWeb(),
                ports.kafka(),
                ports.kafkaController(),
                ports.solr(),
                ports.api(),
                ports.writeApi()))
        .hasSize(10);
  }

  @Test
  void rejectsNonPorts() {
    assertThatThrownBy(() -> new StackPorts(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))
        .hasMessageContaining("not a TCP port: 0");
  }
}
