package io.picshare.bench;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartBodyTest {
  private static final String BOUNDARY = "picshare-bench-0123456789abcdef01234567";

  @Test
  void partsParseBackWithTheirHeadersAndExactBytes() {
    byte[] jpeg = new byte[5000];
    new Random(7).nextBytes(jpeg);
    jpeg[0] = '\r'; // content that starts and ends like line breaks must survive untouched
    jpeg[1] = '\n';
    jpeg[4999] = '\r';

    MultipartBody body =
        MultipartBody.builder(BOUNDARY)
            .field("title", "Lisbon at dusk — ünïcode")
            .file("file", "bench.jpg", "image/jpeg", jpeg)
            .build();

    assertThat(body.contentType()).isEqualTo("multipart/form-data; boundary=" + BOUNDARY);
    List<Part> parts = parse(body.toByteArray(), BOUNDARY);
    assertThat(parts).hasSize(2);

    assertThat(parts.get(0).headers())
        .containsExactly(
            Map.entry("Content-Disposition", "form-data; name=\"title\""),
            Map.entry("Content-Type", "text/plain; charset=UTF-8"));
    assertThat(new String(parts.get(0).content(), UTF_8)).isEqualTo("Lisbon at dusk — ünïcode");

    assertThat(parts.get(1).headers())
        .containsExactly(
            Map.entry("Content-Disposition", "form-data; name=\"file\"; filename=\"bench.jpg\""),
            Map.entry("Content-Type", "image/jpeg"));
    assertThat(parts.get(1).content()).isEqualTo(jpeg);
    assertThat(body.length()).isEqualTo(body.toByteArray().length);
  }

  @Test
  void bodyStartsWithTheDelimiterAndEndsWithTheCloseDelimiterAndCrlf() {
    String text =
        new String(
            MultipartBody.builder(BOUNDARY).field("title", "t").build().toByteArray(), ISO_8859_1);

    assertThat(text)
        .isEqualTo(
            "--"
                + BOUNDARY
                + "\r\n"
                + "Content-Disposition: form-data; name=\"title\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "\r\n"
                + "t\r\n"
                + "--"
                + BOUNDARY
                + "--\r\n");
    assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
  }

  @Test
  void contentContainingTheDelimiterIsRejected() {
    byte[] evil = ("abc\r\n--" + BOUNDARY + "\r\nxyz").getBytes(ISO_8859_1);

    assertThatThrownBy(
            () ->
                MultipartBody.builder(BOUNDARY)
                    .file("file", "bench.jpg", "image/jpeg", evil)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contains the boundary");
  }

  @Test
  void invalidBoundariesAndHeaderValuesAreRejected() {
    assertThatThrownBy(() -> MultipartBody.builder("has space"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MultipartBody.builder("x".repeat(71)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MultipartBody.builder(BOUNDARY).field("ti\"tle", "t"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                MultipartBody.builder(BOUNDARY)
                    .file("file", "a\r\nb.jpg", "image/jpeg", new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomBoundariesAreValidAndDiffer() {
    Random random = new Random(1);
    String first = MultipartBody.randomBoundary(random);
    String second = MultipartBody.randomBoundary(random);

    assertThat(first).matches("picshare-bench-[0-9a-f]{24}").isNotEqualTo(second);
    MultipartBody.builder(first).field("title", "t").build();
  }

  private record Part(Map<String, String> headers, byte[] content) {}

  /**
   * A strict RFC 7578 reader: CRLF everywhere, nothing before the first delimiter or after the
   * last.
   */
  private static List<Part> parse(byte[] body, String boundary) {
    String text = new String(body, ISO_8859_1);
    String first = "--" + boundary + "\r\n";
    String delimiter = "\r\n--" + boundary;
    assertThat(text).startsWith(first).endsWith(delimiter + "--\r\n");
    List<Part> parts = new ArrayList<>();
    int at = first.length();
    while (true) {
      int headersEnd = text.indexOf("\r\n\r\n", at);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line : text.substring(at, headersEnd).split("\r\n")) {
        int colon = line.indexOf(": ");
        headers.put(line.substring(0, colon), line.substring(colon + 2));
      }
      int contentStart = headersEnd + 4;
      int contentEnd = text.indexOf(delimiter, contentStart);
      parts.add(new Part(headers, text.substring(contentStart, contentEnd).getBytes(ISO_8859_1)));
      int next = contentEnd + delimiter.length();
      if (text.startsWith("--\r\n", next)) {
        assertThat(next + 4).isEqualTo(text.length());
        return parts;
      }
      assertThat(text.substring(next, next + 2)).isEqualTo("\r\n");
      at = next + 2;
    }
  }
}
