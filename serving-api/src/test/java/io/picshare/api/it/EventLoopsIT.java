package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API serves on every event loop: one server per event loop shares the port, new connections go
 * to each in turn ({@code picshare_http_connections} by event loop shows it), and {@code
 * max-connections} caps them all together.
 */
@ExtendWith(LocalStackExtension.class)
class EventLoopsIT {
  private static final Pattern CONNECTIONS =
      Pattern.compile(
          "^picshare_http_connections\\{.*event_loop=\"([^\"]+)\".*} (\\S+)$", Pattern.MULTILINE);

  @Test
  void connectionsAreServedByEveryEventLoop(StackEndpoints stack) throws Exception {
    try (PicShareApi api =
        PicShareApi.start(StackConfigs.api(stack, Map.of("event-loops", "2")))
            .await(60, TimeUnit.SECONDS)) {
      assertThat(api.serverInstances()).isEqualTo(2);
      List<KeepAliveConnection> connections = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          KeepAliveConnection connection = new KeepAliveConnection(api.port());
          assertThat(connection.get("/health/live")).startsWith("HTTP/1.1 200");
          connections.add(connection);
        }
        Map<String, Double> openByEventLoop =
            openConnectionsByEventLoop(new ApiClient(api.adminPort()));

        assertThat(openByEventLoop).as("open connections by event loop").hasSize(2);
        assertThat(openByEventLoop.values())
            .as("each event loop holds some of the 4 + 1 connections")
            .allSatisfy(open -> assertThat(open).isGreaterThanOrEqualTo(2.0));
      } finally {
        for (KeepAliveConnection connection : connections) {
          connection.close();
        }
      }
    }
  }

  @Test
  void maxConnectionsHoldsForAllEventLoopsTogether(StackEndpoints stack) throws Exception {
    try (PicShareApi api =
        PicShareApi.start(
                StackConfigs.api(stack, Map.of("event-loops", "2", "max-connections", "3")))
            .await(60, TimeUnit.SECONDS)) {
      List<KeepAliveConnection> connections = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          KeepAliveConnection connection = new KeepAliveConnection(api.port());
          assertThat(connection.get("/health/live")).startsWith("HTTP/1.1 200");
          connections.add(connection);
        }
        try (KeepAliveConnection fourth = new KeepAliveConnection(api.port())) {
          assertThat(fourth.getOrClosed("/health/live"))
              .as("a fourth connection is closed unanswered")
              .isEmpty();
        }
        connections.remove(0).close();
        Thread.sleep(200); // the server sees the close
        // The scrape takes the freed place.
        String metrics = ApiClient.text(new ApiClient(api.adminPort()).get("/metrics"));
        assertThat(metrics)
            .containsPattern("(?m)^picshare_http_connections_refused_total\\{.*} 1\\.0$");
      } finally {
        for (KeepAliveConnection connection : connections) {
          connection.close();
        }
      }
    }
  }

  private static Map<String, Double> openConnectionsByEventLoop(ApiClient client) throws Exception {
    Map<String, Double> open = new TreeMap<>();
    Matcher samples = CONNECTIONS.matcher(ApiClient.text(client.get("/metrics")));
    while (samples.find()) {
      open.put(samples.group(1), Double.parseDouble(samples.group(2)));
    }
    return open;
  }

  /** One HTTP/1.1 connection kept open between requests, so it stays on its event loop. */
  private static final class KeepAliveConnection implements AutoCloseable {
    private final Socket socket;

    KeepAliveConnection(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(10_000);
    }

    /** The response's status line, headers and body. */
    String get(String path) throws IOException {
      String response = getOrClosed(path);
      assertThat(response).as("a response to GET %s", path).isNotEmpty();
      return response;
    }

    /**
     * Like {@link #get}, or an empty string if the server closed the connection instead of
     * answering.
     */
    String getOrClosed(String path) throws IOException {
      try {
        socket
            .getOutputStream()
            .write(
                ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
      } catch (IOException closedBeforeWeWrote) {
        return "";
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      try {
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
          int b = in.read();
          if (b < 0) {
            return head.toString(StandardCharsets.US_ASCII);
          }
          head.write(b);
        }
      } catch (java.net.SocketException reset) {
        return head.toString(StandardCharsets.US_ASCII);
      }
      String headers = head.toString(StandardCharsets.US_ASCII);
      Matcher length = Pattern.compile("(?im)^content-length: *(\\d+)").matcher(headers);
      byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
      return headers + new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
