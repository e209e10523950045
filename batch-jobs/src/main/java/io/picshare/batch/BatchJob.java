package io.picshare.batch;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import org.apache.hadoop.util.Tool;

/**
 * A job {@code picshare batch} can run: its name on the command line, a one-line summary for the
 * job list, and a new {@link Tool} for each run (run through {@code ToolRunner}, so it takes
 * Hadoop's generic options). Every job takes {@code --help} and {@code --zookeeper} ({@link
 * ClusterOptions}).
 */
public record BatchJob(String name, String summary, Supplier<Tool> tool) {
  public BatchJob {
    requireNonNull(name, "name is null");
    requireNonNull(summary, "summary is null");
    requireNonNull(tool, "tool is null");
  }
}
