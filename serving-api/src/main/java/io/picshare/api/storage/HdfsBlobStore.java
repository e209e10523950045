package io.picshare.api.storage;

import static java.util.Objects.requireNonNull;

import io.picshare.api.config.StorageConfig;
import io.picshare.api.domain.photo.BlobStore;
import io.picshare.api.health.ComponentHealth;
import io.picshare.api.health.HealthCheck;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants.DatanodeReportType;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.security.AccessControlException;

/**
 * Photo bytes in HDFS. A write returns only once the file is closed, {@code hsync}ed and every
 * block is on the configured number of distinct DataNodes, so an acknowledged upload survives the
 * loss of any node but the last. All HDFS calls run on this store's own bounded worker pool, never
 * on an event loop.
 */
public final class HdfsBlobStore implements BlobStore, HealthCheck, AutoCloseable {
  private static final long REPLICA_WAIT_MILLIS = 10_000;

  private final FileSystem fileSystem;
  private final WorkerExecutor workers;
  private final short replication;

  private HdfsBlobStore(FileSystem fileSystem, WorkerExecutor workers, short replication) {
    this.fileSystem = fileSystem;
    this.workers = workers;
    this.replication = replication;
  }

  public static HdfsBlobStore open(Vertx vertx, StorageConfig config) {
    Configuration conf = new Configuration();
    conf.setInt("dfs.replication", config.hdfsReplication());
    // On a small cluster, a failed DataNode in the pipeline cannot always be replaced; the
    // replica check below still refuses to acknowledge an under-replicated file.
    conf.set("dfs.client.block.write.replace-datanode-on-failure.policy", "NEVER");
    // close() waits for the NameNode to learn of the last block's replicas; its default first
    // retry delay (400 ms) would dominate the latency of a 200 KB upload. Retry sooner, and more
    // often.
    conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
    conf.setInt("dfs.client.block.write.locateFollowingBlock.retries", 10);
    // Hadoop's own shutdown hook would close this file system while SIGTERM drains the uploads
    // still writing to it; the API closes it itself, after the drain.
    conf.setBoolean("fs.automatic.close", false);
    try {
      FileSystem fileSystem = FileSystem.newInstance(config.hdfsUri(), conf);
      WorkerExecutor workers =
          vertx.createSharedWorkerExecutor("hdfs", config.hdfsWorkers(), 60, TimeUnit.SECONDS);
      return new HdfsBlobStore(fileSystem, workers, (short) config.hdfsReplication());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open HDFS at " + config.hdfsUri(), e);
    }
  }

  /**
   * Writes {@code bytes} to a new file at {@code path}; completes once they are durable on {@link
   * #replication()} DataNodes. Fails if the file exists.
   */
  @Override
  public Future<Void> write(String path, byte[] bytes) {
    return workers.executeBlocking(
        () -> {
          Path file = new Path(path);
          try (FSDataOutputStream out =
              fileSystem.create(
                  file, false, 64 * 1024, replication, fileSystem.getDefaultBlockSize(file))) {
            out.write(bytes);
            out.hsync();
          }
          awaitReplicas(file);
          return null;
        },
        false);
  }

  public Future<byte[]> read(String path) {
    return workers.executeBlocking(
        () -> {
          try (InputStream in = fileSystem.open(new Path(path))) {
            return in.readAllBytes();
          }
        },
        false);
  }

  /** {@code length} bytes of the file at {@code path} from {@code offset} (a positional read). */
  @Override
  public Future<byte[]> read(String path, long offset, int length) {
    return workers.executeBlocking(
        () -> {
          byte[] bytes = new byte[length];
          try (FSDataInputStream in = fileSystem.open(new Path(path))) {
            in.readFully(offset, bytes);
          }
          return bytes;
        },
        false);
  }

  /**
   * A stream of {@code length} bytes of the file at {@code path} from {@code offset}, for content
   * too large to hold whole; call on the Vert.x context that will consume it.
   */
  @Override
  public Future<ReadStream<Buffer>> openRange(String path, long offset, long length) {
    Context context =
        requireNonNull(Vertx.currentContext(), "openRange must be called on a Vert.x context");
    return workers
        .<FSDataInputStream>executeBlocking(
            () -> {
              FSDataInputStream in = fileSystem.open(new Path(path));
              try {
                in.seek(offset);
              } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
              }
              return in;
            },
            false)
        .map(in -> new HdfsRangeStream(in, length, workers, context));
  }

  @Override
  public Future<Boolean> delete(String path) {
    return workers.executeBlocking(() -> fileSystem.delete(new Path(path), false), false);
  }

  /** Where each block of {@code path} is stored, as DataNode {@code host:port} names. */
  public Future<BlockLocation[]> blockLocations(String path) {
    return workers.executeBlocking(
        () -> {
          FileStatus status = fileSystem.getFileStatus(new Path(path));
          return fileSystem.getFileBlockLocations(status, 0, status.getLen());
        },
        false);
  }

  public short replication() {
    return replication;
  }

  private void awaitReplicas(Path file) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + REPLICA_WAIT_MILLIS;
    while (true) {
      FileStatus status = fileSystem.getFileStatus(file);
      BlockLocation[] blocks = fileSystem.getFileBlockLocations(status, 0, status.getLen());
      int fewest = replication;
      for (BlockLocation block : blocks) {
        fewest = Math.min(fewest, distinct(block.getNames()));
      }
      if (fewest >= replication) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new UnderReplicatedException(file.toString(), fewest, replication);
      }
      Thread.sleep(20);
    }
  }

  private static int distinct(String[] names) {
    return (int) Arrays.stream(names).distinct().count();
  }

  @Override
  public String component() {
    return "hdfs";
  }

  @Override
  public Future<ComponentHealth> check() {
    return workers.executeBlocking(
        () -> {
          long started = System.nanoTime();
          int liveDataNodes;
          try {
            liveDataNodes =
                fileSystem instanceof DistributedFileSystem dfs
                    ? dfs.getDataNodeStats(DatanodeReportType.LIVE).length
                    : 1;
          } catch (IOException e) {
            if (!isAccessDenied(e)) {
              throw e;
            }
            // The DataNode report is for HDFS superusers; on a cluster the API is not one.
            // Then the NameNode answering a status call is what can be checked.
            fileSystem.getStatus();
            long latency = (System.nanoTime() - started) / 1_000_000;
            return ComponentHealth.up(
                component(),
                latency,
                Map.of(
                    "liveDataNodes",
                    "unknown (not an HDFS superuser)",
                    "replication",
                    (int) replication));
          }
          long latency = (System.nanoTime() - started) / 1_000_000;
          Map<String, Object> detail =
              Map.of("liveDataNodes", liveDataNodes, "replication", (int) replication);
          return liveDataNodes >= replication
              ? ComponentHealth.up(component(), latency, detail)
              : ComponentHealth.down(
                  component(),
                  latency,
                  "only " + liveDataNodes + " live DataNodes for replication " + replication);
        },
        false);
  }

  private static boolean isAccessDenied(IOException e) {
    return e instanceof AccessControlException
        || (e instanceof RemoteException remote
            && AccessControlException.class.getName().equals(remote.getClassName()));
  }

  @Override
  public void close() throws IOException {
    workers.close();
    fileSystem.close();
  }
}
