package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.config.StorageConfig;
import io.picshare.api.domain.search.PhotoIndex;
import io.picshare.api.storage.HBaseClient;
import io.picshare.api.storage.HdfsBlobStore;
import io.picshare.api.storage.KafkaEventPublisher;
import io.picshare.api.storage.SolrPhotoIndex;
import io.picshare.data.search.PhotoDocument;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.AsyncConnection;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API's own clients against the real local stack: each backend stores and returns data. */
@ExtendWith(LocalStackExtension.class)
class ClusterClientsIT {
  private static Vertx vertx;
  private static StorageConfig config;

  @BeforeAll
  static void setUp(StackEndpoints stack) {
    vertx = Vertx.vertx();
    config = StackConfigs.api(stack).storage();
  }

  @AfterAll
  static void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void hdfsFileHasThreeReplicasOnThreeDistinctDataNodes() throws Exception {
    byte[] bytes = new byte[3 * 1024 * 1024];
    new Random(7).nextBytes(bytes);
    String path = "/it/replication-" + UUID.randomUUID();
    try (HdfsBlobStore blobs = HdfsBlobStore.open(vertx, config)) {
      blobs.write(path, bytes).await(60, TimeUnit.SECONDS);

      BlockLocation[] blocks = blobs.blockLocations(path).await(30, TimeUnit.SECONDS);
      assertThat(blocks).isNotEmpty();
      for (BlockLocation block : blocks) {
        // On one host every DataNode is 127.0.0.1; host:port tells them apart.
        assertThat(Arrays.stream(block.getNames()).distinct()).hasSize(3);
      }
      assertThat(blobs.read(path).await(30, TimeUnit.SECONDS)).isEqualTo(bytes);
    }
  }

  @Test
  void hdfsRefusesToOverwriteAnExistingFile() throws Exception {
    String path = "/it/no-overwrite-" + UUID.randomUUID();
    try (HdfsBlobStore blobs = HdfsBlobStore.open(vertx, config)) {
      blobs.write(path, new byte[] {1}).await(60, TimeUnit.SECONDS);
      assertThat(blobs.write(path, new byte[] {2}).toCompletionStage().toCompletableFuture())
          .failsWithin(Duration.ofSeconds(60));
      assertThat(blobs.read(path).await(30, TimeUnit.SECONDS)).containsExactly(1);
    }
  }

  @Test
  void hbasePutIsReadBack() throws Exception {
    TableName table = TableName.valueOf("it_round_trip");
    byte[] family = Bytes.toBytes("f");
    byte[] row = Bytes.toBytes("row-" + UUID.randomUUID());
    try (HBaseClient hbase = HBaseClient.connect(config)) {
      AsyncConnection connection = hbase.connection().await(60, TimeUnit.SECONDS);
      if (!connection.getAdmin().tableExists(table).get(60, TimeUnit.SECONDS)) {
        connection
            .getAdmin()
            .createTable(
                TableDescriptorBuilder.newBuilder(table)
                    .setColumnFamily(ColumnFamilyDescriptorBuilder.of(family))
                    .build())
            .get(60, TimeUnit.SECONDS);
      }
      connection
          .getTable(table)
          .put(new Put(row).addColumn(family, Bytes.toBytes("q"), Bytes.toBytes("hello")))
          .get(30, TimeUnit.SECONDS);

      Result result = connection.getTable(table).get(new Get(row)).get(30, TimeUnit.SECONDS);
      assertThat(Bytes.toString(result.getValue(family, Bytes.toBytes("q")))).isEqualTo("hello");
    }
  }

  @Test
  void kafkaMessageIsConsumed(StackEndpoints stack) throws Exception {
    String topic = "it-round-trip";
    String key = UUID.randomUUID().toString();
    try (KafkaEventPublisher events = KafkaEventPublisher.connect(vertx, config)) {
      long offset =
          events
              .publish(topic, key, "photo-uploaded".getBytes(StandardCharsets.UTF_8))
              .await(60, TimeUnit.SECONDS)
              .offset();
      int partition =
          events
              .publish(topic, key, "photo-deleted".getBytes(StandardCharsets.UTF_8))
              .await(60, TimeUnit.SECONDS)
              .partition();

      List<String> consumed = consume(stack, new TopicPartition(topic, partition), offset, key, 2);
      assertThat(consumed).containsExactly("photo-uploaded", "photo-deleted");
    }
  }

  static List<String> consume(
      StackEndpoints stack, TopicPartition partition, long fromOffset, String key, int count) {
    Map<String, Object> consumerConfig =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.kafkaBootstrap(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, fromOffset);
      List<String> values = new java.util.ArrayList<>();
      long deadline = System.currentTimeMillis() + 30_000;
      while (values.size() < count && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (key.equals(record.key())) {
            values.add(new String(record.value(), StandardCharsets.UTF_8));
          }
        }
      }
      return values;
    }
  }

  @Test
  void solrDocumentIsFoundByAWordOfItsTitle() throws Exception {
    long photoId = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    try (SolrPhotoIndex search = SolrPhotoIndex.connect(vertx, config)) {
      search.sync(
          List.of(
              new PhotoDocument(
                  photoId, 7, "ana", "Sunset over the Harbour at Évora", 1_700_000_000_000L, 0)),
          List.of());

      List<PhotoIndex.Hit> found = List.of();
      long deadline = System.currentTimeMillis() + 15_000;
      while (found.isEmpty() && System.currentTimeMillis() < deadline) {
        // Searchable after the next soft commit (1 s); accents, case and plurals do not matter.
        found =
            search
                .search("harbours EVORA sunset", 100, Optional.empty())
                .await(30, TimeUnit.SECONDS)
                .hits()
                .stream()
                .filter(hit -> hit.photoId() == photoId)
                .toList();
        Thread.sleep(200);
      }
      assertThat(found).containsExactly(new PhotoIndex.Hit(photoId, 7));
    }
  }
}
