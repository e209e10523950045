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
 * Runs one {@link BatchHandler} in a Kafka consumer group on its own thread, at least once: a
 * polled batch is committed only after it was handled; if that fails, the consumer goes back to the
 * batch's start and retries after a pause, so effects must be idempotent (a replayed event changes
 * nothing). Several worker processes share the topics' partitions.
 */
public final class EventConsumer implements AutoCloseable {
  /** One consumed event. */
  public record Event(String topic, String key, byte[] payload) {}

  /** What a consumer does with each event. */
  public interface EventHandler {
    /** Handles one event; blocking is fine (this runs on the consumer's own thread). */
    void handle(String key, byte[] payload) throws Exception;
  }

  /** What a consumer does with each polled batch (in partition order), e.g. one bulk write. */
  public interface BatchHandler {
    /** Handles the batch; blocking is fine (this runs on the consumer's own thread). */
    void handle(List<Event> batch) throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<String> topics;
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
        List.of(topic),
        batch -> {
          for (Event event : batch) {
            handler.handle(event.key(), event.payload());
          }
        });
  }

  /** Starts consuming {@code topics} as group {@code group}, a polled batch at a time. */
  public static EventConsumer start(
      String bootstrap, String group, List<String> topics, BatchHandler handler) {
    EventConsumer consumer = new EventConsumer(bootstrap, group, topics, handler);
    consumer.thread.start();
    return consumer;
  }

  private EventConsumer(String bootstrap, String group, List<String> topics, BatchHandler handler) {
    this.topics = List.copyOf(topics);
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
                200),
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
      consumer.subscribe(topics);
      while (!stopping) {
        ConsumerRecords<String, byte[]> batch = consumer.poll(POLL);
        if (batch.isEmpty()) {
          continue;
        }
        try {
          List<Event> events = new ArrayList<>(batch.count());
          for (ConsumerRecord<String, byte[]> record : batch) {
            events.add(new Event(record.topic(), record.key(), record.value()));
          }
          handler.handle(events);
          handled.addAndGet(events.size());
          consumer.commitSync();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (WakeupException e) {
          throw e;
        } catch (Exception e) {
          LOG.warn(
              "{} events: a batch failed ({}); retrying it in {} s",
              topics,
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
