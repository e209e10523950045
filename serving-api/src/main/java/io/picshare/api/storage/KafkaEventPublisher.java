package io.picshare.api.storage;

import io.picshare.api.config.StorageConfig;
import io.picshare.api.health.ComponentHealth;
import io.picshare.api.health.HealthCheck;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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

/** Publishes events to Kafka: idempotent, acknowledged by all in-sync replicas. */
public final class KafkaEventPublisher implements HealthCheck, AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final Admin admin;

  private KafkaEventPublisher(KafkaProducer<String, byte[]> producer, Admin admin) {
    this.producer = producer;
    this.admin = admin;
  }

  public static KafkaEventPublisher connect(StorageConfig config) {
    Map<String, Object> producerConfig = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    return new KafkaEventPublisher(producer, admin);
  }

  /** Completes once the broker has acknowledged the event. */
  public Future<RecordMetadata> publish(String topic, String key, byte[] value) {
    Promise<RecordMetadata> promise = Promise.promise();
    producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
      if (error != null) {
        promise.fail(error);
      } else {
        promise.complete(metadata);
      }
    });
    return promise.future();
  }

  @Override
  public String component() {
    return "kafka";
  }

  @Override
  public Future<ComponentHealth> check() {
    long started = System.nanoTime();
    return AsyncBridge.toFuture(admin.describeCluster().nodes().toCompletionStage())
        .map(nodes -> ComponentHealth.up(component(), (System.nanoTime() - started) / 1_000_000,
            Map.of("brokers", nodes.size())));
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
    admin.close(Duration.ofSeconds(5));
  }
}
