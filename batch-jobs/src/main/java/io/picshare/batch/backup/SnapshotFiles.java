package io.picshare.batch.backup;

import java.io.IOException;
import java.util.HashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.shaded.protobuf.generated.SnapshotProtos.SnapshotDescription;
import org.apache.hadoop.hbase.snapshot.SnapshotDescriptionUtils;
import org.apache.hadoop.hbase.snapshot.SnapshotInfo;
import org.apache.hadoop.hbase.util.CommonFSUtils;

/**
 * What one completed snapshot under an HBase-root-like directory (a cluster's {@code hbase.rootdir}
 * or an exported backup) holds, read from its manifest and checked against the files there: the
 * table it is of, its store files and their bytes, and how many of them are missing.
 */
public record SnapshotFiles(TableName table, int storeFiles, long bytes, int missing) {
  /** Reads snapshot {@code name} under {@code root}. */
  public static SnapshotFiles of(Configuration base, Path root, String name) throws IOException {
    Configuration conf = new Configuration(base);
    CommonFSUtils.setRootDir(conf, root);
    FileSystem fs = root.getFileSystem(conf);
    Path dir = SnapshotDescriptionUtils.getCompletedSnapshotDir(name, root);
    if (!fs.exists(dir)) {
      throw new IOException("no snapshot " + name + " in " + root);
    }
    SnapshotDescription description = SnapshotDescriptionUtils.readSnapshotInfo(fs, dir);
    SnapshotInfo.SnapshotStats stats =
        SnapshotInfo.getSnapshotStats(conf, description, new HashMap<>());
    return new SnapshotFiles(
        TableName.valueOf(description.getTable()),
        stats.getStoreFilesCount(),
        stats.getStoreFilesSize(),
        stats.getMissingStoreFilesCount() + stats.getCorruptedStoreFilesCount());
  }

  /** The snapshot's manifest directory under {@code root}. */
  static Path manifestDirectory(Path root, String name) {
    return SnapshotDescriptionUtils.getCompletedSnapshotDir(name, root);
  }
}
