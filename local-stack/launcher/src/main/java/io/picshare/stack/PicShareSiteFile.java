package io.picshare.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code picshare-site.xml} in the stack's Hadoop configuration directory: what PicShare's batch
 * jobs need beyond Hadoop and HBase, in Hadoop's configuration format ({@code picshare.solr.url},
 * Solr's base URL, for the reindex job), so a job run with that directory on its classpath finds
 * the stack's Solr whatever its port.
 */
final class PicShareSiteFile {
  static final String NAME = "picshare-site.xml";

  private PicShareSiteFile() {}

  /** Writes the file for {@code endpoints} into their Hadoop configuration directory. */
  static Path write(StackEndpoints endpoints) throws IOException {
    Map<String, String> properties =
        new TreeMap<>(Map.of("picshare.solr.url", endpoints.solr().toString()));
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<!-- Written by the PicShare local stack at every start. -->\n")
        .append("<configuration>\n");
    properties.forEach(
        (key, value) ->
            xml.append("  <property><name>")
                .append(escape(key))
                .append("</name><value>")
                .append(escape(value))
                .append("</value></property>\n"));
    xml.append("</configuration>\n");
    Path dir = endpoints.hadoopConfDir();
    Path temporary = dir.resolve(NAME + ".tmp");
    Files.writeString(temporary, xml, StandardCharsets.UTF_8);
    return Files.move(
        temporary,
        dir.resolve(NAME),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
