package io.picshare.batch.storage;

import io.picshare.schema.blob.VolumeFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes one volume ({@link VolumeFormat}) to a new HDFS file, replication 3: the header, then each
 * record as it is appended, then, on {@link #finish}, the index and trailer, {@code hsync}ed.
 */
final class VolumeWriter implements AutoCloseable {
  static final short REPLICATION = 3;

  private final UUID volumeId;
  private final Path path;
  private final FSDataOutputStream out;
  private final List<VolumeFormat.Entry> entries = new ArrayList<>();
  private boolean finished;

  VolumeWriter(FileSystem fs, Path path, UUID volumeId, long createdMillis) throws IOException {
    this.volumeId = volumeId;
    this.path = path;
    this.out = fs.create(path, false, 1 << 16, REPLICATION, fs.getDefaultBlockSize(path));
    out.write(VolumeFormat.header(volumeId, createdMillis));
  }

  /** Appends {@code data} as a record and returns it (with the offset of its data). */
  VolumeFormat.Entry append(VolumeFormat.Kind kind, long photoId, byte[] data) throws IOException {
    int crc = VolumeFormat.crc32c(data, 0, data.length);
    out.write(VolumeFormat.recordHeader(kind, photoId, data.length, crc));
    VolumeFormat.Entry entry =
        new VolumeFormat.Entry(kind, photoId, out.getPos(), data.length, crc);
    out.write(data);
    entries.add(entry);
    return entry;
  }

  /** Bytes written so far. */
  long size() {
    return out.getPos();
  }

  List<VolumeFormat.Entry> entries() {
    return List.copyOf(entries);
  }

  UUID volumeId() {
    return volumeId;
  }

  Path path() {
    return path;
  }

  /** Writes the index and trailer, makes the file durable and closes it. */
  void finish() throws IOException {
    out.write(VolumeFormat.footer(entries, out.getPos()));
    out.hsync();
    out.close();
    finished = true;
  }

  @Override
  public void close() throws IOException {
    if (!finished) {
      out.close();
    }
  }
}
