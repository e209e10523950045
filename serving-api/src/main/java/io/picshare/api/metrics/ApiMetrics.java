package io.picshare.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * What the API counts and times, in Prometheus text format at {@code GET /metrics}: requests by
 * method and status, open connections by event loop, refused connections, blocked event loops,
 * uploads by outcome, upload bytes, events published, and the JVM's memory, GC, threads and CPU.
 * docs/operations.md lists the metric names.
 */
public final class ApiMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter uploadBytes;
  private final Counter blockedEventLoops;
  private JvmGcMetrics gc;

  public ApiMetrics(String role) {
    registry.config().commonTags("role", role);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    uploadBytes =
        Counter.builder("picshare.upload.bytes")
            .description("bytes of stored photos")
            .register(registry);
    blockedEventLoops =
        Counter.builder("picshare.event.loop.blocked")
            .description("times the blocked-thread checker found an event loop busy for too long")
            .register(registry);
  }

  /**
   * The connections open on one event loop, as {@code open} counts them. Micrometer holds {@code
   * open} weakly: whoever counts must keep it.
   */
  public void openConnections(String eventLoop, AtomicInteger open) {
    Gauge.builder("picshare.http.connections", open, AtomicInteger::get)
        .description("open HTTP connections, by the event loop that serves them")
        .tag("event_loop", eventLoop)
        .register(registry);
  }

  public void eventLoopBlocked() {
    blockedEventLoops.increment();
  }

  /**
   * One HTTP request, by method and status (paths are not labels: ids would explode them; a method
   * HTTP does not define is labelled {@code other}, so clients cannot invent labels).
   */
  public void request(String method, int status, long nanos) {
    Timer.builder("picshare.http.requests")
        .description("HTTP requests served")
        .tag("method", MethodLabel.of(method))
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  /** One upload's outcome: {@code stored}, {@code replayed}, or the error code that refused it. */
  public void upload(String outcome, long bytes) {
    Counter.builder("picshare.uploads")
        .description("uploads by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    if ("stored".equals(outcome)) {
      uploadBytes.increment(bytes);
    }
  }

  /**
   * Counts what {@code total} says of {@code source}, e.g. the events a relay has published so far.
   * Micrometer holds {@code source} weakly: it must be an object that lives as long as the server,
   * not a lambda.
   */
  public <T> void count(String name, String description, T source, ToDoubleFunction<T> total) {
    FunctionCounter.builder(name, source, total).description(description).register(registry);
  }

  /**
   * Reports what {@code value} says of {@code source} now, e.g. bytes in flight; held weakly, as in
   * {@link #count}.
   */
  public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
    Gauge.builder(name, source, value).description(description).register(registry);
  }

  public String scrape() {
    return registry.scrape();
  }

  public void close() {
    if (gc != null) {
      gc.close();
      gc = null;
    }
    registry.close();
  }
}
