package io.picshare.api.storage;

import io.picshare.api.config.StorageConfig;
import io.picshare.api.domain.Async;
import io.picshare.api.health.ComponentHealth;
import io.picshare.api.health.HealthCheck;
import io.picshare.data.hbase.HBaseConnection;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.ClusterMetrics;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.AsyncConnection;

/**
 * The API's one HBase connection (shared by every store) and its health check. Operations give up
 * after {@link #OPERATION_TIMEOUT_MILLIS}, which bounds how late a stalled write can land.
 */
public final class HBaseClient implements HealthCheck, AutoCloseable {
  public static final int OPERATION_TIMEOUT_MILLIS = 30_000;

  private final HBaseConnection connection;

  private HBaseClient(HBaseConnection connection) {
    this.connection = connection;
  }

  public static HBaseClient connect(StorageConfig config) {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", config.zookeeperQuorum());
    conf.setInt("hbase.client.retries.number", 10);
    conf.setInt("hbase.client.operation.timeout", OPERATION_TIMEOUT_MILLIS);
    return new HBaseClient(new HBaseConnection(conf));
  }

  /** The shared connection the stores use. */
  public HBaseConnection shared() {
    return connection;
  }

  /** The raw connection, once open (for tests and tools). */
  public Future<AsyncConnection> connection() {
    return Async.of(connection.get());
  }

  @Override
  public String component() {
    return "hbase";
  }

  @Override
  public Future<ComponentHealth> check() {
    long started = System.nanoTime();
    return Async.of(
            connection
                .get()
                .thenCompose(
                    c ->
                        c.getAdmin()
                            .getClusterMetrics(
                                EnumSet.of(
                                    ClusterMetrics.Option.LIVE_SERVERS,
                                    ClusterMetrics.Option.MASTER))))
        .map(
            metrics -> {
              long latency = (System.nanoTime() - started) / 1_000_000;
              int liveServers = metrics.getLiveServerMetrics().size();
              Map<String, Object> detail =
                  Map.of(
                      "liveRegionServers",
                      liveServers,
                      "master",
                      String.valueOf(metrics.getMasterName()));
              return liveServers > 0
                  ? ComponentHealth.up(component(), latency, detail)
                  : ComponentHealth.down(component(), latency, "no live region servers");
            });
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
