package io.picshare.api.workers;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link EventHandler} in a Kafka consumer group on its own thread, at least once: a
 * polled batch is committed only after every record of it was handled; if one fails, the consumer
 * goes back to the batch's start and retries after a pause, so effects must be idempotent (a
 * replayed event changes nothing). Several worker processes share the topic's partitions.
 */
public final class EventConsumer implements AutoCloseable {
  /** What a consumer does with each event. */
  public interface EventHandler {
    /** Handles one event; blocking is fine (this runs on the consumer's own thread). */
    void handle(String key, byte[] payload) throws Exception;
  }

  /**
   * What a consumer does with each polled batch, e.g. handle its events in parallel; it must return
   * (or fail) well within {@code max.poll.interval}, or the group hands its partitions to another.
   */
  public interface BatchHandler {
    void handleAll(List<ConsumerRecord<String, byte[]>> batch) throws Exception;
  }

  /** How a consumer polls: batch size and the longest a batch may take before it is evicted. */
  public record PollSettings(int maxRecords, Duration maxInterval) {
    public static final PollSettings DEFAULT = new PollSettings(200, Duration.ofMinutes(5));

    public PollSettings {
      if (maxRecords < 1) {
        throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
      }
      requireNonNull(maxInterval, "maxInterval is null");
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final BatchHandler handler;
  private final Thread thread;
  private final AtomicLong handled = new AtomicLong();
  private volatile boolean stopping;

  /**
   * Starts consuming {@code topic} as group {@code group}; a new group starts from the earliest
   * event still kept.
   */
  public static EventConsumer start(
      String bootstrap, String group, String topic, EventHandler handler) {
    requireNonNull(handler, "handler is null");
    return start(
        bootstrap,
        group,
        topic,
        batch -> {
          for (ConsumerRecord<String, byte[]> record : batch) {
            handler.handle(record.key(), record.value());
          }
        },
        PollSettings.DEFAULT);
  }

  /** As {@link #start(String, String, String, EventHandler)}, a whole batch at a time. */
  public static EventConsumer start(
      String bootstrap, String group, String topic, BatchHandler handler, PollSettings poll) {
    EventConsumer consumer = new EventConsumer(bootstrap, group, topic, handler, poll);
    consumer.thread.start();
    return consumer;
  }

  private EventConsumer(
      String bootstrap, String group, String topic, BatchHandler handler, PollSettings poll) {
    this.topic = requireNonNull(topic, "topic is null");
    this.handler = requireNonNull(handler, "handler is null");
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                poll.maxRecords(),
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                (int) poll.maxInterval().toMillis()),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "consumer-" + group);
  }

  /** Events handled since start. */
  public long handled() {
    return handled.get();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic));
      while (!stopping) {
        ConsumerRecords<String, byte[]> batch = consumer.poll(POLL);
        if (batch.isEmpty()) {
          continue;
        }
        try {
          List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(batch.count());
          batch.forEach(records::add);
          handler.handleAll(records);
          handled.addAndGet(records.size());
          consumer.commitSync();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (WakeupException e) {
          throw e;
        } catch (Exception e) {
          LOG.warn(
              "{} events: a batch failed ({}); retrying it in {} s",
              topic,
              e.toString(),
              RETRY_PAUSE.toSeconds());
          batch
              .partitions()
              .forEach(
                  partition -> consumer.seek(partition, batch.records(partition).get(0).offset()));
          Thread.sleep(RETRY_PAUSE.toMillis());
        }
      }
    } catch (WakeupException e) {
      if (!stopping) {
        throw e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      consumer.close();
    }
  }

  /** Stops after the batch in hand (uncommitted events are handled again by the next owner). */
  @Override
  public void close() {
    stopping = true;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
