package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.hbase.HBaseFeedStore;
import io.picshare.data.hbase.HBaseFollowStore;
import io.picshare.data.hbase.HBaseLeaseStore;
import io.picshare.data.hbase.HBaseLikeStore;
import io.picshare.data.hbase.HBasePhotoStore;
import io.picshare.data.hbase.HBaseUserStore;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.AsyncConnection;

/**
 * The bench's own clients of the cluster, configured as the API configures its own: one HBase
 * connection shared by the data-access stores, and an HDFS file system.
 */
final class BenchCluster implements AutoCloseable {
  private final HBaseConnection hbase;
  private final FileSystem hdfs;
  final HBaseUserStore users;
  final HBaseFollowStore follows;
  final HBaseLikeStore likes;
  final HBasePhotoStore photos;
  final HBaseFeedStore feeds;
  final HBaseLeaseStore leases;

  private BenchCluster(HBaseConnection hbase, FileSystem hdfs) {
    this.hbase = hbase;
    this.hdfs = hdfs;
    this.users = new HBaseUserStore(hbase);
    this.follows = new HBaseFollowStore(hbase);
    this.likes = new HBaseLikeStore(hbase);
    this.photos = new HBasePhotoStore(hbase);
    this.feeds = new HBaseFeedStore(hbase);
    this.leases = new HBaseLeaseStore(hbase);
  }

  /** Connects, failing with a one-line {@link SetupException} if HBase does not answer in time. */
  static BenchCluster connect(ClusterOptions options) {
    requireNonNull(options, "options is null");
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", options.zookeeper);
    conf.setInt("hbase.client.retries.number", 10);
    conf.setInt("hbase.client.operation.timeout", 60_000);
    HBaseConnection hbase = new HBaseConnection(conf);
    try {
      hbase.get().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      closeQuietly(hbase);
      throw new SetupException(
          "cannot connect to HBase via ZooKeeper "
              + options.zookeeper
              + " ("
              + Outcome.unwrap(e)
              + "); start the stack with ./picshare up, or point --zookeeper at it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(hbase);
      throw new SetupException("interrupted while connecting to HBase");
    }
    Configuration fs = new Configuration();
    fs.setInt("dfs.replication", 3);
    fs.set("dfs.client.block.write.replace-datanode-on-failure.policy", "NEVER");
    fs.setBoolean("fs.automatic.close", false);
    try {
      return new BenchCluster(hbase, FileSystem.newInstance(options.hdfs, fs));
    } catch (IOException e) {
      closeQuietly(hbase);
      throw new SetupException("cannot open HDFS at " + options.hdfs + " (" + e + ")");
    }
  }

  FileSystem hdfs() {
    return hdfs;
  }

  /** The open HBase connection, for raw reads beside the stores. */
  AsyncConnection hbase() {
    return hbase.get().join();
  }

  @Override
  public void close() throws IOException {
    try {
      hdfs.close();
    } finally {
      hbase.close();
    }
  }

  private static void closeQuietly(HBaseConnection hbase) {
    try {
      hbase.close();
    } catch (IOException | RuntimeException e) {
      // already failing; the first error is the one to report
    }
  }
}
