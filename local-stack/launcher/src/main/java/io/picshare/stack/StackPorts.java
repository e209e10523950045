package io.picshare.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP ports the local stack listens on (all on 127.0.0.1); {@code writeApi} is used in split
 * mode only.
 */
public record StackPorts(
    int namenode,
    int namenodeHttp,
    int zookeeper,
    int kafka,
    int kafkaController,
    int solr,
    int api,
    int writeApi,
    int admin,
    int writeAdmin) {

  public static final StackPorts DEFAULTS =
      new StackPorts(8020, 9870, 2181, 9092, 9093, 8983, 8080, 8081, 9080, 9081);

  public StackPorts {
    for (int port :
        new int[] {
          namenode,
          namenodeHttp,
          zookeeper,
          kafka,
          kafkaController,
          solr,
          api,
          writeApi,
          admin,
          writeAdmin
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
      return new StackPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9]);
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
