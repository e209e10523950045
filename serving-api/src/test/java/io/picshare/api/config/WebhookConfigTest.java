package io.picshare.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.api.domain.webhook.RetrySchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookConfigTest {
  @Test
  void defaultsDeliverOnlyToPublicTargetsWithBoundedRetries() {
    WebhookConfig config = ApiConfig.defaults().webhooks();

    assertThat(config)
        .isEqualTo(
            new WebhookConfig(
                false,
                Optional.empty(),
                RetrySchedule.DEFAULTS,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(1),
                8,
                64,
                10));
  }

  @Test
  void keysMapToTheirFields(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("moderation.secret");
    Files.writeString(secret, "  whsec_operator\n");

    WebhookConfig config =
        ApiConfig.from(
                new ConfigValues(
                    Map.ofEntries(
                        Map.entry("webhook-allow-private-targets", "TRUE"),
                        Map.entry("webhook-moderation-url", "http://moderation.internal:7000/in"),
                        Map.entry("webhook-moderation-secret-file", secret.toString()),
                        Map.entry("webhook-max-attempts", "3"),
                        Map.entry("webhook-retry-initial-delay-ms", "50"),
                        Map.entry("webhook-retry-max-delay-ms", "200"),
                        Map.entry("webhook-connect-timeout-ms", "300"),
                        Map.entry("webhook-timeout-ms", "900"),
                        Map.entry("webhook-poll-interval-ms", "100"),
                        Map.entry("webhook-concurrency-per-target", "2"),
                        Map.entry("webhook-max-in-flight", "16"),
                        Map.entry("webhooks-per-user", "3"))))
            .webhooks();

    assertThat(config.allowPrivateTargets()).isTrue();
    assertThat(config.moderation()).isPresent();
    assertThat(config.moderation().get().target().authority())
        .isEqualTo("moderation.internal:7000");
    assertThat(config.moderation().get().secret()).isEqualTo("whsec_operator");
    assertThat(config.moderation().get().toString()).doesNotContain("whsec_operator");
    assertThat(config.retries())
        .isEqualTo(new RetrySchedule(3, Duration.ofMillis(50), Duration.ofMillis(200)));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(config.timeout()).isEqualTo(Duration.ofMillis(900));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.concurrencyPerTarget()).isEqualTo(2);
    assertThat(config.maxInFlight()).isEqualTo(16);
    assertThat(config.maxPerUser()).isEqualTo(3);
  }

  @Test
  void refusesSettingsThatCannotWork(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                ApiConfig.from(
                    new ConfigValues(Map.of("webhook-allow-private-targets", "yes please"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("true or false");
    assertThatThrownBy(
            () ->
                ApiConfig.from(
                    new ConfigValues(Map.of("webhook-moderation-url", "https://mod.example/"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("go together");
    assertThatThrownBy(
            () ->
                ApiConfig.from(
                    new ConfigValues(
                        Map.of(
                            "webhook-moderation-url",
                            "ftp://mod.example/",
                            "webhook-moderation-secret-file",
                            dir.resolve("x").toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http and https");
    assertThatThrownBy(
            () ->
                ApiConfig.from(
                    new ConfigValues(
                        Map.of(
                            "webhook-moderation-url",
                            "https://mod.example/",
                            "webhook-moderation-secret-file",
                            dir.resolve("missing").toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot be read");
    assertThatThrownBy(
            () ->
                ApiConfig.from(
                    new ConfigValues(
                        Map.of(
                            "webhook-connect-timeout-ms", "5000", "webhook-timeout-ms", "1000"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("at least webhook-connect-timeout-ms");
  }
}
