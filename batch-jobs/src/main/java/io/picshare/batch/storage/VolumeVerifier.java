package io.picshare.batch.storage;

import io.picshare.schema.blob.VolumeFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks a finished volume from its bytes alone, as a reader will find it in HDFS: its trailer and
 * index are intact, every record's data matches its CRC32C, the index matches the records, and both
 * are what the writer meant to write.
 */
final class VolumeVerifier {
  private VolumeVerifier() {}

  /**
   * @throws IllegalStateException if the volume is not exactly {@code expected}
   */
  static void verify(FileSystem fs, Path volume, List<VolumeFormat.Entry> expected)
      throws IOException {
    List<VolumeFormat.Entry> index = readIndex(fs, volume);
    List<VolumeFormat.Entry> scanned;
    try (InputStream in = fs.open(volume, 1 << 20)) {
      scanned = VolumeFormat.scanRecords(in);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(volume + ": " + e.getMessage(), e);
    }
    if (!index.equals(scanned)) {
      throw new IllegalStateException(volume + ": the index does not match the records");
    }
    if (!index.equals(expected)) {
      throw new IllegalStateException(volume + ": holds other records than were written");
    }
  }

  /** The volume's index, from its trailer. */
  static List<VolumeFormat.Entry> readIndex(FileSystem fs, Path volume) throws IOException {
    long length = fs.getFileStatus(volume).getLen();
    try (FSDataInputStream in = fs.open(volume)) {
      byte[] trailerBytes = new byte[VolumeFormat.TRAILER_LENGTH];
      in.readFully(length - trailerBytes.length, trailerBytes);
      VolumeFormat.Trailer trailer = VolumeFormat.readTrailer(trailerBytes);
      byte[] index =
          new byte[Math.multiplyExact(trailer.entries(), VolumeFormat.INDEX_ENTRY_LENGTH)];
      in.readFully(trailer.indexOffset(), index);
      return VolumeFormat.readIndex(index, trailer);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(volume + ": " + e.getMessage(), e);
    }
  }
}
