package io.picshare.stack.hadoop;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The Hadoop node's fault-control endpoint for tests, on loopback only: {@code POST
 * /stop-datanode/<slot>}, {@code /start-datanode/<slot>}, {@code /kill-regionserver} and {@code
 * /start-regionserver} run the {@link ClusterFaults} command one at a time and answer once it is
 * done: 200 with what happened, 400 for an unknown command, 409 if the cluster is not in a state
 * the command applies to, 500 if it failed.
 */
final class FaultControlServer implements AutoCloseable {
  private final HttpServer server;
  private final ClusterFaults faults;

  private FaultControlServer(HttpServer server, ClusterFaults faults) {
    this.server = server;
    this.faults = faults;
  }

  /** Listens on 127.0.0.1:{@code port} (0: any free port); one request is served at a time. */
  static FaultControlServer start(int port, ClusterFaults faults) throws IOException {
    requireNonNull(faults, "faults is null");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    FaultControlServer control = new FaultControlServer(server, faults);
    server.createContext("/", control::handle);
    server.start();
    return control;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "fault commands are POSTs");
        return;
      }
      String command = exchange.getRequestURI().getPath();
      System.out.println("fault control: " + command);
      try {
        String outcome = run(command);
        System.out.println("fault control: " + outcome);
        respond(exchange, 200, outcome);
      } catch (IllegalArgumentException e) {
        respond(exchange, 400, e.getMessage());
      } catch (IllegalStateException e) {
        System.out.println("fault control: " + command + " refused: " + e.getMessage());
        respond(exchange, 409, e.getMessage());
      } catch (Exception e) {
        System.out.println("fault control: " + command + " failed: " + e);
        e.printStackTrace(System.out);
        respond(exchange, 500, e.toString());
      }
    }
  }

  private String run(String command) throws Exception {
    String[] parts = command.replaceFirst("^/", "").split("/");
    return switch (parts[0]) {
      case "stop-datanode" -> faults.stopDataNode(slot(parts));
      case "start-datanode" -> faults.startDataNode(slot(parts));
      case "kill-regionserver" -> faults.killRegionServer();
      case "start-regionserver" -> faults.startRegionServer();
      case "add-datanode" -> faults.addDataNode();
      case "cap-datanode-volumes" -> faults.capVolumes(number(parts));
      default ->
          throw new IllegalArgumentException(
              "unknown fault command "
                  + command
                  + "; known: /stop-datanode/<slot>, /start-datanode/<slot>, /kill-regionserver,"
                  + " /start-regionserver, /add-datanode, /cap-datanode-volumes/<megabytes>");
    };
  }

  private static int slot(String[] parts) {
    if (parts.length != 2 || !parts[1].matches("[0-9]{1,2}")) {
      throw new IllegalArgumentException("expected /" + parts[0] + "/<slot>");
    }
    return Integer.parseInt(parts[1]);
  }

  private static long number(String[] parts) {
    if (parts.length != 2 || !parts[1].matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException("expected /" + parts[0] + "/<number>");
    }
    return Long.parseLong(parts[1]);
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
