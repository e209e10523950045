package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** How a server is run: read and write roles, rate limits, HTTPS. */
@ExtendWith(LocalStackExtension.class)
class ServerModesIT {
  @Test
  void readServerRefusesWritesAndWriteServerRefusesReads(StackEndpoints stack) throws Exception {
    try (PicShareApi writer =
            PicShareApi.start(StackConfigs.api(stack, Map.of("role", "write")))
                .await(60, TimeUnit.SECONDS);
        PicShareApi reader =
            PicShareApi.start(StackConfigs.api(stack, Map.of("role", "read")))
                .await(60, TimeUnit.SECONDS)) {
      ApiClient write = new ApiClient(writer.port());
      ApiClient read = new ApiClient(reader.port());
      String token = write.newUserToken("rw");

      HttpResponse<byte[]> refused =
          read.upload(token, TestPhotos.jpeg(50, 50, 9), "to the wrong server");
      assertThat(refused.statusCode()).isEqualTo(405);
      assertThat(json(refused).getString("code")).isEqualTo("method-not-allowed");
      assertThat(json(refused).getString("detail")).contains("read role");

      HttpResponse<byte[]> uploaded =
          write.upload(token, TestPhotos.jpeg(50, 50, 9), "to the right server");
      assertThat(uploaded.statusCode()).as(text(uploaded)).isEqualTo(201);
      String id = json(uploaded).getString("id");
      assertThat(read.get("/v1/photos/" + id + "/content", "Authorization", "Bearer " + token))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(200);
      assertThat(write.get("/v1/photos/" + id + "/content").statusCode()).isEqualTo(405);
      assertThat(read.get("/health/ready").statusCode()).isEqualTo(200);
      assertThat(write.get("/health/ready").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void tooManyLogInsAreRefusedWithRetryAfter(StackEndpoints stack) throws Exception {
    try (PicShareApi api =
        PicShareApi.start(StackConfigs.api(stack, Map.of("rate-limit-logins-per-minute", "2")))
            .await(60, TimeUnit.SECONDS)) {
      ApiClient client = new ApiClient(api.port());
      String username = "rl_" + UUID.randomUUID().toString().substring(0, 8);
      client.signUp(username);

      HttpResponse<byte[]> first = client.postJson("/v1/sessions", ApiClient.credentials(username));
      HttpResponse<byte[]> second =
          client.postJson("/v1/sessions", ApiClient.credentials(username));
      HttpResponse<byte[]> third = client.postJson("/v1/sessions", ApiClient.credentials(username));

      assertThat(first.statusCode()).isEqualTo(201);
      assertThat(first.headers().firstValue("RateLimit-Limit")).hasValue("2");
      assertThat(first.headers().firstValue("RateLimit-Remaining")).hasValue("1");
      assertThat(second.statusCode()).isEqualTo(201);
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(json(third).getString("code")).isEqualTo("rate-limited");
      assertThat(third.headers().firstValue("RateLimit-Remaining")).hasValue("0");
      assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow()))
          .isBetween(1L, 60L);
    }
  }

  @Test
  void aSpoofedForwardedForFromAnUntrustedPeerDoesNotEscapeThePerClientLimit(StackEndpoints stack)
      throws Exception {
    try (PicShareApi api =
        PicShareApi.start(StackConfigs.api(stack, Map.of("rate-limit-logins-per-minute", "2")))
            .await(60, TimeUnit.SECONDS)) {
      ApiClient client = new ApiClient(api.port());
      String username = signUp(client, "xff");

      List<Integer> statuses = new ArrayList<>();
      for (String claimed : List.of("203.0.113.1", "203.0.113.2", "203.0.113.3")) {
        statuses.add(logIn(client, username, "X-Forwarded-For", claimed).statusCode());
      }

      assertThat(statuses).containsExactly(201, 201, 429);
    }
  }

  @Test
  void behindATrustedProxyEachForwardedClientHasItsOwnLimitAndIpv6CountsPerSlash64(
      StackEndpoints stack) throws Exception {
    try (PicShareApi api =
        PicShareApi.start(
                StackConfigs.api(
                    stack,
                    Map.of(
                        "rate-limit-logins-per-minute",
                        "2",
                        "trusted-proxies",
                        "127.0.0.0/8, ::1")))
            .await(60, TimeUnit.SECONDS)) {
      ApiClient client = new ApiClient(api.port());
      String username = signUp(client, "proxied");

      // what the client wrote (left) is ignored; the proxy's entry (rightmost) counts
      assertThat(logIn(client, username, "X-Forwarded-For", "1.1.1.1, 203.0.113.10").statusCode())
          .isEqualTo(201);
      assertThat(logIn(client, username, "X-Forwarded-For", "2.2.2.2, 203.0.113.10").statusCode())
          .isEqualTo(201);
      assertThat(logIn(client, username, "X-Forwarded-For", "3.3.3.3, 203.0.113.10").statusCode())
          .isEqualTo(429);
      assertThat(logIn(client, username, "X-Forwarded-For", "203.0.113.11").statusCode())
          .isEqualTo(201);

      assertThat(logIn(client, username, "X-Forwarded-For", "2001:db8:1:2::1").statusCode())
          .isEqualTo(201);
      assertThat(logIn(client, username, "X-Forwarded-For", "2001:db8:1:2::2").statusCode())
          .isEqualTo(201);
      assertThat(logIn(client, username, "X-Forwarded-For", "2001:db8:1:2:ffff::3").statusCode())
          .as("same /64")
          .isEqualTo(429);
      assertThat(logIn(client, username, "X-Forwarded-For", "2001:db8:1:3::1").statusCode())
          .as("next /64")
          .isEqualTo(201);
    }
  }

  @Test
  void logInsAreAlsoLimitedPerAccountWhateverTheClient(StackEndpoints stack) throws Exception {
    try (PicShareApi api =
        PicShareApi.start(
                StackConfigs.api(
                    stack,
                    Map.of(
                        "rate-limit-logins-per-account-per-minute",
                        "2",
                        "trusted-proxies",
                        "127.0.0.0/8, ::1")))
            .await(60, TimeUnit.SECONDS)) {
      ApiClient client = new ApiClient(api.port());
      String username = signUp(client, "acct");
      String other = signUp(client, "acct");

      HttpResponse<byte[]> first = logIn(client, username, "X-Forwarded-For", "203.0.113.21");
      HttpResponse<byte[]> second =
          logIn(
              client,
              username.toUpperCase(java.util.Locale.ROOT),
              "X-Forwarded-For",
              "203.0.113.22");
      HttpResponse<byte[]> third = logIn(client, username, "X-Forwarded-For", "203.0.113.23");

      assertThat(first.headers().firstValue("RateLimit-Limit"))
          .as("the nearer limit is shown")
          .hasValue("2");
      assertThat(third.statusCode()).as(text(third)).isEqualTo(429);
      assertThat(json(third).getString("detail")).contains("this account");
      assertThat(second.statusCode())
          .as("a differently cased name is the same account")
          .isNotEqualTo(429);
      assertThat(logIn(client, other, "X-Forwarded-For", "203.0.113.23").statusCode())
          .isEqualTo(201);
    }
  }

  private static String signUp(ApiClient client, String prefix) throws Exception {
    String username = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    client.signUp(username);
    return username;
  }

  private static HttpResponse<byte[]> logIn(ApiClient client, String username, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        client
            .request("/v1/sessions")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(ApiClient.credentials(username)));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request);
  }

  @Test
  void servesHttpsGivenAPemKeyAndCertificate(StackEndpoints stack, @TempDir Path dir)
      throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    X509Certificate certificate = selfSigned(keys);
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Files.writeString(cert, pem(certificate));
    Files.writeString(key, pem(keys.getPrivate()));

    try (PicShareApi api =
        PicShareApi.start(
                StackConfigs.api(
                    stack,
                    Map.of("tls-cert-file", cert.toString(), "tls-key-file", key.toString())))
            .await(60, TimeUnit.SECONDS)) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("picshare", certificate);
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trustManagers.getTrustManagers(), null);
      HttpClient https = HttpClient.newBuilder().sslContext(tls).build();

      HttpResponse<String> response =
          https.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + api.port() + "/health/live"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.uri().getScheme()).isEqualTo("https");
    }
  }

  private static X509Certificate selfSigned(KeyPair keys) throws Exception {
    X500Name name = new X500Name("CN=localhost");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            name,
            keys.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
  }

  private static String pem(Object object) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
