package io.picshare.api.it;

import io.picshare.api.config.ApiConfig;
import io.picshare.api.config.ConfigValues;
import io.picshare.stack.StackEndpoints;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** API configuration pointing at a running local stack, on a free HTTP port. */
final class StackConfigs {
  static final Path TOKEN_SECRET = Path.of("target", "it-token.secret");

  private StackConfigs() {}

  static ApiConfig api(StackEndpoints stack) {
    return api(stack, Map.of());
  }

  /** Generous rate limits (tests sign up many users from one address), plus {@code overrides}. */
  static ApiConfig api(StackEndpoints stack, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(Map.of(
        "http-host", "127.0.0.1",
        "http-port", "0",
        "hdfs-uri", stack.hdfs().toString(),
        "zookeeper-quorum", stack.zookeeperQuorum(),
        "kafka-bootstrap", stack.kafkaBootstrap(),
        "solr-url", stack.solr().toString(),
        "token-secret-file", TOKEN_SECRET.toString(),
        "rate-limit-signups-per-hour", "100000",
        "rate-limit-logins-per-minute", "100000",
        "rate-limit-uploads-per-minute", "100000"));
    values.putAll(overrides);
    return ApiConfig.from(new ConfigValues(values));
  }
}
