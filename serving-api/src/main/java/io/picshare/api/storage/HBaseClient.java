package io.picshare.api.storage;

import io.picshare.api.config.StorageConfig;
import io.picshare.api.health.ComponentHealth;
import io.picshare.api.health.HealthCheck;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.ClusterMetrics;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.AsyncConnection;
import org.apache.hadoop.hbase.client.ConnectionFactory;

/**
 * The API's one asynchronous HBase connection. It is opened in the background, so the API
 * answers (and reports HBase down) while HBase is still starting; a failed attempt is retried
 * by the next caller.
 */
public final class HBaseClient implements HealthCheck, AutoCloseable {
  private final Configuration conf;
  private CompletableFuture<AsyncConnection> connection;

  private HBaseClient(Configuration conf) {
    this.conf = conf;
    this.connection = ConnectionFactory.createAsyncConnection(conf);
  }

  public static HBaseClient connect(StorageConfig config) {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", config.zookeeperQuorum());
    conf.setInt("hbase.client.retries.number", 10);
    conf.setInt("hbase.client.operation.timeout", 30_000);
    return new HBaseClient(conf);
  }

  /** The connection, once open. */
  public Future<AsyncConnection> connection() {
    return AsyncBridge.toFuture(currentConnection());
  }

  private synchronized CompletableFuture<AsyncConnection> currentConnection() {
    if (connection.isCompletedExceptionally()) {
      connection = ConnectionFactory.createAsyncConnection(conf);
    }
    return connection;
  }

  @Override
  public String component() {
    return "hbase";
  }

  @Override
  public Future<ComponentHealth> check() {
    long started = System.nanoTime();
    return AsyncBridge.toFuture(currentConnection().thenCompose(c ->
            c.getAdmin().getClusterMetrics(EnumSet.of(ClusterMetrics.Option.LIVE_SERVERS, ClusterMetrics.Option.MASTER))))
        .map(metrics -> {
          long latency = (System.nanoTime() - started) / 1_000_000;
          int liveServers = metrics.getLiveServerMetrics().size();
          Map<String, Object> detail = Map.of("liveRegionServers", liveServers, "master", String.valueOf(metrics.getMasterName()));
          return liveServers > 0
              ? ComponentHealth.up(component(), latency, detail)
              : ComponentHealth.down(component(), latency, "no live region servers");
        });
  }

  @Override
  public synchronized void close() throws IOException {
    if (connection.isDone() && !connection.isCompletedExceptionally()) {
      connection.join().close();
    } else {
      connection.cancel(true);
    }
  }
}
