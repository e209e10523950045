package io.picshare.batch.backup;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.snapshot.ExportSnapshot;
import org.apache.hadoop.hbase.snapshot.SnapshotDescriptionUtils;
import org.apache.hadoop.util.ToolRunner;

/**
 * Copies one snapshot from one HBase-root-like directory to another: off the cluster for a backup
 * ({@code hbase.rootdir} to the backup's directory) and back for a restore. A snapshot with store
 * files is copied by HBase's {@link ExportSnapshot}, a MapReduce job on the cluster of the Hadoop
 * configuration (YARN), whose map tasks copy the files in parallel and check their lengths and,
 * between file systems of one kind, their checksums; one without (an empty table) is only its
 * manifest, a few hundred bytes, copied from here as {@code ExportSnapshot} would (into {@code
 * .hbase-snapshot/.tmp}, then renamed), sparing an empty job.
 */
final class SnapshotCopy {
  private final Configuration conf;
  private final int mappers;
  private final PrintStream out;

  /** {@code mappers}: map tasks of each ExportSnapshot job, 0 for its default. */
  SnapshotCopy(Configuration conf, int mappers, PrintStream out) {
    this.conf = requireNonNull(conf, "conf is null");
    this.mappers = mappers;
    this.out = requireNonNull(out, "out is null");
  }

  /**
   * Copies snapshot {@code name} ({@code files} as read under {@code from}) to {@code to},
   * replacing a snapshot of that name there.
   */
  void copy(String name, SnapshotFiles files, Path from, Path to) throws Exception {
    long started = System.nanoTime();
    if (files.storeFiles() == 0) {
      copyManifest(name, from, to);
      out.printf(
          Locale.ROOT,
          "    %s: no store files, manifest copied in %.1f s%n",
          name,
          (System.nanoTime() - started) / 1e9);
      return;
    }
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "-snapshot",
                name,
                "-copy-from",
                from.toString(),
                "-copy-to",
                to.toString(),
                "-overwrite"));
    if (mappers > 0) {
      arguments.addAll(List.of("-mappers", Integer.toString(mappers)));
    }
    boolean sameKind = comparableChecksums(from, to);
    if (!sameKind) {
      arguments.add("-no-checksum-verify");
    }
    out.printf(
        Locale.ROOT,
        "    %s: %,d store files, %,d bytes: ExportSnapshot (MapReduce job ExportSnapshot-%s)%s%n",
        name,
        files.storeFiles(),
        files.bytes(),
        name,
        sameKind
            ? ""
            : "; lengths checked, not checksums (" + scheme(from) + " to " + scheme(to) + ")");
    int exit =
        ToolRunner.run(
            new Configuration(conf), new ExportSnapshot(), arguments.toArray(String[]::new));
    if (exit != 0) {
      throw new IOException(
          "ExportSnapshot of "
              + name
              + " from "
              + from
              + " to "
              + to
              + " failed (exit code "
              + exit
              + "); its job's task logs are in the YARN web UI");
    }
    out.printf(
        Locale.ROOT, "    %s: copied in %.1f s%n", name, (System.nanoTime() - started) / 1e9);
  }

  /**
   * Whether ExportSnapshot can compare the checksums of a file copied from {@code from} to {@code
   * to}: only on file systems of one kind (HDFS to HDFS, the production case); HDFS's block CRCs
   * and the local file system's mean nothing to each other, and ExportSnapshot would fail every
   * copy.
   */
  private boolean comparableChecksums(Path from, Path to) throws IOException {
    return scheme(from).equals(scheme(to));
  }

  private String scheme(Path path) throws IOException {
    return path.getFileSystem(conf).getUri().getScheme();
  }

  private void copyManifest(String name, Path from, Path to) throws IOException {
    FileSystem source = from.getFileSystem(conf);
    FileSystem target = to.getFileSystem(conf);
    Path destination = SnapshotFiles.manifestDirectory(to, name);
    Path working =
        new Path(new Path(SnapshotDescriptionUtils.getSnapshotRootDir(to), ".tmp"), name);
    target.delete(working, true);
    if (!FileUtil.copy(
        source, SnapshotFiles.manifestDirectory(from, name), target, working, false, conf)) {
      throw new IOException("cannot copy the manifest of " + name + " to " + working);
    }
    target.delete(destination, true);
    target.mkdirs(destination.getParent());
    if (!target.rename(working, destination)) {
      throw new IOException("cannot rename " + working + " to " + destination);
    }
  }
}
