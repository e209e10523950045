package io.picshare.api.domain.photo;

import io.vertx.core.Future;

/** Where photo bytes live (HDFS). A write completes only once the bytes are durable on every replica. */
public interface BlobStore {
  /** Writes a new file; fails if {@code path} exists. */
  Future<Void> write(String path, byte[] bytes);

  /** {@code length} bytes of the file at {@code path} from {@code offset}. */
  Future<byte[]> read(String path, long offset, int length);

  Future<Boolean> delete(String path);
}
