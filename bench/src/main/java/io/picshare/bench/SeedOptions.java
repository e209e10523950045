package io.picshare.bench;

import java.net.URI;
import picocli.CommandLine.Option;

/** The API and the seed a graph command works with, and the seeded users' password. */
public final class SeedOptions {
  @Option(
      names = "--api",
      defaultValue = "http://127.0.0.1:8080",
      paramLabel = "URL",
      description = "Base URL of the PicShare API (default: ${DEFAULT-VALUE}).")
  URI api;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "The seed-graph seed, 0 to 2147483647: the graph's random seed, which also names its"
              + " users (seed<N>_<i>) and its progress file, so one cluster can hold several"
              + " (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--password",
      defaultValue = BenchPasswords.DEFAULT,
      paramLabel = "TEXT",
      description = "Password of every seeded user (default: ${DEFAULT-VALUE}).")
  String password;
}
