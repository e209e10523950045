package io.picshare.api.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetTest {
  @Test
  void parsesHostPortAndRequestLine() {
    WebhookTarget target = WebhookTarget.parse("https://Hooks.Example.com/picshare/in?x=1");

    assertThat(target.https()).isTrue();
    assertThat(target.host()).isEqualTo("hooks.example.com");
    assertThat(target.port()).isEqualTo(443);
    assertThat(target.requestUri()).isEqualTo("/picshare/in?x=1");
    assertThat(target.authority()).isEqualTo("hooks.example.com:443");

    WebhookTarget plain = WebhookTarget.parse("http://[2001:db8::1]:8080");
    assertThat(plain.https()).isFalse();
    assertThat(plain.host()).isEqualTo("2001:db8::1");
    assertThat(plain.port()).isEqualTo(8080);
    assertThat(plain.requestUri()).isEqualTo("/");
    assertThat(plain.authority()).isEqualTo("[2001:db8::1]:8080");
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "   ",
        "not a url",
        "/relative/path",
        "http://",
        "http:opaque",
        "http://user:password@example.com/",
        "http://example.com/#fragment",
        "http://exa mple.com/",
      })
  void malformedUrlsAreValidationErrors(String url) {
    assertThatThrownBy(() -> WebhookTarget.parse(url))
        .isInstanceOfSatisfying(
            PicShareException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
  }

  @Test
  void overLongUrlsAreValidationErrors() {
    assertThatThrownBy(() -> WebhookTarget.parse("https://example.com/" + "a".repeat(2048)))
        .isInstanceOfSatisfying(
            PicShareException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "ftp://example.com/",
        "file:///etc/passwd",
        "gopher://example.com:70/",
        "javascript:alert(1)",
        "ws://example.com/",
      })
  void otherSchemesAreRefused(String url) {
    assertThatThrownBy(() -> WebhookTarget.parse(url))
        .isInstanceOfSatisfying(
            PicShareException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.WEBHOOK_TARGET_REFUSED));
  }

  @Test
  void thePolicyRefusesAHostIfAnyOfItsAddressesIsNotPublic() {
    TargetPolicy strict =
        new TargetPolicy(
            false,
            host ->
                new InetAddress[] {
                  InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7")
                });
    WebhookTarget target = WebhookTarget.parse("https://rebinding.example/hook");

    assertThatThrownBy(() -> strict.check(target))
        .isInstanceOfSatisfying(
            PicShareException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.WEBHOOK_TARGET_REFUSED);
              assertThat(e.getMessage()).contains("10.0.0.7").contains("private");
            });
  }

  @Test
  void thePolicyReturnsTheCheckedAddresses() throws Exception {
    InetAddress publicAddress = InetAddress.getByName("93.184.215.14");
    TargetPolicy strict = new TargetPolicy(false, host -> new InetAddress[] {publicAddress});

    assertThat(strict.check(WebhookTarget.parse("https://example.com/")))
        .containsExactly(publicAddress);
  }

  @Test
  void allowingPrivateTargetsLetsLoopbackThrough() throws Exception {
    WebhookTarget loopback = WebhookTarget.parse("http://127.0.0.1:9999/hook");

    assertThat(new TargetPolicy(true).check(loopback))
        .containsExactly(InetAddress.getByName("127.0.0.1"));
    assertThatThrownBy(() -> new TargetPolicy(false).check(loopback))
        .hasMessageContaining("loopback");
    assertThatThrownBy(
            () -> new TargetPolicy(false).check(WebhookTarget.parse("http://localhost/")))
        .hasMessageContaining("loopback");
  }

  @Test
  void aHostThatDoesNotResolveIsRefused() {
    TargetPolicy policy =
        new TargetPolicy(
            true,
            host -> {
              throw new UnknownHostException(host);
            });

    assertThatThrownBy(() -> policy.check(WebhookTarget.parse("https://nowhere.invalid/")))
        .isInstanceOfSatisfying(
            PicShareException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.WEBHOOK_TARGET_REFUSED);
              assertThat(e.getMessage()).contains("does not resolve");
            });
  }
}
