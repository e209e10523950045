package io.picshare.stack;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One stack component running as a child JVM, its output appended to its own log file. It reads
 * nothing from its standard input, which this process holds open: the child exits when it closes,
 * so it cannot outlive the launcher.
 */
final class NodeProcess {
  /**
   * What to run and how to tell that it is ready. The child runs in {@code workingDirectory} if
   * given (else this process's), with {@code environment} added to this process's environment.
   */
  record Spec(
      String name,
      String mainClass,
      List<Path> classpath,
      List<String> jvmOptions,
      List<String> arguments,
      Optional<Path> workingDirectory,
      Map<String, String> environment,
      Path logFile,
      Supplier<Optional<Map<String, String>>> readiness) {
    Spec {
      requireNonNull(name, "name is null");
      requireNonNull(mainClass, "mainClass is null");
      classpath = List.copyOf(classpath);
      jvmOptions = List.copyOf(jvmOptions);
      arguments = List.copyOf(arguments);
      requireNonNull(workingDirectory, "workingDirectory is null");
      environment = Map.copyOf(environment);
      requireNonNull(logFile, "logFile is null");
      requireNonNull(readiness, "readiness is null");
    }
  }

  private final Spec spec;
  private final Process process;
  private final long startedNanos = System.nanoTime();

  private NodeProcess(Spec spec, Process process) {
    this.spec = spec;
    this.process = process;
  }

  static NodeProcess start(Spec spec) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(spec.jvmOptions());
    command.add("-cp");
    command.add(
        spec.classpath().stream()
            .map(Path::toString)
            .collect(Collectors.joining(File.pathSeparator)));
    command.add(spec.mainClass());
    command.addAll(spec.arguments());
    try {
      Files.createDirectories(spec.logFile().getParent());
      Files.writeString(
          spec.logFile(),
          "==== " + java.time.Instant.now() + " starting " + spec.name() + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
              .redirectInput(ProcessBuilder.Redirect.PIPE);
      if (spec.workingDirectory().isPresent()) {
        builder.directory(Files.createDirectories(spec.workingDirectory().get()).toFile());
      }
      builder.environment().putAll(spec.environment());
      Process process = builder.start();
      return new NodeProcess(spec, process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + spec.name(), e);
    }
  }

  String name() {
    return spec.name();
  }

  Path logFile() {
    return spec.logFile();
  }

  /** Seconds since this node was launched. */
  double uptimeSeconds() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** Waits until the node says it is ready and returns its endpoints; fails if it dies first. */
  Map<String, String> awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new NodeFailedException(
            this, "exited with code " + process.exitValue() + " before it was ready");
      }
      Optional<Map<String, String>> endpoints = spec.readiness().get();
      if (endpoints.isPresent()) {
        return endpoints.get();
      }
      Thread.sleep(200);
    }
    throw new NodeFailedException(this, "was not ready after " + timeout.toSeconds() + " s");
  }

  /** Asks the node to stop (SIGTERM), and kills it if it has not stopped within {@code grace}. */
  void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The last {@code lines} lines of the node's log. */
  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(spec.logFile(), StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + spec.logFile() + ": " + e.getMessage() + ")";
    }
  }
}
