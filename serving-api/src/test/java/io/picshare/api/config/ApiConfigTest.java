package io.picshare.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiConfigTest {
  @Test
  void defaultsSuitTheLocalStack() {
    ApiConfig config = ApiConfig.defaults();

    assertThat(config.http()).isEqualTo(new HttpConfig(ServerRole.ALL, "0.0.0.0", 8080, 500,
        2 * Runtime.getRuntime().availableProcessors(), 20, Optional.empty(), Optional.empty()));
    assertThat(config.upload()).isEqualTo(new UploadConfig(20 * 1024 * 1024, 50_000_000));
    assertThat(config.auth().tokenTimeToLive()).isEqualTo(Duration.ofDays(1));
    assertThat(config.auth().tokenSecretFile().endsWith(Path.of(".picshare", "token.secret"))).isTrue();
    assertThat(config.rateLimits()).isEqualTo(new RateLimitConfig(60, 600, 20, 30));
    assertThat(config.workerId()).isZero();
    assertThat(config.storage()).isEqualTo(new StorageConfig(
        URI.create("hdfs://127.0.0.1:8020"), 3, 32, "127.0.0.1:2181", "127.0.0.1:9092",
        URI.create("http://127.0.0.1:8983/solr"), "photos", 256L * 1024 * 1024));
  }

  @Test
  void drainTimeoutDefaultsToThirtySecondsAndIsGivenInSeconds() {
    assertThat(ApiConfig.defaults().shutdown()).isEqualTo(new ShutdownConfig(Duration.ofSeconds(30)));
    assertThat(ApiConfig.from(new ConfigValues(Map.of("drain-timeout", "5"))).shutdown().drainTimeout())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(ApiConfig.from(new ConfigValues(Map.of("drain-timeout", "0"))).shutdown().drainTimeout()).isZero();
    assertThatThrownBy(() -> ApiConfig.from(new ConfigValues(Map.of("drain-timeout", "-1"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("drain-timeout must be between 0 and 3600");
  }

  @Test
  void commandLineOverridesEnvironment() {
    ConfigValues values = ConfigValues.from(
        new String[] {"--http-port=9000", "--role=read", "--solr-url=http://solr:8983/solr/"},
        Map.of("PICSHARE_HTTP_PORT", "7000", "PICSHARE_ZOOKEEPER_QUORUM", "zk1:2181,zk2:2181", "HOME", "/root"));

    ApiConfig config = ApiConfig.from(values);

    assertThat(config.http().port()).isEqualTo(9000);
    assertThat(config.http().role()).isEqualTo(ServerRole.READ);
    assertThat(config.storage().zookeeperQuorum()).isEqualTo("zk1:2181,zk2:2181");
    assertThat(config.storage().solrUrl()).isEqualTo(URI.create("http://solr:8983/solr"));
  }

  @Test
  void tlsNeedsBothCertificateAndKey() {
    assertThatThrownBy(() -> ApiConfig.from(new ConfigValues(Map.of("tls-cert-file", "/etc/cert.pem"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("together");
    ApiConfig config = ApiConfig.from(new ConfigValues(Map.of("tls-cert-file", "/c.pem", "tls-key-file", "/k.pem")));
    assertThat(config.http().tls()).isTrue();
    assertThat(config.http().tlsKey()).hasValue(Path.of("/k.pem"));
  }

  @Test
  void rejectsUnknownKeysAndBadValues() {
    assertThatThrownBy(() -> ApiConfig.from(new ConfigValues(Map.of("htp-port", "1"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("htp-port");
    assertThatThrownBy(() -> ApiConfig.from(new ConfigValues(Map.of("http-port", "eighty"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http-port must be an integer");
    assertThatThrownBy(() -> ApiConfig.from(new ConfigValues(Map.of("http-port", "70000"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("between 0 and 65535");
    assertThatThrownBy(() -> ApiConfig.from(new ConfigValues(Map.of("role", "both"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("read, write or all");
    assertThatThrownBy(() -> ApiConfig.from(new ConfigValues(Map.of("hdfs-uri", "file:///tmp"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("hdfs://");
    assertThatThrownBy(() -> ConfigValues.from(new String[] {"--http-port"}, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--key=value");
  }

  @Test
  void rolesSayWhatTheyServe() {
    assertThat(ServerRole.READ.servesReads()).isTrue();
    assertThat(ServerRole.READ.servesWrites()).isFalse();
    assertThat(ServerRole.WRITE.servesReads()).isFalse();
    assertThat(ServerRole.ALL.servesReads() && ServerRole.ALL.servesWrites()).isTrue();
  }
}
