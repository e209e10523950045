package io.picshare.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * An immutable {@code multipart/form-data} body (RFC 7578) built in memory: text fields and file
 * parts, each opened by {@code --boundary} and a {@code Content-Disposition} header, every line
 * ended by CRLF, closed by {@code --boundary--}. Built once, it can be sent any number of times.
 */
public final class MultipartBody {
  private static final Pattern BOUNDARY = Pattern.compile("[0-9A-Za-z'()+_,\\-./:=?]{1,70}");
  private static final String CRLF = "\r\n";

  private final String boundary;
  private final byte[] bytes;

  private MultipartBody(String boundary, byte[] bytes) {
    this.boundary = boundary;
    this.bytes = bytes;
  }

  public static Builder builder(String boundary) {
    return new Builder(boundary);
  }

  /**
   * A boundary that cannot plausibly occur inside a JPEG: a fixed prefix and 24 random hex digits.
   */
  public static String randomBoundary(Random random) {
    byte[] noise = new byte[12];
    random.nextBytes(noise);
    return "picshare-bench-" + HexFormat.of().formatHex(noise);
  }

  public String boundary() {
    return boundary;
  }

  /** The value of the request's {@code Content-Type} header. */
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  public int length() {
    return bytes.length;
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** A publisher over the body's bytes, shared rather than copied: cheap to call per request. */
  public BodyPublisher publisher() {
    return BodyPublishers.ofByteArray(bytes);
  }

  /** Adds parts in order; {@link #build()} rejects content that contains the delimiter. */
  public static final class Builder {
    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int parts;

    private Builder(String boundary) {
      requireNonNull(boundary, "boundary is null");
      if (!BOUNDARY.matcher(boundary).matches()) {
        throw new IllegalArgumentException(
            "boundary must be 1-70 characters of RFC 2046 bchars: " + boundary);
      }
      this.boundary = boundary;
    }

    public Builder field(String name, String value) {
      requireNonNull(value, "value is null");
      writeHeaders("form-data; name=\"" + checkedToken(name) + "\"", "text/plain; charset=UTF-8");
      writeContent(value.getBytes(UTF_8));
      return this;
    }

    public Builder file(String name, String filename, String contentType, byte[] content) {
      requireNonNull(content, "content is null");
      writeHeaders(
          "form-data; name=\""
              + checkedToken(name)
              + "\"; filename=\""
              + checkedToken(filename)
              + "\"",
          checkedToken(contentType));
      writeContent(content);
      return this;
    }

    public MultipartBody build() {
      byte[] body = concat(out.toByteArray(), ("--" + boundary + "--" + CRLF).getBytes(UTF_8));
      byte[] delimiter = (CRLF + "--" + boundary).getBytes(UTF_8);
      int first = indexOf(body, delimiter, 0);
      // The first part starts without a leading CRLF, so every occurrence of CRLF--boundary must be
      // one we wrote: count them against the parts written.
      int occurrences = 0;
      for (int at = first; at >= 0; at = indexOf(body, delimiter, at + 1)) {
        occurrences++;
      }
      if (occurrences != parts) {
        throw new IllegalArgumentException("a part's content contains the boundary " + boundary);
      }
      return new MultipartBody(boundary, body);
    }

    private void writeHeaders(String disposition, String contentType) {
      write(
          "--"
              + boundary
              + CRLF
              + "Content-Disposition: "
              + disposition
              + CRLF
              + "Content-Type: "
              + contentType
              + CRLF
              + CRLF);
    }

    private void writeContent(byte[] content) {
      out.writeBytes(content);
      write(CRLF);
      parts++;
    }

    private void write(String text) {
      out.writeBytes(text.getBytes(UTF_8));
    }

    private static String checkedToken(String value) {
      requireNonNull(value, "header value is null");
      if (value.isEmpty() || value.chars().anyMatch(c -> c == '"' || c == '\r' || c == '\n')) {
        throw new IllegalArgumentException("not usable in a part header: " + value);
      }
      return value;
    }
  }

  private static byte[] concat(byte[] head, byte[] tail) {
    byte[] joined = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, joined, head.length, tail.length);
    return joined;
  }

  static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
