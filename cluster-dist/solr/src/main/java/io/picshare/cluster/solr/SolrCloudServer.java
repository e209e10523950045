package io.picshare.cluster.solr;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * One SolrCloud node of a cluster: Solr's embedded Jetty runner over a Solr home whose {@code
 * solr.xml} names the ZooKeeper ensemble (written by the Ansible {@code solr} role).
 *
 * <p>Usage: {@code SolrCloudServer <solr-home> <port>}. The runner binds only 127.0.0.1, so once it
 * is up each connector is rebound to every address; the node advertises the host named by the
 * {@code host} system property in {@code solr.xml}.
 */
public final class SolrCloudServer {
  private SolrCloudServer() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2 || args[0].startsWith("-")) {
      System.err.println("usage: SolrCloudServer <solr-home> <port>");
      System.exit(2);
    }
    Path home = Path.of(args[0]);
    if (!Files.isRegularFile(home.resolve("solr.xml"))) {
      throw new IllegalArgumentException("no solr.xml in the Solr home " + home);
    }
    Node node =
        new Node(
            home,
            JettyConfig.builder()
                .setPort(Integer.parseInt(args[1]))
                .setContext("/solr")
                .stopAtShutdown(true)
                .build());
    node.start();
    node.bindEveryAddress();
    System.out.println("Solr node up on port " + args[1] + ", home " + home);
    Thread.currentThread().join();
  }

  /** The runner, keeping hold of its handler chain to reach the Jetty server behind it. */
  private static final class Node extends JettySolrRunner {
    private HandlerWrapper chain;

    Node(Path home, JettyConfig config) {
      super(home.toString(), config);
    }

    @Override
    protected HandlerWrapper injectJettyHandlers(HandlerWrapper handlers) {
      chain = handlers;
      return handlers;
    }

    void bindEveryAddress() throws Exception {
      for (Connector connector : chain.getServer().getConnectors()) {
        if (connector instanceof ServerConnector server && server.getHost() != null) {
          server.stop();
          server.setHost(null);
          server.start();
        }
      }
    }
  }
}
