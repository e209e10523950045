package io.picshare.api.workers;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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

  /**
   * What a consumer does with each polled batch (in partition order), e.g. one bulk write; it must
   * return (or fail) well within the poll's {@code maxInterval}, or the group hands its partitions
   * to another.
   */
  public interface BatchHandler {
    /** Handles the batch; blocking is fine (this runs on the consumer's own thread). */
    void handle(List<Event> batch) throws Exception;
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
  private final List<String> topics;
  private final BatchHandler handler;
  private final Thread thread;
  private final boolean broadcast;
  private final CompletableFuture<Void> live = new CompletableFuture<>();
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
    return start(bootstrap, group, topics, handler, PollSettings.DEFAULT);
  }

  /** As {@link #start(String, String, List, BatchHandler)}, polling as {@code poll} says. */
  public static EventConsumer start(
      String bootstrap,
      String group,
      List<String> topics,
      BatchHandler handler,
      PollSettings poll) {
    EventConsumer consumer = new EventConsumer(bootstrap, group, topics, handler, false, poll);
    consumer.thread.start();
    return consumer;
  }

  /**
   * Starts receiving every event published to {@code topics} from now on, in a group of its own (so
   * each process gets all of them), for live pushes: nothing is committed, a failed batch is logged
   * and skipped, not retried. {@link #live()} completes once it receives. Topics created later are
   * read from their start.
   */
  public static EventConsumer broadcast(
      String bootstrap, List<String> topics, BatchHandler handler) {
    EventConsumer consumer =
        new EventConsumer(
            bootstrap,
            "picshare-live-" + UUID.randomUUID(),
            topics,
            handler,
            true,
            PollSettings.DEFAULT);
    consumer.thread.start();
    return consumer;
  }

  private EventConsumer(
      String bootstrap,
      String group,
      List<String> topics,
      BatchHandler handler,
      boolean broadcast,
      PollSettings poll) {
    this.topics = List.copyOf(topics);
    this.handler = requireNonNull(handler, "handler is null");
    this.broadcast = broadcast;
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, poll.maxRecords());
    config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) poll.maxInterval().toMillis());
    if (broadcast) {
      // find a topic created after the start within seconds, not minutes
      config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
      // a rebalance for a new topic keeps the positions of the partitions held already
      config.put(
          ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
          CooperativeStickyAssignor.class.getName());
    }
    this.consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "consumer-" + group);
  }

  /** Completes once the consumer has its partitions (a broadcast then receives every new event). */
  public CompletableFuture<Void> live() {
    return live;
  }

  /** Events handled since start. */
  public long handled() {
    return handled.get();
  }

  private void run() {
    try {
      consumer.subscribe(topics, new Assignments());
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
          if (!broadcast) {
            consumer.commitSync();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (WakeupException e) {
          throw e;
        } catch (Exception e) {
          if (broadcast) {
            LOG.warn("{} events: a live batch failed ({}); skipped", topics, e.toString());
            continue;
          }
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

  /**
   * Completes {@link #live} at the first assignment; a broadcast starts that first assignment at
   * the end of each partition (only what is new), later ones (new topics) at their start.
   */
  private final class Assignments implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (broadcast && !live.isDone()) {
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, not at the first poll
      }
      live.complete(null);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
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
