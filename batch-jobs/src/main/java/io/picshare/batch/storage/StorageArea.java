package io.picshare.batch.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * One directory tree's HDFS footprint: its files, directories and blocks (the NameNode's objects),
 * the bytes of its files and the raw bytes they take on DataNodes (replicas or erasure-coded
 * cells).
 */
public record StorageArea(
    String name, long files, long directories, long blocks, long bytes, long rawBytes) {
  public long nameNodeObjects() {
    return files + directories + blocks;
  }

  /** Walks {@code path} (absent: all zero). */
  public static StorageArea of(FileSystem fs, String name, String path) throws IOException {
    Path root = new Path(path);
    ContentSummary summary;
    try {
      summary = fs.getContentSummary(root);
    } catch (FileNotFoundException e) {
      return new StorageArea(name, 0, 0, 0, 0, 0);
    }
    long blocks = 0;
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
    while (files.hasNext()) {
      LocatedFileStatus file = files.next();
      blocks += file.getBlockLocations().length;
    }
    return new StorageArea(
        name,
        summary.getFileCount(),
        summary.getDirectoryCount(),
        blocks,
        summary.getLength(),
        summary.getSpaceConsumed());
  }
}
