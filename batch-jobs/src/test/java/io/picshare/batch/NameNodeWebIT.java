package io.picshare.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The NameNode's web side on the local stack, as ops use it to look at what the jobs did: WebHDFS
 * ({@code /webhdfs/v1}, Jersey 1 in the hadoop node's JVM next to YARN's web apps) lists and reads,
 * and the web UI's file browser page is served. The address is the one the stack writes to {@code
 * data/hadoop/conf/hdfs-site.xml} ({@code dfs.namenode.http-address}). Here rather than in
 * local-stack because the stack's node modules are packaged only after the launcher is built.
 */
@ExtendWith(LocalStackExtension.class)
class NameNodeWebIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Configuration conf;
  private static URI web;
  private static HttpClient http;

  @BeforeAll
  static void connect(StackEndpoints stack) throws IOException {
    conf = new Configuration();
    try (Stream<Path> files = Files.list(stack.hadoopConfDir())) {
      files
          .filter(file -> file.toString().endsWith("-site.xml"))
          .forEach(file -> conf.addResource(new org.apache.hadoop.fs.Path(file.toUri())));
    }
    String address = conf.get("dfs.namenode.http-address");
    assertThat(address).as("hdfs-site.xml names the NameNode's web address").isNotBlank();
    web = URI.create("http://" + address);
    http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  @Test
  void webHdfsListsTheRootAndReadsAFileThroughADataNode() throws Exception {
    byte[] content = "read through WebHDFS\n".getBytes(StandardCharsets.UTF_8);
    org.apache.hadoop.fs.Path file =
        new org.apache.hadoop.fs.Path("/picshare/webhdfs-it/hello.txt");
    FileSystem fs = FileSystem.get(conf);
    try (FSDataOutputStream out = fs.create(file, true)) {
      out.write(content);
    }
    try {
      listAndRead(content);
    } finally {
      fs.delete(file.getParent(), true);
    }
  }

  private void listAndRead(byte[] content) throws Exception {

    HttpResponse<String> root = get("/webhdfs/v1/?op=LISTSTATUS");
    assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
    assertThat(root.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(entries(root.body())).as(root.body()).contains("picshare DIRECTORY");

    HttpResponse<String> listed = get("/webhdfs/v1/picshare/webhdfs-it?op=LISTSTATUS");
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(entries(listed.body())).containsExactly("hello.txt FILE");

    // OPEN answers 307 to a DataNode's WebHDFS, which streams the bytes.
    HttpResponse<byte[]> read =
        http.send(
            HttpRequest.newBuilder(web.resolve("/webhdfs/v1/picshare/webhdfs-it/hello.txt?op=OPEN"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(content);
  }

  @Test
  void theWebUiServesItsFileBrowser() throws Exception {
    HttpResponse<String> browser = get("/explorer.html");
    assertThat(browser.statusCode()).isEqualTo(200);
    assertThat(browser.body()).contains("Browse Directory");
  }

  private static HttpResponse<String> get(String pathAndQuery)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(web.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The {@code FileStatuses} of a LISTSTATUS answer as {@code "<name> <type>"}. */
  private static List<String> entries(String body) throws IOException {
    List<String> entries = new ArrayList<>();
    for (JsonNode status : JSON.readTree(body).path("FileStatuses").path("FileStatus")) {
      entries.add(status.path("pathSuffix").asText() + " " + status.path("type").asText());
    }
    return entries;
  }
}
