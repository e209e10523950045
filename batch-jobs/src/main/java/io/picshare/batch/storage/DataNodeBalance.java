package io.picshare.batch.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;
import org.apache.hadoop.hdfs.protocol.HdfsConstants.DatanodeReportType;
import org.apache.hadoop.hdfs.server.balancer.Balancer;

/**
 * HDFS balance: how full each live DataNode is, and the HDFS Balancer, run when one is further than
 * the threshold (percentage points of its capacity) from the cluster's average, as after DataNodes
 * are added. The Balancer moves blocks while the cluster serves, within its bandwidth limit ({@code
 * dfs.datanode.balance.bandwidthPerSec}).
 */
final class DataNodeBalance {
  /** One DataNode's share of its capacity in use by HDFS, in percent. */
  record Utilisation(String dataNode, double percent) {}

  private DataNodeBalance() {}

  static List<Utilisation> utilisation(DistributedFileSystem dfs) throws IOException {
    List<Utilisation> nodes = new ArrayList<>();
    for (DatanodeInfo node : dfs.getDataNodeStats(DatanodeReportType.LIVE)) {
      nodes.add(new Utilisation(node.getXferAddr(), node.getDfsUsedPercent()));
    }
    return nodes;
  }

  /** The largest distance of a DataNode's utilisation from the average, in percentage points. */
  static double spread(List<Utilisation> nodes) {
    double average = nodes.stream().mapToDouble(Utilisation::percent).average().orElse(0);
    return nodes.stream().mapToDouble(node -> Math.abs(node.percent() - average)).max().orElse(0);
  }

  /**
   * Runs the Balancer with {@code threshold} if the spread passes it; returns the Balancer's exit
   * code (0: balanced, as when no run was needed).
   */
  static int balanceIfNeeded(
      Configuration conf, DistributedFileSystem dfs, double threshold, PrintStream out)
      throws Exception {
    List<Utilisation> nodes = utilisation(dfs);
    double spread = spread(nodes);
    out.printf(
        Locale.ROOT,
        "HDFS balance: %d DataNodes, utilisation %s, spread %.2f points (threshold %.2f)%n",
        nodes.size(),
        describe(nodes),
        spread,
        threshold);
    if (spread <= threshold) {
      return 0;
    }
    out.println("running the HDFS Balancer");
    int exit = runBalancer(conf, threshold, out);
    out.printf(
        Locale.ROOT,
        "HDFS Balancer exited with %d; utilisation now %s%n",
        exit,
        describe(utilisation(dfs)));
    return exit;
  }

  /**
   * The Balancer ({@code hdfs balancer}: its API is not public) in a child JVM on this one's
   * classpath and Java options, with {@code conf} handed over as a file; its output goes to {@code
   * out}.
   */
  private static int runBalancer(Configuration conf, double threshold, PrintStream out)
      throws IOException, InterruptedException {
    Path settings = Files.createTempFile("picshare-balancer-", ".xml");
    try {
      try (OutputStream file = Files.newOutputStream(settings)) {
        conf.writeXml(file);
      }
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(
          ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
              .filter(option -> option.startsWith("--add-") || option.startsWith("-Xmx"))
              .toList());
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              Balancer.class.getName(),
              "-conf",
              settings.toString(),
              "-threshold",
              String.format(Locale.ROOT, "%.2f", threshold)));
      Process balancer = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(balancer.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          out.println("  balancer: " + line);
        }
      }
      return balancer.waitFor();
    } finally {
      Files.deleteIfExists(settings);
    }
  }

  private static List<String> describe(List<Utilisation> nodes) {
    return nodes.stream()
        .map(node -> String.format(Locale.ROOT, "%s %.2f%%", node.dataNode(), node.percent()))
        .toList();
  }
}
