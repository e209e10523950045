package io.picshare.api.storage;

import static java.util.Objects.requireNonNull;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * {@code length} bytes of an HDFS file, read {@link #CHUNK_BYTES} at a time on the blob store's
 * workers and delivered on the context that opened the stream, only as fast as the consumer asks
 * ({@link #pause}, {@link #fetch}): a slow client holds one chunk, not the file. The file is closed
 * at the end, on a failure, or as soon as the handler is set to {@code null}.
 */
public final class HdfsRangeStream implements ReadStream<Buffer> {
  static final int CHUNK_BYTES = 64 * 1024;

  private final FSDataInputStream in;
  private final WorkerExecutor workers;
  private final Context context;
  private long remaining;
  private long demand = Long.MAX_VALUE;
  private boolean reading;
  private boolean closed;
  private boolean fileClosed;
  private Handler<Buffer> handler;
  private Handler<Throwable> exceptionHandler;
  private Handler<Void> endHandler;

  HdfsRangeStream(FSDataInputStream in, long length, WorkerExecutor workers, Context context) {
    this.in = requireNonNull(in, "in is null");
    this.remaining = length;
    this.workers = requireNonNull(workers, "workers is null");
    this.context = requireNonNull(context, "context is null");
  }

  @Override
  public HdfsRangeStream exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public HdfsRangeStream handler(Handler<Buffer> handler) {
    this.handler = handler;
    if (handler == null) {
      close();
    } else {
      readNext();
    }
    return this;
  }

  @Override
  public HdfsRangeStream pause() {
    demand = 0;
    return this;
  }

  @Override
  public HdfsRangeStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public HdfsRangeStream fetch(long amount) {
    demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    readNext();
    return this;
  }

  @Override
  public HdfsRangeStream endHandler(Handler<Void> handler) {
    this.endHandler = handler;
    return this;
  }

  private void readNext() {
    if (reading || closed || handler == null || demand <= 0) {
      return;
    }
    if (remaining == 0) {
      closed = true;
      closeFile();
      if (endHandler != null) {
        endHandler.handle(null);
      }
      return;
    }
    reading = true;
    int size = (int) Math.min(CHUNK_BYTES, remaining);
    workers
        .<byte[]>executeBlocking(
            () -> {
              byte[] chunk = new byte[size];
              in.readFully(chunk);
              return chunk;
            },
            false)
        .onComplete(result -> context.runOnContext(onContext -> delivered(result)));
  }

  private void delivered(AsyncResult<byte[]> result) {
    reading = false;
    if (closed) {
      closeFile();
      return;
    }
    if (result.failed()) {
      closed = true;
      closeFile();
      if (exceptionHandler != null) {
        exceptionHandler.handle(result.cause());
      }
      return;
    }
    remaining -= result.result().length;
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
    handler.handle(Buffer.buffer(result.result()));
    readNext();
  }

  private void close() {
    closed = true;
    if (!reading) {
      closeFile();
    }
  }

  private void closeFile() {
    if (fileClosed) {
      return;
    }
    fileClosed = true;
    workers.executeBlocking(
        () -> {
          in.close();
          return null;
        },
        false);
  }
}
