package io.picshare.data.hbase;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.AdvancedScanResultConsumer;
import org.apache.hadoop.hbase.client.AsyncConnection;
import org.apache.hadoop.hbase.client.AsyncTable;
import org.apache.hadoop.hbase.client.ConnectionFactory;

/**
 * One asynchronous HBase connection shared by every store. It opens in the background, so a process
 * starts (and reports HBase down) while HBase is still starting; a failed attempt is retried by the
 * next caller.
 */
public final class HBaseConnection implements AutoCloseable {
  private final Configuration conf;
  private CompletableFuture<AsyncConnection> connection;

  public HBaseConnection(Configuration conf) {
    this.conf = conf;
    this.connection = ConnectionFactory.createAsyncConnection(conf);
  }

  /** The connection, once open. */
  public synchronized CompletableFuture<AsyncConnection> get() {
    if (connection.isCompletedExceptionally()) {
      connection = ConnectionFactory.createAsyncConnection(conf);
    }
    return connection;
  }

  /** The table, once the connection is open. */
  CompletableFuture<AsyncTable<AdvancedScanResultConsumer>> table(TableName name) {
    return get().thenApply(open -> open.getTable(name));
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
