package io.picshare.api.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSession;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http} cannot do: send a request slowly, or
 * only part of it, and see whether the server closes the connection.
 */
final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(20_000);
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  RawHttp send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  RawHttp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /**
   * Sends {@code bytes} in {@code pieces} pieces, {@code pause} apart, on another thread, so the
   * caller can read the answer meanwhile; stops quietly once the server has closed the connection.
   */
  CompletableFuture<Void> sendSlowly(byte[] bytes, int pieces, Duration pause) {
    return CompletableFuture.runAsync(
        () -> {
          int piece = Math.max(1, bytes.length / pieces);
          try {
            for (int from = 0; from < bytes.length; from += piece) {
              Thread.sleep(pause.toMillis());
              out.write(bytes, from, Math.min(piece, bytes.length - from));
              out.flush();
            }
          } catch (IOException e) {
            // the server closed the connection: that is what some tests wait for
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        runnable -> {
          Thread sender = new Thread(runnable, "raw-http-sender");
          sender.setDaemon(true);
          sender.start();
        });
  }

  /** Reads one response: status line, headers and a {@code Content-Length} body. */
  HttpResponse<byte[]> readResponse() throws IOException {
    String statusLine = readLine();
    if (statusLine == null) {
      throw new IOException("the server closed the connection without answering");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      headers
          .computeIfAbsent(line.substring(0, colon).strip(), name -> new ArrayList<>())
          .add(line.substring(colon + 1).strip());
    }
    int length = Integer.parseInt(headers.getOrDefault("Content-Length", List.of("0")).get(0));
    byte[] body = in.readNBytes(length);
    return new Response(status, HttpHeaders.of(headers, (name, value) -> true), body);
  }

  /** Whether the server closes the connection (end of stream or reset) within {@code time}. */
  boolean closedByServerWithin(Duration time) throws IOException {
    long deadline = System.nanoTime() + time.toNanos();
    socket.setSoTimeout(100);
    try {
      while (System.nanoTime() < deadline) {
        try {
          if (in.read() < 0) {
            return true;
          }
        } catch (SocketTimeoutException e) {
          // nothing yet
        }
      }
      return false;
    } catch (SocketException e) {
      return true;
    } finally {
      socket.setSoTimeout(20_000);
    }
  }

  /** Whether the connection is still open after trying to write to it. */
  boolean accepts(byte[] bytes) {
    try {
      send(bytes);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  static String head(String method, String path, String... headers) {
    StringBuilder head =
        new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    return head.append("\r\n").toString();
  }

  /** A response read off the socket, in the shape the tests' assertions take. */
  private record Response(int statusCode, HttpHeaders headers, byte[] body)
      implements HttpResponse<byte[]> {
    @Override
    public HttpRequest request() {
      return HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).build();
    }

    @Override
    public Optional<HttpResponse<byte[]>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request().uri();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
