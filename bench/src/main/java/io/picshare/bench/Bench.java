package io.picshare.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code picshare bench}: closed-loop load against a running PicShare API. Exit codes: 0 when the
 * run completed (its errors are in the report), 1 when setup failed, 2 for bad usage.
 */
@Command(
    name = "picshare bench",
    mixinStandardHelpOptions = true,
    version = "PicShare 0.1.0",
    description =
        "Load-tests a running PicShare API (start one with ./picshare up) and prints a Markdown"
            + " table for docs/benchmarks.md. Each level keeps exactly N requests in flight.",
    subcommands = {
      UploadCommand.class,
      DownloadCommand.class,
      RenditionsCommand.class,
      ThumbnailDelayCommand.class
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
        spec.commandLine(), "Missing subcommand: upload, download, renditions or thumbnail-delay");
  }
}
