package io.picshare.api.it;

import io.picshare.api.config.ApiConfig;
import io.picshare.api.config.ConfigValues;
import io.picshare.data.hbase.HBaseConnection;
import io.picshare.stack.StackEndpoints;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;

/**
 * API configuration pointing at a running local stack, on a free HTTP port and a free admin port,
 * and a connection to its HBase for tests that look beneath the API.
 */
final class StackConfigs {
  static final Path TOKEN_SECRET = Path.of("target", "it-token.secret");

  private StackConfigs() {}

  static ApiConfig api(StackEndpoints stack) {
    return api(stack, Map.of());
  }

  /** Generous rate limits (tests sign up many users from one address), plus {@code overrides}. */
  static ApiConfig api(StackEndpoints stack, Map<String, String> overrides) {
    Map<String, String> values =
        new HashMap<>(
            Map.ofEntries(
                Map.entry("http-host", "127.0.0.1"),
                Map.entry("http-port", "0"),
                Map.entry("hdfs-uri", stack.hdfs().toString()),
                Map.entry("zookeeper-quorum", stack.zookeeperQuorum()),
                Map.entry("kafka-bootstrap", stack.kafkaBootstrap()),
                Map.entry("solr-url", stack.solr().toString()),
                Map.entry("token-secret-file", TOKEN_SECRET.toString()),
                Map.entry("rate-limit-signups-per-hour", "100000"),
                Map.entry("rate-limit-logins-per-minute", "100000"),
                Map.entry("rate-limit-logins-per-account-per-minute", "100000"),
                Map.entry("rate-limit-uploads-per-minute", "100000")));
    values.putAll(overrides);
    return ApiConfig.from(new ConfigValues(values));
  }

  static HBaseConnection hbase(StackEndpoints stack) {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", stack.zookeeperQuorum());
    return new HBaseConnection(conf);
  }
}
