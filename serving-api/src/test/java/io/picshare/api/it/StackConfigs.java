package io.picshare.api.it;

import io.picshare.api.config.ApiConfig;
import io.picshare.api.config.ConfigValues;
import io.picshare.stack.StackEndpoints;
import java.util.Map;

/** API configuration pointing at a running local stack, on a free HTTP port. */
final class StackConfigs {
  private StackConfigs() {}

  static ApiConfig api(StackEndpoints stack) {
    return ApiConfig.from(new ConfigValues(Map.of(
        "http-host", "127.0.0.1",
        "http-port", "0",
        "hdfs-uri", stack.hdfs().toString(),
        "zookeeper-quorum", stack.zookeeperQuorum(),
        "kafka-bootstrap", stack.kafkaBootstrap(),
        "solr-url", stack.solr().toString())));
  }
}
