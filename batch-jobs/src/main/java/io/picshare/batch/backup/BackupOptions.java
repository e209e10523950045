package io.picshare.batch.backup;

import java.net.URI;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.HConstants;
import picocli.CommandLine.Option;

/**
 * The options {@code backup} and {@code restore} share: the cluster's HBase root directory, which
 * snapshots are copied from and to, and the map tasks of each copy.
 */
final class BackupOptions {
  /** The Hadoop configuration key naming the default backup location (a file system URI). */
  static final String BACKUP_DIR_KEY = "picshare.backup.dir";

  @Option(
      names = "--hbase-root-dir",
      paramLabel = "URI",
      description =
          "The cluster's HBase root directory, e.g. hdfs://nn:8020/hbase (default: hbase.rootdir"
              + " of hbase-site.xml on the classpath; the local stack's data/hadoop/conf has it).")
  URI hbaseRootDir;

  @Option(
      names = "--mappers",
      paramLabel = "N",
      description =
          "Map tasks of each ExportSnapshot job copying a table's store files (default: 0,"
              + " ExportSnapshot's own choice: about one per 256 MB).")
  int mappers;

  /** The HBase root directory, from the option or the configuration. */
  Path hbaseRoot(Configuration conf) {
    if (hbaseRootDir != null) {
      return new Path(hbaseRootDir);
    }
    String[] sources = conf.getPropertySources(HConstants.HBASE_DIR);
    if (sources == null
        || Arrays.stream(sources).allMatch(source -> source.contains("hbase-default"))) {
      throw new IllegalArgumentException(
          "hbase.rootdir is not configured (no hbase-site.xml with it on the classpath):"
              + " give --hbase-root-dir hdfs://namenode:8020/hbase");
    }
    return new Path(conf.get(HConstants.HBASE_DIR));
  }

  /** The backup location: {@code given}, else {@value #BACKUP_DIR_KEY} of the configuration. */
  static URI location(URI given, Configuration conf, String option) {
    if (given != null) {
      return given;
    }
    String configured = conf.get(BACKUP_DIR_KEY);
    if (configured == null || configured.isBlank()) {
      throw new IllegalArgumentException(
          "no backup location: give "
              + option
              + " URI (hdfs://other-namenode/backups, file:///var/backups/picshare) or set "
              + BACKUP_DIR_KEY
              + " (-D "
              + BACKUP_DIR_KEY
              + "=URI)");
    }
    return URI.create(configured);
  }
}
