package io.picshare.stack.solr;

import io.picshare.stack.node.NodeArguments;
import io.picshare.stack.node.NodeRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.CoreAdminRequest;
import org.apache.solr.client.solrj.request.SolrPing;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * One Solr node (standalone, Jetty) with its home under {@code --data-dir}. The PicShare configset
 * is copied in from {@code --configset} on every start, and the {@code photos} core is created from
 * it the first time.
 */
public final class SolrNode implements NodeRuntime.Component {
  static final String CONFIGSET = "picshare";
  static final String CORE = "photos";

  private final Path dataDir;
  private final int port;
  private final Path configset;
  private JettySolrRunner jetty;

  SolrNode(Path dataDir, int port, Path configset) {
    this.dataDir = dataDir;
    this.port = port;
    this.configset = configset;
  }

  public static void main(String[] args) {
    NodeArguments arguments = NodeArguments.parse(args);
    NodeRuntime.run(
        "solr",
        arguments,
        new SolrNode(arguments.dataDir(), arguments.port("port"), arguments.path("configset")));
  }

  @Override
  public Map<String, String> start() throws Exception {
    Path home = dataDir.resolve("home");
    Files.createDirectories(home);
    Path solrXml = home.resolve("solr.xml");
    if (!Files.exists(solrXml)) {
      Files.writeString(solrXml, "<solr/>\n");
    }
    copyConfigset(configset, home.resolve("configsets").resolve(CONFIGSET));

    jetty =
        new JettySolrRunner(
            home.toString(),
            JettyConfig.builder().setPort(port).setContext("/solr").stopAtShutdown(false).build());
    jetty.start();
    String url = "http://127.0.0.1:" + port + "/solr";
    try (SolrClient client = new HttpJdkSolrClient.Builder(url).build()) {
      if (!Files.exists(home.resolve(CORE).resolve("core.properties"))) {
        CoreAdminRequest.Create create = new CoreAdminRequest.Create();
        create.setCoreName(CORE);
        create.setConfigSet(CONFIGSET);
        create.setInstanceDir(CORE);
        create.process(client);
      }
      new SolrPing().process(client, CORE);
    }
    return Map.of("solr", url);
  }

  @Override
  public void stop() throws Exception {
    if (jetty != null) {
      jetty.stop();
    }
  }

  private static void copyConfigset(Path source, Path target) throws IOException {
    if (!Files.isRegularFile(source.resolve("conf/solrconfig.xml"))) {
      throw new IllegalArgumentException(
          "not a Solr configset (no conf/solrconfig.xml): " + source);
    }
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
