package io.picshare.batch.backup;

import static java.util.Objects.requireNonNull;

import io.picshare.batch.ClusterOptions;
import io.picshare.schema.PicShareTables;
import io.picshare.schema.table.PicShareTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.SnapshotDescription;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.VersionInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code backup}: a snapshot of every PicShare table ({@link PicShareTables#all()}, in that order),
 * all taken first, one after the other, then each exported off the cluster with {@link
 * SnapshotCopy} (HBase's ExportSnapshot on YARN) into {@code <location>/<backup id>/}, then the
 * {@link BackupManifest}, then the retention: backups and cluster snapshots beyond the newest
 * {@code --keep} are deleted ({@link BackupRetention}). A backup that fails part-way leaves a
 * directory without a manifest, which restore ignores and a later backup's retention removes.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    version = "PicShare 0.1.0",
    description = {
      "Backs up the PicShare metadata (every HBase table of the schema): snapshots every table"
          + " (one after the other, within seconds), exports each snapshot off the cluster with"
          + " HBase's ExportSnapshot (a MapReduce job on YARN per table with data) into"
          + " <location>/picshare-<yyyyMMdd-HHmmss>/, writes the manifest"
          + " picshare-backup.properties last (a directory without one is an unfinished backup),"
          + " then deletes the backups, and the cluster's snapshots, older than the newest --keep.",
      "Photo bytes (HDFS) and the search index (Solr: ./picshare batch reindex rebuilds it) are"
          + " not in the backup; see docs/operations.md, \"Backup and restore\"."
    },
    footer = {
      "",
      "Hadoop generic options (-D key=value, -conf file, -fs uri, -jt host:port, ...) go before"
          + " the job's options, e.g.: backup -D mapreduce.job.queuename=batch --to"
          + " hdfs://backup-nn:8020/picshare-backups --keep 14"
    })
public final class BackupJob extends Configured implements Tool, Callable<Integer> {
  @Mixin ClusterOptions cluster = new ClusterOptions();
  @Mixin BackupOptions copying = new BackupOptions();

  @Option(
      names = "--to",
      paramLabel = "URI",
      description =
          "Where backups go: a directory on any Hadoop file system, e.g."
              + " hdfs://backup-nn:8020/picshare-backups or file:///var/backups/picshare (on a"
              + " cluster a file:// path must be on a disk every NodeManager shares). Default:"
              + " picshare.backup.dir of the Hadoop configuration; the local stack sets it to"
              + " file://<data dir>/backups.")
  URI to;

  @Option(
      names = "--keep",
      paramLabel = "N",
      description =
          "Finished backups to keep, this one included; older ones are deleted, with the"
              + " cluster's snapshots of them (default: ${DEFAULT-VALUE}).")
  int keep = 7;

  private final Clock clock;
  private final PrintStream out;
  private BackupManifest lastBackup;

  public BackupJob(Clock clock, PrintStream out) {
    this.clock = requireNonNull(clock, "clock is null");
    this.out = requireNonNull(out, "out is null");
  }

  /** The manifest of the last backup this job wrote. */
  public Optional<BackupManifest> lastBackup() {
    return Optional.ofNullable(lastBackup);
  }

  @Override
  public int run(String[] args) {
    CommandLine command = new CommandLine(this);
    command.setOut(new PrintWriter(out, true));
    return command.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    Configuration conf =
        HBaseConfiguration.create(getConf() != null ? getConf() : new Configuration());
    cluster.applyTo(conf);
    BackupRetention retention = new BackupRetention(keep);
    Path hbaseRoot = copying.hbaseRoot(conf);
    BackupTarget target = new BackupTarget(BackupOptions.location(to, conf, "--to"), conf);
    Instant started = clock.instant();
    BackupId id = BackupId.startedAt(started);
    if (target.exists(id)) {
      out.printf("backup: %s already exists at %s; try again in a second%n", id, target.uri());
      return 1;
    }
    Path directory = target.directory(id);
    List<PicShareTable> tables = PicShareTables.all();
    out.printf(
        "backup %s: %d tables of %s to %s%n", id, tables.size(), hbaseRoot, directory.toUri());
    try (Connection connection = ConnectionFactory.createConnection(conf);
        Admin admin = connection.getAdmin()) {
      List<TableName> missing =
          tables.stream().map(PicShareTable::name).filter(name -> !exists(admin, name)).toList();
      if (!missing.isEmpty()) {
        out.println(
            "backup failed: tables missing from the cluster: "
                + missing
                + " (./picshare schema create makes them)");
        return 1;
      }

      out.println("  snapshots (one per table, one after the other):");
      Map<TableName, Instant> taken = new LinkedHashMap<>();
      for (PicShareTable table : tables) {
        long begun = System.nanoTime();
        admin.snapshot(id.snapshotName(table.name()), table.name());
        taken.put(table.name(), clock.instant());
        out.printf(
            Locale.ROOT,
            "    %s as %s in %.1f s%n",
            table.name(),
            id.snapshotName(table.name()),
            (System.nanoTime() - begun) / 1e9);
      }
      out.printf(
          Locale.ROOT,
          "  all %d snapshots taken within %.1f s; exporting:%n",
          taken.size(),
          Duration.between(started, clock.instant()).toMillis() / 1e3);

      SnapshotCopy copy = new SnapshotCopy(conf, copying.mappers, out);
      List<BackupManifest.Table> exported = new ArrayList<>();
      for (Map.Entry<TableName, Instant> table : taken.entrySet()) {
        String snapshot = id.snapshotName(table.getKey());
        copy.copy(snapshot, SnapshotFiles.of(conf, hbaseRoot, snapshot), hbaseRoot, directory);
        SnapshotFiles copied = SnapshotFiles.of(conf, directory, snapshot);
        if (copied.missing() > 0 || !copied.table().equals(table.getKey())) {
          out.printf(
              "backup failed: the exported %s misses %d store files (or is not of %s)%n",
              snapshot, copied.missing(), table.getKey());
          return 1;
        }
        exported.add(
            new BackupManifest.Table(
                table.getKey(), snapshot, table.getValue(), copied.storeFiles(), copied.bytes()));
      }
      BackupManifest manifest =
          new BackupManifest(id, started, clock.instant(), versions(admin), exported);
      target.writeManifest(manifest);
      lastBackup = manifest;
      out.printf(
          Locale.ROOT,
          "backup %s complete: %d tables, %,d store files, %,d bytes, in %.1f s (manifest %s)%n",
          id,
          exported.size(),
          manifest.storeFiles(),
          manifest.bytes(),
          Duration.between(started, manifest.finished()).toMillis() / 1e3,
          new Path(directory, BackupManifest.FILE_NAME).toUri());
      prune(retention, target, admin);
    }
    return 0;
  }

  private void prune(BackupRetention retention, BackupTarget target, Admin admin) throws Exception {
    List<BackupTarget.Listing> listings = target.list();
    List<BackupId> finished =
        listings.stream()
            .filter(BackupTarget.Listing::complete)
            .map(BackupTarget.Listing::id)
            .toList();
    List<BackupId> unfinished =
        listings.stream()
            .filter(listing -> !listing.complete())
            .map(BackupTarget.Listing::id)
            .toList();
    List<BackupId> exports = retention.exportsToDelete(finished, unfinished);
    for (BackupId old : exports) {
      target.delete(old);
      out.printf("  deleted backup %s (%s)%n", old, target.directory(old).toUri());
    }
    Map<BackupId, List<String>> snapshots = new LinkedHashMap<>();
    for (SnapshotDescription snapshot : admin.listSnapshots()) {
      BackupId.ofSnapshot(snapshot.getName())
          .ifPresent(
              owner ->
                  snapshots
                      .computeIfAbsent(owner, key -> new ArrayList<>())
                      .add(snapshot.getName()));
    }
    int deletedSnapshots = 0;
    for (BackupId old : retention.snapshotsToDelete(finished, snapshots.keySet())) {
      for (String snapshot : snapshots.get(old)) {
        admin.deleteSnapshot(snapshot);
        deletedSnapshots++;
      }
    }
    out.printf(
        "  keeping %d backups (--keep %d): %s; deleted %d older backups and %d cluster snapshots%n",
        retention.kept(finished).size(),
        retention.keep(),
        new TreeSet<>(retention.kept(finished)),
        exports.size(),
        deletedSnapshots);
  }

  private static boolean exists(Admin admin, TableName name) {
    try {
      return admin.tableExists(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> versions(Admin admin) throws IOException {
    String picshare = BackupJob.class.getPackage().getImplementationVersion();
    return Map.of(
        "picshare",
        picshare == null ? "development build" : picshare,
        "hbase",
        admin.getClusterMetrics().getHBaseVersion(),
        "hadoop",
        VersionInfo.getVersion());
  }
}
