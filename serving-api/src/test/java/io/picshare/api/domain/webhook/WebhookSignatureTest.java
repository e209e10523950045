package io.picshare.api.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  /** The worked example of docs/webhooks.md: secret, timestamp, body and signature. */
  static final String SECRET = "whsec_Cn7dQf0xR2bT9kLm4sVw8yZa1eHj5uPo3iNc6gXqAbE";

  static final long TIMESTAMP = 1_795_000_000L;
  static final String BODY =
      "{\"event_id\":\"ABat8Vaq4R4\",\"type\":\"user-followed\","
          + "\"occurred_at\":\"2026-11-18T11:06:39.512Z\","
          + "\"follower\":{\"id\":\"EeSHx78RlTN\",\"username\":\"bob\"},"
          + "\"followee\":{\"id\":\"BRduEGbozhJ\",\"username\":\"alice\"}}";
  static final String SIGNATURE =
      "2e253bdaf944ab4a94db5ee37d2f3d1cf5e2751964155a56941f23a1be888dba";

  @Test
  void theDocumentedExampleHolds() {
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignature.v1(SECRET, TIMESTAMP, body)).isEqualTo(SIGNATURE);
    assertThat(WebhookSignature.header(SECRET, TIMESTAMP, body))
        .isEqualTo("t=1795000000,v1=" + SIGNATURE);
  }

  @Test
  void isHmacSha256OfTheTimestampADotAndTheBody() throws Exception {
    byte[] body = "{\"a\": \"ü\"}".getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("whsec_k".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        HexFormat.of()
            .formatHex(
                mac.doFinal(
                    ("42." + new String(body, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8)));

    assertThat(WebhookSignature.v1("whsec_k", 42, body)).isEqualTo(expected);
    assertThat(WebhookSignature.v1("whsec_k", 43, body)).isNotEqualTo(expected);
    assertThat(WebhookSignature.v1("whsec_l", 42, body)).isNotEqualTo(expected);
  }
}
