package io.picshare.data.repair;

import io.picshare.data.hbase.HBaseConnection;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./picshare repair}: runs {@link Repairs} against the cluster behind {@code --zookeeper}.
 */
@Command(
    name = "picshare-repair",
    mixinStandardHelpOptions = true,
    description = {
      "Heals PicShare metadata: finishes interrupted photo deletions, recomputes every user's",
      "photo, follower and following counts and every photo's like count from the rows they",
      "count, and puts back or removes follower/following list rows a crash left out of step",
      "with the follows. Safe to run at any time, while the API serves, and again."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:success", "2:invalid usage", "3:HBase error (e.g. cannot connect)"})
public final class RepairTool implements Callable<Integer> {
  @Option(
      names = "--zookeeper",
      defaultValue = "127.0.0.1:2181",
      description = "ZooKeeper quorum of the HBase cluster (default: ${DEFAULT-VALUE})")
  String zookeeper;

  @Override
  public Integer call() throws Exception {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", zookeeper);
    conf.setInt("hbase.client.retries.number", 3);
    try (HBaseConnection hbase = new HBaseConnection(conf)) {
      Repairs.run(hbase, System.out);
      return 0;
    } catch (RuntimeException e) {
      System.err.println("picshare-repair: " + e);
      return 3;
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new RepairTool()).execute(args));
  }
}
