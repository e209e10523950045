package io.picshare.api.domain.photo;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Where photo bytes live (HDFS). A write completes only once the bytes are durable on every
 * replica.
 */
public interface BlobStore {
  /** Writes a new file; fails if {@code path} exists. */
  Future<Void> write(String path, byte[] bytes);

  /** {@code length} bytes of the file at {@code path} from {@code offset}. */
  Future<byte[]> read(String path, long offset, int length);

  /**
   * A stream of {@code length} bytes from {@code offset}; call on the context that will consume it.
   */
  Future<ReadStream<Buffer>> openRange(String path, long offset, long length);

  Future<Boolean> delete(String path);
}
