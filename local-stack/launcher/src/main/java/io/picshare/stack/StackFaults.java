package io.picshare.stack;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Test support: injects faults into a running local stack's HDFS and HBase, and repairs them,
 * through the Hadoop node's loopback fault-control endpoint (only served when the stack was started
 * with {@link LocalStack.Options#faultControl()}), and stops and starts its Kafka and Solr. Every
 * call blocks until the node has done it; a repair returns only once the cluster is whole again, so
 * tests sharing the stack afterwards see it as it was. DataNodes are numbered 0 to 2 (added ones
 * after) and keep their number across restarts.
 */
public final class StackFaults {
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

  private final URI control;
  private final LocalStack stack;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  StackFaults(URI control, LocalStack stack) {
    this.control = requireNonNull(control, "control is null");
    this.stack = requireNonNull(stack, "stack is null");
  }

  /** Stops Kafka (its broker and controller); clients then see it as down. */
  public void stopKafka() {
    stack.stopNode("kafka");
  }

  /** Starts Kafka again on its port and data; returns once it answers. */
  public void startKafka() throws InterruptedException {
    stack.startNode("kafka");
  }

  /** Stops Solr; searches then fail. */
  public void stopSolr() {
    stack.stopNode("solr");
  }

  /** Starts Solr again on its port and index; returns once its core answers. */
  public void startSolr() throws InterruptedException {
    stack.startNode("solr");
  }

  /** Stops DataNode {@code index} at once, as a crash would; the NameNode is not told. */
  public String stopDataNode(int index) {
    return command("/stop-datanode/" + index);
  }

  /**
   * Restarts the stopped DataNode {@code index} on its old ports and data; returns once all three
   * DataNodes are live and no block is missing or short of replicas.
   */
  public String startDataNode(int index) {
    return command("/start-datanode/" + index);
  }

  /** Kills the region server, as a crash would (no region closed, no memstore flushed). */
  public String killRegionServer() {
    return command("/kill-regionserver");
  }

  /**
   * Starts a new region server; returns once the dead one's logs are recovered and every region is
   * open.
   */
  public String startRegionServer() {
    return command("/start-regionserver");
  }

  /**
   * Starts one more DataNode (the next number); returns once the NameNode counts it live. It runs
   * until the stack stops.
   */
  public String addDataNode() {
    return command("/add-datanode");
  }

  /**
   * Caps every volume of every DataNode, running and added later, at {@code megabytes} (0: lifts
   * the cap), so that a test's data fills them measurably; a test that caps must lift the cap.
   */
  public String capDataNodeVolumes(long megabytes) {
    return command("/cap-datanode-volumes/" + megabytes);
  }

  private String command(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(control.resolve(path))
            .timeout(COMMAND_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String outcome = response.body().strip();
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            path + " answered " + response.statusCode() + ": " + outcome);
      }
      return outcome;
    } catch (IOException e) {
      throw new UncheckedIOException("fault control at " + control + " did not answer " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + path, e);
    }
  }
}
