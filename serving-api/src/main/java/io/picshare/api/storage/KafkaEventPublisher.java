package io.picshare.api.storage;

import io.picshare.api.config.StorageConfig;
import io.picshare.api.domain.Async;
import io.picshare.api.health.ComponentHealth;
import io.picshare.api.health.HealthCheck;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events to Kafka: idempotent, acknowledged by all in-sync replicas. {@code send} can
 * block (waiting for metadata while Kafka is down, or for buffer space), so it is called from this
 * publisher's own single worker thread, which also keeps sends in order.
 */
public final class KafkaEventPublisher implements HealthCheck, AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final Admin admin;
  private final WorkerExecutor sender;

  private KafkaEventPublisher(
      KafkaProducer<String, byte[]> producer, Admin admin, WorkerExecutor sender) {
    this.producer = producer;
    this.admin = admin;
    this.sender = sender;
  }

  public static KafkaEventPublisher connect(Vertx vertx, StorageConfig config) {
    Map<String, Object> producerConfig =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    return new KafkaEventPublisher(
        producer, admin, vertx.createSharedWorkerExecutor("kafka-send", 1));
  }

  /** Completes once the broker has acknowledged the event. */
  public Future<RecordMetadata> publish(String topic, String key, byte[] value) {
    Promise<RecordMetadata> acknowledged = Promise.promise();
    sender
        .executeBlocking(
            () ->
                producer.send(
                    new ProducerRecord<>(topic, key, value),
                    (metadata, error) -> {
                      if (error != null) {
                        acknowledged.tryFail(error);
                      } else {
                        acknowledged.tryComplete(metadata);
                      }
                    }),
            true)
        .onFailure(acknowledged::tryFail);
    return acknowledged.future();
  }

  @Override
  public String component() {
    return "kafka";
  }

  @Override
  public Future<ComponentHealth> check() {
    long started = System.nanoTime();
    return Async.of(admin.describeCluster().nodes().toCompletionStage())
        .map(
            nodes ->
                ComponentHealth.up(
                    component(),
                    (System.nanoTime() - started) / 1_000_000,
                    Map.of("brokers", nodes.size())));
  }

  @Override
  public void close() {
    sender.close();
    producer.close(Duration.ofSeconds(10));
    admin.close(Duration.ofSeconds(5));
  }
}
