package io.picshare.batch.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.data.FollowStore.Edge;
import io.picshare.data.PhotoRow;
import io.picshare.data.UserStore;
import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.hbase.HBaseFollowStore;
import io.picshare.data.hbase.HBaseLikeStore;
import io.picshare.data.hbase.HBasePhotoStore;
import io.picshare.data.hbase.HBaseUserStore;
import io.picshare.schema.PicShareTables;
import io.picshare.schema.SchemaManager;
import io.picshare.schema.blob.PhotoPaths;
import io.picshare.schema.id.IdGenerator;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.record.UserRecord;
import io.picshare.schema.table.PhotosTable;
import io.picshare.schema.table.PicShareTable;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.SnapshotDescription;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.hadoop.util.ToolRunner;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore on the local stack, ExportSnapshot submitted to its real YARN: users, photos
 * (metadata in HBase through the stores, bytes in HDFS with replication 3), follows and likes are
 * backed up to a {@code file://} directory; a restore into the non-empty cluster is refused; a
 * second backup with {@code --keep 1} prunes the first (its export and its cluster snapshots); a
 * photo and a follow written after it; then every PicShare table is dropped, the namespace and the
 * cluster's snapshots with them, and the second backup restored from the exported copy. Every table
 * must then hold exactly the cells it held at the backup (timestamps included; the later photo
 * gone), with its regions, and every photo's bytes read back byte-identical from the location its
 * restored row names. At the end the rows this test added are removed again, since later tests
 * share the stack.
 */
@ExtendWith(LocalStackExtension.class)
class BackupRestoreIT {
  private static Configuration conf;
  private static Connection hbase;
  private static HBaseConnection stores;
  private static FileSystem hdfs;
  private static final IdGenerator IDS = new IdGenerator(1000, Clock.systemUTC());

  @TempDir static Path backups;

  @BeforeAll
  static void connect(StackEndpoints stack) throws IOException {
    conf = HBaseConfiguration.create();
    try (Stream<Path> files = Files.list(stack.hadoopConfDir())) {
      files
          .filter(file -> file.toString().endsWith("-site.xml"))
          .forEach(file -> conf.addResource(new org.apache.hadoop.fs.Path(file.toUri())));
    }
    hbase = ConnectionFactory.createConnection(conf);
    stores = new HBaseConnection(conf);
    hdfs = FileSystem.get(conf);
  }

  @AfterAll
  static void close() throws IOException {
    stores.close();
    hbase.close();
  }

  @Test
  void restoresEveryPhotoAndFollowFromAnExportedBackup() throws Exception {
    Map<TableName, Set<String>> initial = rows();
    List<String> writtenFiles = new ArrayList<>();
    try {
      backUpWipeAndRestore(writtenFiles);
    } finally {
      leaveTheStackAsFound(initial, writtenFiles);
    }
  }

  private void backUpWipeAndRestore(List<String> writtenFiles) throws Exception {
    HBaseUserStore users = new HBaseUserStore(stores);
    HBasePhotoStore photos = new HBasePhotoStore(stores);
    HBaseFollowStore follows = new HBaseFollowStore(stores);
    HBaseLikeStore likes = new HBaseLikeStore(stores);

    long alice = IDS.next(), bob = IDS.next(), carol = IDS.next();
    for (long user : List.of(alice, bob, carol)) {
      UserRecord record =
          new UserRecord(user, "backup_" + user, "$argon2id$not-a-real-hash", 1_780_000_000_000L);
      assertThat(users.create(record).get()).isEqualTo(UserStore.Created.CREATED);
    }
    List<PhotoRecord> uploaded = new ArrayList<>();
    for (long owner : List.of(alice, bob, bob, carol, bob)) {
      uploaded.add(upload(photos, owner, 40_000 + uploaded.size() * 7919, writtenFiles));
      users.addToPhotoCount(owner, 1).get();
    }
    follow(follows, alice, bob);
    follow(follows, carol, bob);
    follow(follows, bob, alice);
    PhotoRecord bobs = uploaded.get(1);
    for (long liker : List.of(alice, carol)) {
      assertThat(likes.like(bobs.photoId(), liker, IDS.next()).get()).isTrue();
      photos.addToLikeCount(bobs, 1).get();
    }
    Map<TableName, List<String>> atBackup = contents();

    // A first backup, then a restore into the cluster that still holds the data: refused.
    Run first = backup(Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)), "--keep", "7");
    assertThat(first.exit()).as(first.output()).isZero();
    BackupManifest older = first.job().lastBackup().orElseThrow();
    assertThat(older.tables())
        .extracting(BackupManifest.Table::name)
        .as("every table of the schema, in its order")
        .containsExactlyElementsOf(PicShareTables.all().stream().map(PicShareTable::name).toList());
    assertThat(snapshotsOf(older.id())).hasSize(PicShareTables.all().size());
    assertThat(Files.exists(manifestFile(older.id()))).isTrue();

    Run refused = restore("--backup", older.id().value());
    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output()).contains("restore refused", "picshare:photos", "--force");
    assertThat(contents()).as("a refused restore changes nothing").isEqualTo(atBackup);

    // A second backup keeping one: the first goes, its export and its cluster snapshots.
    Run second = backup(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)), "--keep", "1");
    assertThat(second.exit()).as(second.output()).isZero();
    BackupManifest backup = second.job().lastBackup().orElseThrow();
    assertThat(Files.exists(backups.resolve(older.id().value()))).isFalse();
    assertThat(snapshotsOf(older.id())).isEmpty();
    assertThat(snapshotsOf(backup.id())).hasSize(PicShareTables.all().size());
    assertThat(second.output()).contains("deleted backup " + older.id());
    assertThat(storeFiles(backup, PhotosTable.NAME)).isPositive();

    // Written after the backup: must not come back.
    PhotoRecord late = upload(photos, carol, 1234, writtenFiles);
    follow(follows, alice, carol);

    Files.createDirectories(backups.resolve("picshare-20990101-000000")); // an unfinished backup
    Run listed = restore("--list");
    assertThat(listed.exit()).isZero();
    assertThat(listed.output())
        .contains(backup.id() + "  finished", "picshare-20990101-000000  UNFINISHED")
        .doesNotContain(older.id().value());

    wipe();

    Run restored = restore("--backup", backup.id().value());
    assertThat(restored.exit()).as(restored.output()).isZero();
    assertThat(restored.output())
        .contains("cloned into a new table", "created namespace picshare", "schema verified");

    assertThat(contents())
        .as("every table holds exactly its cells at the backup")
        .isEqualTo(atBackup);
    try (Admin admin = hbase.getAdmin()) {
      assertThat(new SchemaManager(admin).verify()).isEmpty();
      assertThat(admin.getRegions(PhotosTable.NAME))
          .hasSize(new PhotosTable().splitKeys().length + 1);
    }
    for (PhotoRecord photo : uploaded) {
      PhotoRow row = photos.find(photo.photoId()).get().orElseThrow();
      assertThat(row.record()).isEqualTo(photo);
      byte[] bytes = read(row.record().location());
      assertThat(bytes).hasSize((int) photo.sizeBytes());
      assertThat(sha256(bytes)).isEqualTo(photo.sha256());
    }
    assertThat(photos.find(bobs.photoId()).get().orElseThrow().likeCount()).isEqualTo(2);
    assertThat(photos.find(late.photoId()).get()).as("uploaded after the backup").isEmpty();
    assertThat(follows.followers(bob, OptionalLong.empty(), 10).get())
        .extracting(Edge::userId)
        .containsExactlyInAnyOrder(alice, carol);
    assertThat(follows.following(alice, OptionalLong.empty(), 10).get())
        .extracting(Edge::userId)
        .containsExactly(bob);
    assertThat(follows.edge(alice, carol).get()).isEmpty();
    assertThat(likes.likedBy(carol, List.of(bobs.photoId(), late.photoId())).get())
        .containsExactly(bobs.photoId());
    assertThat(users.findByUsername("backup_" + carol).get()).isPresent();

    long withFiles = backup.tables().stream().filter(table -> table.storeFiles() > 0).count();
    assertThat(exportSnapshotApplications(backup.id()))
        .as("one ExportSnapshot job on YARN per table with store files, out and back")
        .hasSize((int) (2 * withFiles))
        .allSatisfy(
            app ->
                assertThat(app.getFinalApplicationStatus())
                    .isEqualTo(FinalApplicationStatus.SUCCEEDED));
  }

  private static int storeFiles(BackupManifest backup, TableName table) {
    return backup.tables().stream()
        .filter(entry -> entry.name().equals(table))
        .findFirst()
        .orElseThrow()
        .storeFiles();
  }

  private record Run(int exit, String output, BackupJob job) {}

  private static Run backup(Clock clock, String... options) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    BackupJob job = new BackupJob(clock, new PrintStream(printed, true, StandardCharsets.UTF_8));
    List<String> args = new ArrayList<>(List.of("--to", backups.toUri().toString()));
    args.addAll(Arrays.asList(options));
    int exit = ToolRunner.run(new Configuration(conf), job, args.toArray(String[]::new));
    String output = printed.toString(StandardCharsets.UTF_8);
    System.out.print(output);
    return new Run(exit, output, job);
  }

  private static Run restore(String... options) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RestoreJob job = new RestoreJob(new PrintStream(printed, true, StandardCharsets.UTF_8));
    List<String> args = new ArrayList<>(List.of("--from", backups.toUri().toString()));
    args.addAll(Arrays.asList(options));
    int exit = ToolRunner.run(new Configuration(conf), job, args.toArray(String[]::new));
    String output = printed.toString(StandardCharsets.UTF_8);
    System.out.print(output);
    return new Run(exit, output, null);
  }

  private static Path manifestFile(BackupId id) {
    return backups.resolve(id.value()).resolve(BackupManifest.FILE_NAME);
  }

  /** Stores a photo as an upload does: bytes to HDFS (replication 3), then lookup and row. */
  private static PhotoRecord upload(
      HBasePhotoStore photos, long owner, int size, List<String> writtenFiles) throws Exception {
    long id = IDS.next();
    byte[] bytes = new byte[size];
    new Random(id).nextBytes(bytes);
    String path = PhotoPaths.incoming(id, "jpg");
    try (FSDataOutputStream out = hdfs.create(new org.apache.hadoop.fs.Path(path), (short) 3)) {
      out.write(bytes);
      out.hsync();
    }
    writtenFiles.add(path);
    PhotoRecord photo =
        new PhotoRecord(
            id,
            owner,
            "backed up " + id,
            "image/jpeg",
            size,
            640,
            480,
            1,
            38.7,
            -9.1,
            sha256(bytes),
            BlobLocation.wholeFile(path, size),
            IdGenerator.timestampMillis(id));
    assertThat(photos.insertLookupIfAbsent(photo).get()).isTrue();
    assertThat(photos.insertRowIfAbsent(photo).get()).isTrue();
    return photo;
  }

  private static void follow(HBaseFollowStore follows, long follower, long followee)
      throws Exception {
    long edge = IDS.next();
    assertThat(follows.follow(follower, followee, edge).get()).isTrue();
    follows.addToLists(follower, followee, edge).get();
  }

  private static byte[] read(BlobLocation location) throws IOException {
    byte[] bytes = new byte[(int) location.length()];
    try (FSDataInputStream in = hdfs.open(new org.apache.hadoop.fs.Path(location.path()))) {
      in.readFully(location.offset(), bytes);
    }
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** Every cell of every PicShare table (row, column, timestamp, value), table by table. */
  private static Map<TableName, List<String>> contents() throws IOException {
    Map<TableName, List<String>> contents = new LinkedHashMap<>();
    for (PicShareTable table : PicShareTables.all()) {
      List<String> cells = new ArrayList<>();
      try (Table open = hbase.getTable(table.name());
          ResultScanner scanner = open.getScanner(new Scan().readAllVersions())) {
        for (Result row : scanner) {
          for (Cell cell : row.rawCells()) {
            cells.add(
                Bytes.toStringBinary(CellUtil.cloneRow(cell))
                    + " "
                    + Bytes.toStringBinary(CellUtil.cloneFamily(cell))
                    + ":"
                    + Bytes.toStringBinary(CellUtil.cloneQualifier(cell))
                    + " @"
                    + cell.getTimestamp()
                    + " = "
                    + Bytes.toStringBinary(CellUtil.cloneValue(cell)));
          }
        }
      }
      contents.put(table.name(), cells);
    }
    return contents;
  }

  /** The row keys of every PicShare table. */
  private static Map<TableName, Set<String>> rows() throws IOException {
    Map<TableName, Set<String>> rows = new LinkedHashMap<>();
    for (PicShareTable table : PicShareTables.all()) {
      Set<String> keys = new java.util.HashSet<>();
      try (Table open = hbase.getTable(table.name());
          ResultScanner scanner = open.getScanner(new Scan())) {
        for (Result row : scanner) {
          keys.add(Bytes.toStringBinary(row.getRow()));
        }
      }
      rows.put(table.name(), keys);
    }
    return rows;
  }

  /** What losing the cluster's metadata looks like: no tables, no namespace, no snapshots. */
  private static void wipe() throws IOException {
    try (Admin admin = hbase.getAdmin()) {
      for (PicShareTable table : PicShareTables.all()) {
        admin.disableTable(table.name());
        admin.deleteTable(table.name());
      }
      admin.deleteNamespace(PicShareTable.NAMESPACE);
      for (SnapshotDescription snapshot : admin.listSnapshots()) {
        admin.deleteSnapshot(snapshot.getName());
      }
      assertThat(admin.listSnapshots()).isEmpty();
    }
  }

  private static List<String> snapshotsOf(BackupId id) throws IOException {
    try (Admin admin = hbase.getAdmin()) {
      return admin.listSnapshots().stream()
          .map(SnapshotDescription::getName)
          .filter(name -> BackupId.ofSnapshot(name).equals(java.util.Optional.of(id)))
          .toList();
    }
  }

  private static List<ApplicationReport> exportSnapshotApplications(BackupId id) throws Exception {
    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(conf);
      yarn.start();
      return yarn.getApplications(Set.of("MAPREDUCE")).stream()
          .filter(app -> app.getName().startsWith("ExportSnapshot-" + id.value() + "-"))
          .toList();
    }
  }

  /**
   * Removes the rows and files this test added, and its snapshots; recreates any table a failed
   * restore left missing, so the tests after this one find the schema and the data they expect.
   */
  private static void leaveTheStackAsFound(
      Map<TableName, Set<String>> initial, List<String> writtenFiles) throws IOException {
    try (Admin admin = hbase.getAdmin()) {
      new SchemaManager(admin).create();
      for (PicShareTable table : PicShareTables.all()) {
        if (admin.isTableDisabled(table.name())) {
          admin.enableTable(table.name());
        }
      }
      for (SnapshotDescription snapshot : admin.listSnapshots()) {
        if (BackupId.ofSnapshot(snapshot.getName()).isPresent()) {
          admin.deleteSnapshot(snapshot.getName());
        }
      }
    }
    for (PicShareTable table : PicShareTables.all()) {
      Set<String> keep = initial.get(table.name());
      List<Delete> deletes = new ArrayList<>();
      try (Table open = hbase.getTable(table.name());
          ResultScanner scanner = open.getScanner(new Scan())) {
        for (Result row : scanner) {
          if (!keep.contains(Bytes.toStringBinary(row.getRow()))) {
            deletes.add(new Delete(row.getRow()));
          }
        }
        open.delete(deletes);
      }
    }
    for (String file : writtenFiles) {
      hdfs.delete(new org.apache.hadoop.fs.Path(file), false);
    }
  }
}
