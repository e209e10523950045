package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.config.ApiConfig;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.StackPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The API in its own JVM, started as deployed ({@code java io.picshare.api.PicShareApi
 * --key=value}), so that a test can stop it with {@code SIGTERM} or kill it with {@code kill -9}
 * and live on. Its output goes to {@code target/<name>.log}.
 */
final class ApiProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final int port;
  private final int adminPort;
  private final Path log;

  private ApiProcess(Process process, int port, int adminPort, Path log) {
    this.process = process;
    this.port = port;
    this.adminPort = adminPort;
    this.log = log;
  }

  /**
   * Starts an API on a free port against {@code stack}, with generous rate limits and {@code
   * options} ({@code --key=value}) on top, and waits until it is ready.
   */
  static ApiProcess start(StackEndpoints stack, String name, List<String> options)
      throws Exception {
    int port = StackPorts.ephemeral().api();
    int adminPort = StackPorts.ephemeral().api();
    ApiConfig config = StackConfigs.api(stack);
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.picshare.api.PicShareApi",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--admin-port=" + adminPort,
                "--hdfs-uri=" + config.storage().hdfsUri(),
                "--zookeeper-quorum=" + config.storage().zookeeperQuorum(),
                "--kafka-bootstrap=" + config.storage().kafkaBootstrap(),
                "--solr-url=" + config.storage().solrUrl(),
                "--token-secret-file=" + config.auth().tokenSecretFile(),
                "--rate-limit-uploads-per-minute=100000",
                "--rate-limit-uploads-per-client-per-minute=100000",
                "--rate-limit-logins-per-minute=100000",
                "--rate-limit-logins-per-account-per-minute=100000",
                "--rate-limit-signups-per-hour=100000"));
    command.addAll(options);
    Path log = Path.of("target", name + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ApiProcess api = new ApiProcess(process, port, adminPort, log);
    try {
      api.awaitReady();
    } catch (Throwable e) {
      api.close();
      throw e;
    }
    return api;
  }

  private void awaitReady() throws Exception {
    ApiClient client = client();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("the API process is running (see %s)", log).isTrue();
      try {
        if (client.get("/health/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // keep waiting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the API did not become ready; see " + log);
  }

  int port() {
    return port;
  }

  ApiClient client() {
    return new ApiClient(port);
  }

  /** A client of the admin port ({@code /metrics}, detailed readiness). */
  ApiClient adminClient() {
    return new ApiClient(adminPort);
  }

  /**
   * Sends {@code SIGTERM}, as an orchestrator stopping the process does; returns {@link
   * System#nanoTime()} just before.
   */
  long terminate() {
    long sent = System.nanoTime();
    process.destroy();
    return sent;
  }

  /** Sends {@code SIGKILL} ({@code kill -9}) and waits for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  /** Waits up to {@code timeout} for the process to exit; true if it did. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  int exitValue() {
    return process.exitValue();
  }

  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  Path logFile() {
    return log;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
