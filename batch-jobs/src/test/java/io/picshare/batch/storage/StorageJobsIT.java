package io.picshare.batch.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.data.PhotoRow;
import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.hbase.HBasePhotoStore;
import io.picshare.media.DisplaySize;
import io.picshare.schema.blob.PhotoPaths;
import io.picshare.schema.blob.VolumeFormat;
import io.picshare.schema.blob.VolumePaths;
import io.picshare.schema.id.IdGenerator;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.record.RenditionSet;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.StackFaults;
import io.picshare.stack.junit.LocalStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StorageType;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;
import org.apache.hadoop.hdfs.protocol.ErasureCodingPolicy;
import org.apache.hadoop.hdfs.protocol.HdfsConstants.DatanodeReportType;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The storage jobs on the local stack. The pack job submitted to the real YARN over photos uploaded
 * (with ids, files and rows as the API writes them) in hours of 2026-06-01, with the job's clock
 * set to the next day so it packs only those hours: every live photo and rendition file ends in a
 * verified volume and reads back byte-identical with an unchanged hash; orphans old enough are
 * trashed, young ones kept; a rerun changes nothing; and the states a dying task leaves behind (a
 * pending volume, a sealed volume no row names, a packed photo whose small file was not trashed)
 * heal on the next run, as does a run killed while it packs.
 */
@ExtendWith(LocalStackExtension.class)
class StorageJobsIT {
  private static final Instant DAY = Instant.parse("2026-06-01T00:00:00Z");
  private static final Clock NEXT_DAY =
      Clock.fixed(Instant.parse("2026-06-02T00:30:00Z"), ZoneOffset.UTC);
  private static final long OWNER = 9_100_000;
  private static final long HOUR_MS = 3_600_000;

  private static Configuration conf;
  private static FileSystem fs;
  private static HBaseConnection hbase;
  private static HBasePhotoStore photos;
  private static final Random RANDOM = new Random(42);
  private static int next;

  @BeforeAll
  static void connect(StackEndpoints stack) throws IOException {
    conf = HBaseConfiguration.create();
    try (Stream<java.nio.file.Path> files = Files.list(stack.hadoopConfDir())) {
      files
          .filter(file -> file.toString().endsWith("-site.xml"))
          .forEach(file -> conf.addResource(new Path(file.toUri())));
    }
    fs = FileSystem.newInstance(conf);
    hbase = new HBaseConnection(conf);
    photos = new HBasePhotoStore(hbase);
  }

  @AfterAll
  static void close() throws IOException {
    hbase.close();
    fs.close();
  }

  /**
   * A committed photo of {@code hour} (0..23 of DAY) with its original and, if asked, renditions.
   */
  private record Uploaded(
      PhotoRecord record, byte[] original, byte[] renditions, String renditionsPath) {}

  private static Uploaded upload(int hour, boolean withRenditions) throws Exception {
    return upload(hour, withRenditions, 5_000 + RANDOM.nextInt(60_000));
  }

  private static Uploaded upload(int hour, boolean withRenditions, int originalBytes)
      throws Exception {
    long photoId = IdGenerator.lowestIdAt(DAY.toEpochMilli() + hour * HOUR_MS) + (++next);
    byte[] original = bytes(originalBytes);
    String path = PhotoPaths.incoming(photoId, "jpg");
    write(path, original);
    PhotoRecord record =
        new PhotoRecord(
            photoId,
            OWNER + hour,
            "photo " + photoId,
            "image/jpeg",
            original.length,
            640,
            480,
            1,
            null,
            null,
            sha256(original),
            BlobLocation.wholeFile(path, original.length),
            DAY.toEpochMilli() + hour * HOUR_MS);
    assertThat(photos.insertLookupIfAbsent(record).get()).isTrue();
    assertThat(photos.insertRowIfAbsent(record).get()).isTrue();
    byte[] renditions = null;
    String renditionsPath = null;
    if (withRenditions) {
      byte[] thumb = bytes(2_000);
      byte[] small = bytes(7_000);
      renditions = new byte[thumb.length + small.length];
      System.arraycopy(thumb, 0, renditions, 0, thumb.length);
      System.arraycopy(small, 0, renditions, thumb.length, small.length);
      renditionsPath = PhotoPaths.renditions(photoId, RANDOM.nextLong());
      write(renditionsPath, renditions);
      RenditionSet set =
          new RenditionSet(
              renditionsPath,
              List.of(
                  new RenditionSet.Entry(
                      DisplaySize.THUMB, 150, 150, 0, thumb.length, sha256(thumb)),
                  new RenditionSet.Entry(
                      DisplaySize.SMALL, 320, 240, thumb.length, small.length, sha256(small))));
      assertThat(photos.recordRenditions(record, set).get()).isTrue();
    }
    return new Uploaded(record, original, renditions, renditionsPath);
  }

  @Test
  void packsLivePhotosIntoVerifiedVolumesAndTrashesOrphans() throws Exception {
    List<Uploaded> live = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      live.add(upload(1 + i % 3, i % 2 == 0));
    }
    Uploaded deleted = upload(2, true);
    assertThat(photos.markDeleted(deleted.record(), 77).get()).isTrue();
    photos.purgeDeleted(deleted.record(), 77).get();
    age(deleted.record().location().path());
    age(deleted.renditionsPath());
    Path failedUpload =
        new Path(
            PhotoPaths.incoming(
                IdGenerator.lowestIdAt(DAY.toEpochMilli() + 2 * HOUR_MS) + 999_999, "png"));
    write(failedUpload.toString(), bytes(1_000));
    age(failedUpload.toString());
    Path uploading =
        new Path(
            PhotoPaths.incoming(
                IdGenerator.lowestIdAt(DAY.toEpochMilli() + 3 * HOUR_MS) + 999_998, "jpg"));
    write(uploading.toString(), bytes(1_000)); // young: its row may be about to be written

    CapacityReport.Report before = report();
    Map<PackCounters, Long> counters = pack("--volume-mb", "1");
    CapacityReport.Report after = report();

    long withRenditions = live.stream().filter(u -> u.renditions() != null).count();
    assertThat(counters.get(PackCounters.ORIGINALS_PACKED)).isEqualTo(live.size());
    assertThat(counters.get(PackCounters.RENDITIONS_PACKED)).isEqualTo(withRenditions);
    assertThat(counters.get(PackCounters.MOVES_LOST)).isZero();
    assertThat(counters.get(PackCounters.ORPHANS_TRASHED)).isEqualTo(3); // deleted: 2 files
    assertThat(counters.get(PackCounters.YOUNG_FILES_KEPT)).isGreaterThanOrEqualTo(1);
    assertThat(counters.get(PackCounters.VOLUMES)).isGreaterThanOrEqualTo(2); // 1 MB each
    assertEveryPhotoReadsFromAVolume(live);
    assertThat(after.photos().packedOriginals() - before.photos().packedOriginals())
        .isEqualTo(live.size());
    assertThat(area(after, "small originals").files())
        .isLessThanOrEqualTo(area(before, "small originals").files() - live.size() - 2);
    assertThat(after.objectsPerPhoto()).isLessThan(before.objectsPerPhoto());
    assertThat(area(after, "hot volumes").rawBytes())
        .as("replication 3")
        .isEqualTo(3 * area(after, "hot volumes").bytes());
    assertThat(fs.exists(new Path(deleted.record().location().path()))).isFalse();
    assertThat(fs.exists(failedUpload)).isFalse();
    assertThat(fs.exists(uploading)).isTrue();
    assertThat(
            fs.exists(new Path(VolumePaths.TRASH))
                && fs.listStatus(new Path(VolumePaths.TRASH)).length > 0)
        .as("trash emptied with --grace 0s")
        .isFalse();
    List<String> locations = locations(live);
    for (String volume : locations.stream().distinct().toList()) {
      Path file = new Path(volume);
      try (InputStream in = fs.open(file)) {
        assertThat(VolumeFormat.scanRecords(in))
            .as("the index rebuilt from the records of " + volume)
            .isEqualTo(VolumeVerifier.readIndex(fs, file));
      }
    }

    Map<PackCounters, Long> again = pack("--volume-mb", "1");
    assertThat(again.get(PackCounters.ORIGINALS_PACKED) + again.get(PackCounters.RENDITIONS_PACKED))
        .isZero();
    assertThat(locations(live)).as("nothing moved again").isEqualTo(locations);
    assertEveryPhotoReadsFromAVolume(live);
    fs.delete(uploading, false);
  }

  @Test
  void whatADyingTaskLeavesHealsOnTheNextRun() throws Exception {
    // 1. a task died while writing: a pending volume of a job that no longer runs
    Path abandoned = new Path(VolumePaths.pending("job_1700000000000_0001"), "attempt/x.vol");
    write(abandoned.toString(), VolumeFormat.header(UUID.randomUUID(), 0));
    // 2. a task died after sealing, before switching the photo: its small file is still named
    Uploaded notSwitched = upload(5, false);
    Path orphanVolume = new Path(VolumePaths.hot(UUID.randomUUID(), DAY));
    write(orphanVolume.toString(), VolumeFormat.header(UUID.randomUUID(), 0));
    // 3. a task died after switching, before trashing: the small file nobody names stays
    Uploaded switched = upload(5, false);
    String smallFile = switched.record().location().path();
    Path volume = new Path(VolumePaths.hot(UUID.randomUUID(), DAY));
    VolumeFormat.Entry entry;
    try (VolumeWriter writer = new VolumeWriter(fs, volume, UUID.randomUUID(), 0)) {
      entry =
          writer.append(
              VolumeFormat.Kind.ORIGINAL, switched.record().photoId(), switched.original());
      writer.finish();
    }
    assertThat(
            photos
                .moveOriginal(
                    switched.record(),
                    new BlobLocation(volume.toString(), entry.dataOffset(), entry.length()))
                .get())
        .isTrue();
    age(smallFile);

    Map<PackCounters, Long> counters = pack();

    assertThat(fs.exists(abandoned.getParent().getParent()))
        .as("abandoned pending volumes")
        .isFalse();
    assertThat(counters.get(PackCounters.ORIGINALS_PACKED)).isGreaterThanOrEqualTo(1);
    assertEveryPhotoReadsFromAVolume(List.of(notSwitched, switched));
    assertThat(fs.exists(new Path(smallFile))).isFalse();
    assertThat(fs.exists(orphanVolume)).as("left to the reclaim of dead volumes").isTrue();
    fs.delete(orphanVolume, false);
  }

  @Test
  void aRunKilledWhilePackingLosesNothing() throws Exception {
    List<Uploaded> live = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      live.add(upload(8 + i % 4, i % 3 == 0));
    }
    Configuration jobConf = new Configuration(conf);
    Job job =
        PackJob.createSubmittableJob(
            jobConf, new PackSettings(NEXT_DAY.millis(), 1 << 18, PackJob.ORPHAN_AGE));
    job.submit();
    long deadline = System.currentTimeMillis() + 120_000;
    while (job.mapProgress() == 0 && !job.isComplete() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    job.killJob();
    while (!job.isComplete()) {
      Thread.sleep(200);
    }
    for (Uploaded photo : live) {
      assertReadable(photo); // wherever its row points now
    }

    pack();

    assertEveryPhotoReadsFromAVolume(live);
  }

  @Test
  void rebalanceRewritesMostlyDeadVolumesAndTrashesUnnamedOnes() throws Exception {
    List<Uploaded> uploaded = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      uploaded.add(upload(14, i == 0));
    }
    pack("--volume-mb", "64");
    String volume = locations(uploaded.subList(1, 2)).get(0);
    assertThat(locations(uploaded)).allMatch(volume::equals);
    for (Uploaded photo : uploaded.subList(2, 6)) {
      assertThat(photos.markDeleted(photo.record(), 78).get()).isTrue();
      photos.purgeDeleted(photo.record(), 78).get();
    }

    Map<ReclaimCounters, Long> counters = rebalance("--dead-share", "0.5");

    List<Uploaded> kept = uploaded.subList(0, 2);
    assertThat(counters.get(ReclaimCounters.VOLUMES_REWRITTEN)).isGreaterThanOrEqualTo(1);
    assertThat(counters.get(ReclaimCounters.RECORDS_MOVED)).isGreaterThanOrEqualTo(3);
    assertThat(fs.exists(new Path(volume))).as("the mostly dead volume").isFalse();
    assertEveryPhotoReadsFromAVolume(kept);
    String rewritten = locations(kept).get(0);
    assertThat(rewritten).isNotEqualTo(volume);
    assertThat(locations(kept)).allMatch(rewritten::equals);
    assertThat(VolumeVerifier.readIndex(fs, new Path(rewritten)))
        .extracting(VolumeFormat.Entry::photoId)
        .containsExactlyInAnyOrder(
            kept.get(0).record().photoId(),
            kept.get(0).record().photoId(),
            kept.get(1).record().photoId());

    for (Uploaded photo : kept) {
      assertThat(photos.markDeleted(photo.record(), 79).get()).isTrue();
      photos.purgeDeleted(photo.record(), 79).get();
    }
    age(rewritten); // sealed an hour ago: no pack task can be about to name it
    Map<ReclaimCounters, Long> again = rebalance();
    assertThat(again.get(ReclaimCounters.VOLUMES_TRASHED)).isGreaterThanOrEqualTo(1);
    assertThat(fs.exists(new Path(rewritten))).as("a volume no row names").isFalse();
  }

  @Test
  void oldVolumesGoColdErasureCodedOnArchiveStorageAndReadTheSame() throws Exception {
    List<Uploaded> uploaded = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      uploaded.add(upload(17, i % 4 == 0, 200_000));
    }
    pack("--volume-mb", "64");
    List<String> hot = locations(uploaded).stream().distinct().toList();
    assertThat(hot).allMatch(path -> path.startsWith(VolumePaths.HOT + "/"));
    CapacityReport.Report before = report();

    Map<ReclaimCounters, Long> counters = rebalance("--cold-after", "0d");

    assertThat(counters.get(ReclaimCounters.VOLUMES_COOLED)).isGreaterThanOrEqualTo(hot.size());
    assertThat(counters.get(ReclaimCounters.MOVES_LOST)).isZero();
    List<String> cold = locations(uploaded).stream().distinct().toList();
    assertThat(cold).allMatch(VolumePaths::isCold);
    for (Uploaded photo : uploaded) {
      assertReadable(photo);
    }
    DistributedFileSystem dfs = (DistributedFileSystem) fs;
    for (String volume : cold) {
      Path file = new Path(volume);
      ErasureCodingPolicy policy = dfs.getErasureCodingPolicy(file);
      assertThat(policy).as("erasure coding of " + volume).isNotNull();
      assertThat(policy.getName()).isEqualTo("XOR-2-1-1024k");
      assertThat(dfs.getStoragePolicy(file).getName()).isEqualTo("COLD");
      FileStatus status = fs.getFileStatus(file);
      for (BlockLocation block : fs.getFileBlockLocations(status, 0, status.getLen())) {
        assertThat(block.getStorageTypes()).isNotEmpty().containsOnly(StorageType.ARCHIVE);
      }
    }
    for (String volume : hot) {
      assertThat(fs.exists(new Path(volume))).as("the hot volume, trashed").isFalse();
    }
    CapacityReport.Report after = report();
    StorageArea coldArea = area(after, "cold volumes");
    assertThat(coldArea.bytes() - area(before, "cold volumes").bytes())
        .as("enough for whole stripes of two 1 MB cells")
        .isGreaterThan(4L << 20);
    assertThat((double) coldArea.rawBytes() / coldArea.bytes())
        .as("raw bytes per byte in the cold tier")
        .isLessThanOrEqualTo(1.6);

    Map<ReclaimCounters, Long> again = rebalance("--cold-after", "0d");
    assertThat(again.get(ReclaimCounters.VOLUMES_COOLED)).isZero();
    assertThat(locations(uploaded).stream().distinct().toList()).isEqualTo(cold);
  }

  @Test
  void theBalancerFillsAnAddedDataNode(StackFaults faults) throws Exception {
    DistributedFileSystem dfs = (DistributedFileSystem) fs;
    Path data = new Path("/tmp/balancer-test");
    for (int i = 0; i < 12; i++) {
      // blocks of 16 MB: the Balancer moves none smaller than 10 MB
      try (FSDataOutputStream out =
          fs.create(new Path(data, "block-" + i), true, 1 << 16, (short) 3, 16L << 20)) {
        out.write(bytes(16 << 20));
      }
    }
    long used = 0;
    for (DatanodeInfo node : dfs.getDataNodeStats(DatanodeReportType.LIVE)) {
      used = Math.max(used, node.getDfsUsed());
    }
    // Each volume capped 400 MB above the fullest DataNode's use (room for a new block of HBase's
    // logs, 256 MB): its DISK some 40% full, the new DataNode's empty, the average about 30%.
    faults.capDataNodeVolumes((used >> 20) + 400);
    try {
      String added = faults.addDataNode();
      String address = added.substring(added.indexOf('(') + 1, added.indexOf(')'));

      // the balancing step of rebalance (its MapReduce job would not fit the capped volumes)
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      int exit =
          DataNodeBalance.balanceIfNeeded(
              conf, dfs, 10, new PrintStream(output, true, StandardCharsets.UTF_8));
      String printed = output.toString(StandardCharsets.UTF_8);
      System.out.print(printed);

      assertThat(exit).as(printed).isZero();
      assertThat(printed).contains("running the HDFS Balancer");
      DatanodeInfo newcomer =
          Stream.of(dfs.getDataNodeStats(DatanodeReportType.LIVE))
              .filter(node -> node.getXferAddr().equals(address))
              .findFirst()
              .orElseThrow();
      assertThat(newcomer.getDfsUsed()).as(printed).isGreaterThanOrEqualTo(16L << 20);
      assertThat(DataNodeBalance.spread(DataNodeBalance.utilisation(dfs)))
          .as(printed)
          .isLessThanOrEqualTo(10 + 5); // the last block moved may overshoot a little
    } finally {
      faults.capDataNodeVolumes(0);
      fs.delete(data, true);
    }
  }

  private static Map<ReclaimCounters, Long> rebalance(String... options) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RebalanceJob job =
        new RebalanceJob(NEXT_DAY, new PrintStream(printed, true, StandardCharsets.UTF_8));
    List<String> args = new ArrayList<>(List.of("--grace", "0s"));
    args.addAll(List.of(options));
    int exit = ToolRunner.run(new Configuration(conf), job, args.toArray(String[]::new));
    String output = printed.toString(StandardCharsets.UTF_8);
    System.out.print(output);
    assertThat(exit).as(output).isZero();
    assertThat(output).contains("volumes-rewritten", "bytes-reclaimed", "HDFS balance:");
    return job.lastCounters();
  }

  private static Map<PackCounters, Long> pack(String... options) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PackJob job = new PackJob(NEXT_DAY, new PrintStream(printed, true, StandardCharsets.UTF_8));
    List<String> args = new ArrayList<>(List.of("--older-than", "0s", "--grace", "0s"));
    args.addAll(List.of(options));
    int exit = ToolRunner.run(new Configuration(conf), job, args.toArray(String[]::new));
    assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("originals-packed", "volumes");
    return job.lastCounters();
  }

  private static CapacityReport.Report report() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    CapacityReport text =
        new CapacityReport(new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(ToolRunner.run(new Configuration(conf), text, new String[0])).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("NameNode objects per photo", "one file per photo", "volumes + cold tier");
    printed.reset();
    CapacityReport json =
        new CapacityReport(new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(ToolRunner.run(new Configuration(conf), json, new String[] {"--json"})).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .startsWith("{\"photos\":" + json.lastReport().photos().photos() + ",")
        .contains("\"namenode_objects_per_photo\":");
    return text.lastReport();
  }

  private static StorageArea area(CapacityReport.Report report, String name) {
    return report.areas().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  private static void assertEveryPhotoReadsFromAVolume(List<Uploaded> uploaded) throws Exception {
    for (Uploaded photo : uploaded) {
      PhotoRow row = assertReadable(photo);
      assertThat(VolumePaths.isVolume(row.record().location().path()))
          .as("original of %d in a volume", photo.record().photoId())
          .isTrue();
      if (photo.renditions() != null) {
        assertThat(VolumePaths.isVolume(row.renditions().orElseThrow().path())).isTrue();
      }
    }
  }

  /** Reads the photo where its row says now: same bytes and hash as uploaded, renditions too. */
  private static PhotoRow assertReadable(Uploaded photo) throws Exception {
    PhotoRow row =
        photos.find(photo.record().ownerId(), photo.record().photoId()).get().orElseThrow();
    assertThat(row.record().sha256()).isEqualTo(photo.record().sha256());
    assertThat(read(row.record().location())).isEqualTo(photo.original());
    if (photo.renditions() != null) {
      RenditionSet set = row.renditions().orElseThrow();
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      for (RenditionSet.Entry entry : set.entries()) {
        byte[] bytes = read(new BlobLocation(set.path(), entry.offset(), entry.length()));
        assertThat(sha256(bytes)).isEqualTo(entry.sha256());
        joined.writeBytes(bytes);
      }
      assertThat(joined.toByteArray()).isEqualTo(photo.renditions());
    }
    return row;
  }

  private static byte[] read(BlobLocation location) throws IOException {
    byte[] bytes = new byte[Math.toIntExact(location.length())];
    try (FSDataInputStream in = fs.open(new Path(location.path()))) {
      in.readFully(location.offset(), bytes);
    }
    return bytes;
  }

  /** The files the photos' rows name now (originals, then renditions). */
  private static List<String> locations(List<Uploaded> uploaded) throws Exception {
    List<String> found = new ArrayList<>();
    for (Uploaded photo : uploaded) {
      PhotoRow row =
          photos.find(photo.record().ownerId(), photo.record().photoId()).get().orElseThrow();
      found.add(row.record().location().path());
      row.renditions().ifPresent(set -> found.add(set.path()));
    }
    return found;
  }

  private static void write(String path, byte[] bytes) throws IOException {
    try (FSDataOutputStream out = fs.create(new Path(path), false)) {
      out.write(bytes);
    }
  }

  /** Makes the file look two hours old (older than the orphan age). */
  private static void age(String path) throws IOException {
    long twoHoursAgo = System.currentTimeMillis() - 2 * HOUR_MS;
    fs.setTimes(new Path(path), twoHoursAgo, -1);
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
