package io.picshare.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiConfigTest {
  @Test
  void defaultsSuitTheLocalStack() {
    ApiConfig config = ApiConfig.defaults();

    assertThat(config.http())
        .isEqualTo(
            new HttpConfig(
                ServerRole.ALL,
                "0.0.0.0",
                8080,
                500,
                2 * Runtime.getRuntime().availableProcessors(),
                20,
                Optional.empty(),
                Optional.empty()));
    assertThat(config.upload())
        .isEqualTo(new UploadConfig(20 * 1024 * 1024, 50_000_000, 128 * 1024 * 1024));
    assertThat(config.auth().tokenTimeToLive()).isEqualTo(Duration.ofDays(1));
    assertThat(config.auth().tokenSecretFile().endsWith(Path.of(".picshare", "token.secret")))
        .isTrue();
    assertThat(config.rateLimits()).isEqualTo(new RateLimitConfig(60, 600, 20, 30, 10));
    assertThat(config.admin()).isEqualTo(new AdminConfig("127.0.0.1", 9080));
    assertThat(config.timeouts())
        .isEqualTo(
            new TimeoutConfig(
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(45),
                Duration.ofSeconds(60)));
    assertThat(config.proxies())
        .isEqualTo(new ProxyConfig(List.of(), ForwardedHeader.X_FORWARDED_FOR));
    assertThat(config.renditions())
        .isEqualTo(
            new RenditionsConfig(
                Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(20)));
    assertThat(
            ApiConfig.from(
                    new ConfigValues(
                        Map.of("renditions-threads", "3", "renditions-time-limit-seconds", "5")))
                .renditions())
        .isEqualTo(new RenditionsConfig(3, Duration.ofSeconds(5)));
    assertThat(config.storage())
        .isEqualTo(
            new StorageConfig(
                URI.create("hdfs://127.0.0.1:8020"),
                3,
                32,
                "127.0.0.1:2181",
                "127.0.0.1:9092",
                URI.create("http://127.0.0.1:8983/solr"),
                "photos",
                256L * 1024 * 1024));
  }

  @Test
  void drainTimeoutDefaultsToThirtySecondsAndIsGivenInSeconds() {
    assertThat(ApiConfig.defaults().feed())
        .isEqualTo(
            new io.picshare.api.domain.feed.FeedConfig(
                10_000, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    assertThat(ApiConfig.from(new ConfigValues(Map.of("role", "workers"))).http().role())
        .isEqualTo(ServerRole.WORKERS);
    assertThat(ServerRole.WORKERS.servesReads() || ServerRole.WORKERS.servesWrites()).isFalse();
    assertThat(ApiConfig.defaults().shutdown())
        .isEqualTo(new ShutdownConfig(Duration.ofSeconds(30)));
    assertThat(
            ApiConfig.from(new ConfigValues(Map.of("drain-timeout", "5")))
                .shutdown()
                .drainTimeout())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(
            ApiConfig.from(new ConfigValues(Map.of("drain-timeout", "0")))
                .shutdown()
                .drainTimeout())
        .isZero();
    assertThatThrownBy(() -> ApiConfig.from(new ConfigValues(Map.of("drain-timeout", "-1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("drain-timeout must be between 0 and 3600");
  }

  @Test
  void commandLineOverridesEnvironment() {
    ConfigValues values =
        ConfigValues.from(
            new String[] {"--http-port=9000", "--role=read", "--solr-url=http://solr:8983/solr/"},
            Map.of(
                "PICSHARE_HTTP_PORT",
                "7000",
                "PICSHARE_ZOOKEEPER_QUORUM",
                "zk1:2181,zk2:2181",
                "HOME",
                "/root"));

    ApiConfig config = ApiConfig.from(values);

    assertThat(config.http().port()).isEqualTo(9000);
    assertThat(config.http().role()).isEqualTo(ServerRole.READ);
    assertThat(config.storage().zookeeperQuorum()).isEqualTo("zk1:2181,zk2:2181");
    assertThat(config.storage().solrUrl()).isEqualTo(URI.create("http://solr:8983/solr"));
  }

  @Test
  void edgeKeysMapToTheirFields() {
    ApiConfig config =
        ApiConfig.from(
            new ConfigValues(
                Map.ofEntries(
                    Map.entry("http-port", "8081"),
                    Map.entry("header-timeout-seconds", "5"),
                    Map.entry("body-timeout-seconds", "20"),
                    Map.entry("request-timeout-seconds", "7"),
                    Map.entry("upload-timeout-seconds", "50"),
                    Map.entry("idle-timeout-seconds", "90"),
                    Map.entry("max-upload-bytes-in-flight", "50000000"),
                    Map.entry("rate-limit-logins-per-account-per-minute", "3"),
                    Map.entry("trusted-proxies", "10.0.0.0/8, 2001:db8::/32,192.0.2.7"),
                    Map.entry("forwarded-header", "Forwarded"),
                    Map.entry("admin-host", "0.0.0.0"))));

    assertThat(config.timeouts())
        .isEqualTo(
            new TimeoutConfig(
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                Duration.ofSeconds(7),
                Duration.ofSeconds(50),
                Duration.ofSeconds(90)));
    assertThat(config.upload().maxBytesInFlight()).isEqualTo(50_000_000);
    assertThat(config.rateLimits().logInsPerAccountPerMinute()).isEqualTo(3);
    assertThat(config.proxies())
        .isEqualTo(
            new ProxyConfig(
                List.of(
                    Cidr.parse("10.0.0.0/8"),
                    Cidr.parse("2001:db8::/32"),
                    Cidr.parse("192.0.2.7/32")),
                ForwardedHeader.FORWARDED));
    assertThat(config.admin()).isEqualTo(new AdminConfig("0.0.0.0", 9081));
    assertThat(ApiConfig.from(new ConfigValues(Map.of("http-port", "0"))).admin().port()).isZero();
    assertThat(ApiConfig.from(new ConfigValues(Map.of("admin-port", "9464"))).admin().port())
        .isEqualTo(9464);
  }

  @Test
  void edgeLimitsThatCannotWorkAreRefused() {
    assertThatThrownBy(
            () -> ApiConfig.from(new ConfigValues(Map.of("upload-timeout-seconds", "120"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("between 1 and 110");
    assertThatThrownBy(() -> ApiConfig.from(new ConfigValues(Map.of("idle-timeout-seconds", "45"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must be longer than");
    assertThatThrownBy(
            () ->
                ApiConfig.from(new ConfigValues(Map.of("max-upload-bytes-in-flight", "20000000"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("at least max-upload-bytes");
    assertThatThrownBy(
            () -> ApiConfig.from(new ConfigValues(Map.of("trusted-proxies", "10.0.0.0/33"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("trusted-proxies");
    assertThatThrownBy(
            () -> ApiConfig.from(new ConfigValues(Map.of("trusted-proxies", "proxy.example.com"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not an IP address");
    assertThatThrownBy(
            () -> ApiConfig.from(new ConfigValues(Map.of("forwarded-header", "x-real-ip"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("forwarded-header");
  }

  @Test
  void tlsNeedsBothCertificateAndKey() {
    assertThatThrownBy(
            () -> ApiConfig.from(new ConfigValues(Map.of("tls-cert-file", "/etc/cert.pem"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("together");
    ApiConfig config =
        ApiConfig.from(
            new ConfigValues(Map.of("tls-cert-file", "/c.pem", "tls-key-file", "/k.pem")));
    assertThat(config.http().tls()).isTrue();
    assertThat(config.http().tlsKey()).hasValue(Path.of("/k.pem"));
  }

  @Test
  void rejectsUnknownKeysAndBadValues() {
    assertThatThrownBy(() -> ApiConfig.from(new ConfigValues(Map.of("htp-port", "1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("htp-port");
    assertThatThrownBy(() -> ApiConfig.from(new ConfigValues(Map.of("http-port", "eighty"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http-port must be an integer");
    assertThatThrownBy(() -> ApiConfig.from(new ConfigValues(Map.of("http-port", "70000"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("between 0 and 65535");
    assertThatThrownBy(() -> ApiConfig.from(new ConfigValues(Map.of("role", "both"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("read, write, all or workers");
    assertThatThrownBy(
            () -> ApiConfig.from(new ConfigValues(Map.of("feed-celebrity-followers", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("feed-celebrity-followers");
    assertThatThrownBy(() -> ApiConfig.from(new ConfigValues(Map.of("hdfs-uri", "file:///tmp"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hdfs://");
    assertThatThrownBy(() -> ConfigValues.from(new String[] {"--http-port"}, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--key=value");
  }

  @Test
  void rolesSayWhatTheyServe() {
    assertThat(ServerRole.READ.servesReads()).isTrue();
    assertThat(ServerRole.READ.servesWrites()).isFalse();
    assertThat(ServerRole.WRITE.servesReads()).isFalse();
    assertThat(ServerRole.ALL.servesReads() && ServerRole.ALL.servesWrites()).isTrue();
  }

  @Test
  void theWebAppWritesToItsOwnOriginUnlessTold() {
    assertThat(ApiConfig.defaults().webApp())
        .isEqualTo(new WebAppConfig(Optional.empty(), List.of()));

    WebAppConfig split =
        ApiConfig.from(
                new ConfigValues(
                    Map.of(
                        "web-write-url", "HTTPS://Write.Example.com/",
                        "cors-allowed-origins",
                            " https://app.example.com , http://127.0.0.1:8080")))
            .webApp();

    assertThat(split.writeOrigin()).hasValue("https://write.example.com");
    assertThat(split.corsAllowedOrigins())
        .containsExactly("https://app.example.com", "http://127.0.0.1:8080");
  }

  @Test
  void webAppOriginsMustBeOrigins() {
    for (String bad :
        List.of(
            "write.example.com",
            "ftp://write.example.com",
            "https://write.example.com/api",
            "https://write.example.com?x=1",
            "https://user@write.example.com",
            "https://")) {
      assertThatThrownBy(() -> ApiConfig.from(new ConfigValues(Map.of("web-write-url", bad))))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("web-write-url must be an origin");
      assertThatThrownBy(
              () -> ApiConfig.from(new ConfigValues(Map.of("cors-allowed-origins", bad))))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("cors-allowed-origins must be an origin");
    }
  }
}
