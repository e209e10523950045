package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.config.StorageConfig;
import io.picshare.api.domain.search.PhotoIndex;
import io.picshare.api.storage.HBaseClient;
import io.picshare.api.storage.HdfsBlobStore;
import io.picshare.api.storage.KafkaEventPublisher;
import io.picshare.api.storage.SolrPhotoIndex;
import io.picshare.data.search.PhotoDocument;
import io.picshare.stack.ApiMode;
import io.picshare.stack.LocalStack;
import io.picshare.stack.RepositoryRoot;
import io.picshare.stack.StackPorts;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.AsyncConnection;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./picshare up} promises: the whole stack, API included (here a read and a write API,
 * as {@code --api-roles split} runs them), becomes ready; stopped and started again on the same
 * data directory, every backend still has what it stored.
 */
class LocalStackRestartIT {
  private static final TableName TABLE = TableName.valueOf("it_restart");
  private static final byte[] FAMILY = Bytes.toBytes("f");
  private static final byte[] ROW = Bytes.toBytes("photo-1");
  private static final byte[] QUALIFIER = Bytes.toBytes("title");
  private static final String TOPIC = "it-restart";

  @Test
  void dataSurvivesARestart() throws Exception {
    Path dataDir =
        Files.createTempDirectory(Files.createDirectories(Path.of("target")), "restart-stack-");
    LocalStack.Options options =
        new LocalStack.Options(
            RepositoryRoot.find(),
            dataDir,
            StackPorts.ephemeral(),
            false,
            ApiMode.SPLIT,
            System.out);
    byte[] photo = "not really a jpeg, but bytes all the same".getBytes(StandardCharsets.UTF_8);
    RecordMetadata event;

    try (LocalStack stack = LocalStack.start(options)) {
      assertReady(stack);
      StorageConfig config = StackConfigs.api(stack.endpoints()).storage();
      Vertx vertx = Vertx.vertx();
      try (HdfsBlobStore blobs = HdfsBlobStore.open(vertx, config);
          HBaseClient hbase = HBaseClient.connect(config);
          KafkaEventPublisher events = KafkaEventPublisher.connect(vertx, config);
          SolrPhotoIndex search = SolrPhotoIndex.connect(vertx, config)) {
        blobs.write("/it/restart/photo-1", photo).await(60, TimeUnit.SECONDS);
        AsyncConnection connection = hbase.connection().await(60, TimeUnit.SECONDS);
        connection
            .getAdmin()
            .createTable(
                TableDescriptorBuilder.newBuilder(TABLE)
                    .setColumnFamily(ColumnFamilyDescriptorBuilder.of(FAMILY))
                    .build())
            .get(60, TimeUnit.SECONDS);
        connection
            .getTable(TABLE)
            .put(new Put(ROW).addColumn(FAMILY, QUALIFIER, Bytes.toBytes("Lisbon at dusk")))
            .get(30, TimeUnit.SECONDS);
        event =
            events
                .publish(TOPIC, "photo-1", "photo-uploaded".getBytes(StandardCharsets.UTF_8))
                .await(60, TimeUnit.SECONDS);
        search.sync(
            List.of(new PhotoDocument(4242, 7, "ana", "Lisbon at dusk", 1_700_000_000_000L, 0)),
            List.of());
      } finally {
        vertx.close().await(10, TimeUnit.SECONDS);
      }
    }

    try (LocalStack stack = LocalStack.start(options)) {
      assertReady(stack);
      StorageConfig config = StackConfigs.api(stack.endpoints()).storage();
      Vertx vertx = Vertx.vertx();
      try (HdfsBlobStore blobs = HdfsBlobStore.open(vertx, config);
          HBaseClient hbase = HBaseClient.connect(config);
          SolrPhotoIndex search = SolrPhotoIndex.connect(vertx, config)) {
        assertThat(blobs.read("/it/restart/photo-1").await(60, TimeUnit.SECONDS)).isEqualTo(photo);
        AsyncConnection connection = hbase.connection().await(60, TimeUnit.SECONDS);
        assertThat(
                Bytes.toString(
                    connection
                        .getTable(TABLE)
                        .get(new Get(ROW))
                        .get(60, TimeUnit.SECONDS)
                        .getValue(FAMILY, QUALIFIER)))
            .isEqualTo("Lisbon at dusk");
        assertThat(
                ClusterClientsIT.consume(
                    stack.endpoints(),
                    new TopicPartition(TOPIC, event.partition()),
                    event.offset(),
                    "photo-1",
                    1))
            .containsExactly("photo-uploaded");
        assertThat(search.search("lisbon", 10, Optional.empty()).await(30, TimeUnit.SECONDS).hits())
            .containsExactly(new PhotoIndex.Hit(4242, 7));
      } finally {
        vertx.close().await(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Both API processes (read and write role) report every backend up. */
  private static void assertReady(LocalStack stack) throws Exception {
    assertThat(stack.endpoints().writeApi()).isNotEqualTo(stack.endpoints().api());
    for (java.net.URI api : List.of(stack.endpoints().api(), stack.endpoints().writeApi())) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(api.resolve("/health/ready")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(new JsonObject(response.body()).getString("status")).isEqualTo("UP");
    }
    assertWebAppWritesToTheWriteApi(stack);
  }

  /** The read API's web app sends its writes to the write API, which takes them across origins. */
  private static void assertWebAppWritesToTheWriteApi(LocalStack stack) throws Exception {
    java.net.URI read = stack.endpoints().api();
    java.net.URI write = stack.endpoints().writeApi();
    HttpClient http = HttpClient.newHttpClient();
    String page =
        http.send(
                HttpRequest.newBuilder(read.resolve("/")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(page)
        .contains(
            "<meta name=\"picshare-write-url\" content=\"http://127.0.0.1:"
                + write.getPort()
                + "\">");
    for (String origin :
        List.of("http://127.0.0.1:" + read.getPort(), "http://localhost:" + read.getPort())) {
      HttpResponse<String> preflight =
          http.send(
              HttpRequest.newBuilder(write.resolve("/v1/photos"))
                  .header("Origin", origin)
                  .header("Access-Control-Request-Method", "POST")
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(preflight.statusCode()).as(origin).isEqualTo(204);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
    }
  }
}
