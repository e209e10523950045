package io.picshare.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP ports the local stack listens on (all on 127.0.0.1); {@code writeApi} is used in split
 * mode only. {@code yarn} is the ResourceManager's RPC port (where jobs are submitted), {@code
 * yarnWeb} its web UI.
 */
public record StackPorts(
    int namenode,
    int namenodeHttp,
    int zookeeper,
    int yarn,
    int yarnWeb,
    int kafka,
    int kafkaController,
    int solr,
    int api,
    int writeApi,
    int admin,
    int writeAdmin) {

  public static final StackPorts DEFAULTS =
      new StackPorts(8020, 9870, 2181, 8032, 8088, 9092, 9093, 8983, 8080, 8081, 9080, 9081);

  /**
   * {@code admin} and {@code writeAdmin} are the APIs' admin ports; 0 (test stacks) lets each API
   * bind any free one, since nothing in a test stack needs to know it in advance.
   */
  public StackPorts {
    if (admin < 0 || admin > 65535 || writeAdmin < 0 || writeAdmin > 65535) {
      throw new IllegalArgumentException("not a TCP port or 0: " + admin + ", " + writeAdmin);
    }
    for (int port :
        new int[] {
          namenode,
          namenodeHttp,
          zookeeper,
          yarn,
          yarnWeb,
          kafka,
          kafkaController,
          solr,
          api,
          writeApi
        }) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("not a TCP port: " + port);
      }
    }
  }

  /**
   * Distinct free ports picked by the operating system, so tests never collide with a running
   * stack.
   */
  public static StackPorts ephemeral() {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        // All held open at once, so no port is handed out twice.
        sockets.add(new ServerSocket(0));
      }
      int[] p = sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
      return new StackPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], 0, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("no free TCP port", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a listening socket that accepted nothing cannot lose data
        }
      }
    }
  }
}
