package io.picshare.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code picshare bench}: load against a running PicShare API, and the social graph the feed
 * benchmarks read. Exit codes: 0 when the run completed (its errors are in the report), 1 when
 * setup failed, 2 for bad usage.
 */
@Command(
    name = "picshare bench",
    mixinStandardHelpOptions = true,
    version = "PicShare 0.1.0",
    description =
        "Load-tests a running PicShare API (start one with ./picshare up) and prints Markdown"
            + " tables for docs/benchmarks.md: upload and download (closed loop), feed (open and"
            + " closed loop over a graph written by seed-graph), feed-delay (upload to visible"
            + " in a follower's feed), renditions (the workers' renderer in-process, no stack"
            + " needed), thumbnail-delay (upload to thumbnail served), search (open and closed"
            + " loop over 100 000 indexed titles, beside raw Solr), search-delay (upload to"
            + " searchable) and storage (photo reads from small files, hot or cold volumes).",
    subcommands = {
      UploadCommand.class,
      DownloadCommand.class,
      SeedGraphCommand.class,
      FeedCommand.class,
      FeedDelayCommand.class,
      RenditionsCommand.class,
      ThumbnailDelayCommand.class,
      SearchCommand.class,
      SearchDelayCommand.class,
      StorageCommand.class
    })
public final class Bench implements Runnable {
  static final int SETUP_FAILED = 1;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Bench())
        .setExecutionExceptionHandler(
            (failure, command, parsed) -> {
              if (failure instanceof SetupException) {
                command.getErr().println("picshare bench: " + failure.getMessage());
                return SETUP_FAILED;
              }
              throw failure;
            });
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing subcommand: upload, download, seed-graph, feed, feed-delay, renditions,"
            + " thumbnail-delay, search, search-delay or storage");
  }
}
