package io.picshare.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The command-line options every benchmark shares (a picocli mixin). */
public final class LoadOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--api",
      defaultValue = "http://127.0.0.1:8080",
      paramLabel = "URL",
      description = "Base URL of the PicShare API (default: ${DEFAULT-VALUE}).")
  URI api;

  @Option(
      names = "--concurrency",
      split = ",",
      splitSynopsisLabel = ",",
      defaultValue = "1,8,32,64",
      paramLabel = "N",
      description =
          "Requests kept in flight, one level after the other (default: ${DEFAULT-VALUE}).")
  List<Integer> concurrency;

  @Option(
      names = "--duration",
      defaultValue = "15",
      paramLabel = "SECONDS",
      description = "Measured seconds per concurrency level (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(
      names = "--warmup",
      defaultValue = "3",
      paramLabel = "SECONDS",
      description =
          "Unmeasured seconds at each level's concurrency before it is measured (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(
      names = "--photo-size-kb",
      defaultValue = "200",
      paramLabel = "KB",
      description = "Size of the generated JPEGs, within 10%% (default: ${DEFAULT-VALUE}).")
  int photoSizeKb;

  @Option(
      names = "--users",
      defaultValue = "16",
      paramLabel = "N",
      description =
          "Fresh accounts the uploads are spread over; the server limits uploads per user"
              + " (rate-limit-uploads-per-minute), so a benchmark may need more users or a raised limit"
              + " (default: ${DEFAULT-VALUE}).")
  int users;

  @Option(
      names = "--request-timeout",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description =
          "A request taking longer counts as a 'timeout' error (default: ${DEFAULT-VALUE}).")
  int requestTimeoutSeconds;

  /** The options, validated; a bad value is a usage error (exit code 2). */
  LoadParameters toParameters() {
    try {
      return new LoadParameters(
          api,
          concurrency,
          Duration.ofSeconds(durationSeconds),
          Duration.ofSeconds(warmupSeconds),
          photoSizeKb,
          users,
          Duration.ofSeconds(requestTimeoutSeconds));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage(), e);
    }
  }
}
