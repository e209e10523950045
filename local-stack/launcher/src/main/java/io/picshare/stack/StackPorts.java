package io.picshare.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** The TCP ports the local stack listens on (all on 127.0.0.1). */
public record StackPorts(
    int namenode, int namenodeHttp, int zookeeper, int kafka, int kafkaController, int solr, int api) {

  public static final StackPorts DEFAULTS = new StackPorts(8020, 9870, 2181, 9092, 9093, 8983, 8080);

  public StackPorts {
    for (int port : new int[] {namenode, namenodeHttp, zookeeper, kafka, kafkaController, solr, api}) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("not a TCP port: " + port);
      }
    }
  }

  /** Free ports picked by the operating system, so tests never collide with a running stack. */
  public static StackPorts ephemeral() {
    return new StackPorts(
        freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free TCP port", e);
    }
  }
}
