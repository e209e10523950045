package io.picshare.batch.backup;

import static java.util.Objects.requireNonNull;

import io.picshare.batch.ClusterOptions;
import io.picshare.schema.SchemaManager;
import io.picshare.schema.table.PicShareTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.util.Tool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code restore}: brings a finished backup ({@link BackupManifest}) back into a cluster whose
 * PicShare tables are empty or missing ({@link ClusterContents}; {@code --force} overrides): each
 * table's exported snapshot is copied into the cluster's HBase root ({@link SnapshotCopy}, i.e.
 * ExportSnapshot back), checked complete, and cloned into a missing table or restored over an
 * existing one (descriptor, regions and rows as they were); then the schema tool adds tables the
 * code has and the backup lacks, and verifies. {@code --list} shows the backups at the location.
 */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    version = "PicShare 0.1.0",
    description = {
      "Restores a PicShare metadata backup (made by backup) into this cluster's HBase: imports"
          + " each table's exported snapshot with ExportSnapshot (a MapReduce job on YARN per table"
          + " with data), then clones it into the table (or, for a table that exists, restores over"
          + " it), so tables come back with their exact descriptors, regions and rows; creates the"
          + " namespace and, with the schema tool, any table newer code has. Restores into an empty"
          + " cluster: refuses when PicShare tables hold data, unless --force. Prints what it"
          + " restored.",
      "Afterwards run ./picshare batch repair (counts and follow lists across tables, which were"
          + " snapshotted a few seconds apart) and ./picshare batch reindex (the search index).",
      "With --list: shows the backups at --from, finished ones with their manifests."
    })
public final class RestoreJob extends Configured implements Tool, Callable<Integer> {
  @Mixin ClusterOptions cluster = new ClusterOptions();
  @Mixin BackupOptions copying = new BackupOptions();

  @Option(
      names = "--from",
      paramLabel = "URI",
      description =
          "Where the backups are (what backup --to was). Default: picshare.backup.dir of the"
              + " Hadoop configuration; the local stack sets it to file://<data dir>/backups.")
  URI from;

  @Option(
      names = "--backup",
      paramLabel = "ID",
      description = "The backup to restore, e.g. picshare-20261202-030000 (see --list).")
  String backup;

  @Option(names = "--list", description = "List the backups at --from and exit.")
  boolean list;

  @Option(
      names = "--force",
      description =
          "Restore even though PicShare tables hold data: their rows are replaced by the"
              + " backup's (tables the backup does not have are left alone).")
  boolean force;

  private final PrintStream out;

  public RestoreJob(PrintStream out) {
    this.out = requireNonNull(out, "out is null");
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
    BackupTarget target = new BackupTarget(BackupOptions.location(from, conf, "--from"), conf);
    if (list) {
      printListing(target);
      return 0;
    }
    if (backup == null) {
      out.println("restore: give --backup ID (--list shows the backups at " + target.uri() + ")");
      return 2;
    }
    BackupId id = new BackupId(backup);
    Optional<BackupManifest> found = target.manifest(id);
    if (found.isEmpty()) {
      out.printf(
          "restore: %s at %s cannot be restored: %s%n", id, target.uri(), target.problem(id));
      return 1;
    }
    BackupManifest manifest = found.get();
    Path hbaseRoot = copying.hbaseRoot(conf);
    Path directory = target.directory(id);
    try (Connection connection = ConnectionFactory.createConnection(conf);
        Admin admin = connection.getAdmin()) {
      List<String> withData =
          new ClusterContents(connection)
              .tablesWithData(manifest.tables().stream().map(BackupManifest.Table::name).toList());
      if (!withData.isEmpty() && !force) {
        out.println(
            "restore refused: these PicShare tables hold data, which a restore would replace: "
                + String.join(", ", withData)
                + ". Restore into an empty cluster (stop the API; drop or truncate the tables),"
                + " or pass --force to replace their rows with the backup's.");
        return 1;
      }
      out.printf(
          Locale.ROOT,
          "restore %s (started %s, finished %s; %d tables, %,d store files, %,d bytes) from %s"
              + " into %s%n",
          id,
          manifest.started(),
          manifest.finished(),
          manifest.tables().size(),
          manifest.storeFiles(),
          manifest.bytes(),
          directory.toUri(),
          hbaseRoot);
      if (!withData.isEmpty()) {
        out.println("  --force: replacing the rows of " + String.join(", ", withData));
      }
      createNamespaceIfMissing(admin);
      SnapshotCopy copy = new SnapshotCopy(conf, copying.mappers, out);
      for (BackupManifest.Table table : manifest.tables()) {
        restore(admin, copy, table, directory, hbaseRoot, conf);
      }
      SchemaManager schema = new SchemaManager(admin);
      for (String step : schema.create()) {
        if (step.startsWith("created")) {
          out.println("  schema: " + step + " (not in the backup)");
        }
      }
      List<String> differences = schema.verify();
      out.println(
          differences.isEmpty()
              ? "  schema verified: the tables match the code"
              : "  schema differs from the code: " + String.join("; ", differences));
    }
    out.printf(
        "restore %s done: %d tables restored. Run ./picshare batch repair and ./picshare batch"
            + " reindex next.%n",
        id, manifest.tables().size());
    return 0;
  }

  private void restore(
      Admin admin,
      SnapshotCopy copy,
      BackupManifest.Table table,
      Path directory,
      Path hbaseRoot,
      Configuration conf)
      throws Exception {
    long started = System.nanoTime();
    String snapshot = table.snapshot();
    SnapshotFiles exported = SnapshotFiles.of(conf, directory, snapshot);
    if (!exported.table().equals(table.name())
        || exported.missing() > 0
        || exported.storeFiles() != table.storeFiles()) {
      throw new IOException(
          "the backup's snapshot "
              + snapshot
              + " is damaged: it is of "
              + exported.table()
              + " with "
              + exported.storeFiles()
              + " store files ("
              + exported.missing()
              + " missing); the manifest says "
              + table.name()
              + " with "
              + table.storeFiles());
    }
    out.printf("  %s from snapshot %s:%n", table.name(), snapshot);
    copy.copy(snapshot, exported, directory, hbaseRoot);
    SnapshotFiles imported = SnapshotFiles.of(conf, hbaseRoot, snapshot);
    if (imported.missing() > 0) {
      throw new IOException(
          "the imported snapshot " + snapshot + " misses " + imported.missing() + " store files");
    }
    String how;
    if (admin.tableExists(table.name())) {
      if (admin.isTableEnabled(table.name())) {
        admin.disableTable(table.name());
      }
      admin.restoreSnapshot(snapshot);
      admin.enableTable(table.name());
      how = "restored over the existing table";
    } else {
      admin.cloneSnapshot(snapshot, table.name());
      how = "cloned into a new table";
    }
    out.printf(
        Locale.ROOT,
        "    %s: %s, %d regions, %,d store files, %,d bytes, in %.1f s%n",
        table.name(),
        how,
        admin.getRegions(table.name()).size(),
        imported.storeFiles(),
        imported.bytes(),
        (System.nanoTime() - started) / 1e9);
  }

  private void createNamespaceIfMissing(Admin admin) throws IOException {
    boolean exists =
        Arrays.stream(admin.listNamespaceDescriptors())
            .anyMatch(namespace -> namespace.getName().equals(PicShareTable.NAMESPACE));
    if (!exists) {
      admin.createNamespace(NamespaceDescriptor.create(PicShareTable.NAMESPACE).build());
      out.println("  created namespace " + PicShareTable.NAMESPACE);
    }
  }

  private void printListing(BackupTarget target) throws IOException {
    List<BackupTarget.Listing> listings = target.list();
    out.printf("%d backups at %s:%n", listings.size(), target.uri());
    for (BackupTarget.Listing listing : listings) {
      if (listing.manifest().isEmpty()) {
        out.printf("  %s  UNFINISHED (%s)%n", listing.id(), listing.problem());
        continue;
      }
      BackupManifest manifest = listing.manifest().get();
      out.printf(
          Locale.ROOT,
          "  %s  finished %s: %d tables, %,d store files, %,d bytes; versions %s%n",
          listing.id(),
          manifest.finished(),
          manifest.tables().size(),
          manifest.storeFiles(),
          manifest.bytes(),
          new TreeMap<>(manifest.versions()));
      for (BackupManifest.Table table : manifest.tables()) {
        out.printf(
            Locale.ROOT,
            "      %-34s %,6d store files %,14d bytes  snapshot %s at %s%n",
            table.name(),
            table.storeFiles(),
            table.bytes(),
            table.snapshot(),
            table.snapshotTaken());
      }
    }
  }
}
