package io.picshare.batch.storage;

import static java.util.Objects.requireNonNull;

import io.picshare.batch.ClusterOptions;
import io.picshare.schema.blob.PhotoPaths;
import io.picshare.schema.blob.VolumeFormat;
import io.picshare.schema.blob.VolumePaths;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.util.Tool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code report}: the capacity report. Where the photo bytes are (small files, volumes, trash) with
 * the NameNode objects and raw disk they take, what the photo rows say is live, the dead bytes
 * awaiting reclaim, and the design's growth projected under one file per photo and under volumes.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    version = "PicShare 0.1.0",
    description = {
      "Prints the capacity report: photos, bytes and files per storage area (small files,"
          + " volumes, trash), NameNode objects per photo, raw bytes on disk per photo byte, dead"
          + " bytes awaiting reclaim, and the design's growth (2 M photos/day x 200 KB for 10"
          + " years by default) projected to NameNode heap, raw disk and DataNodes under one file"
          + " per photo versus volumes with an erasure-coded cold tier. Reads HDFS and one scan of"
          + " picshare:photos from this process (no YARN)."
    })
public final class CapacityReport extends Configured implements Tool, Callable<Integer> {
  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(
      names = "--photos-per-day",
      description = "Projection: uploads a day (default: ${DEFAULT-VALUE}).")
  long photosPerDay = 2_000_000;

  @Option(
      names = "--photo-kb",
      description = "Projection: an original's size in KB (default: ${DEFAULT-VALUE}).")
  long photoKilobytes = 200;

  @Option(names = "--years", description = "Projection: years (default: ${DEFAULT-VALUE}).")
  int years = 10;

  @Option(
      names = "--cold-share",
      description =
          "Projection: share of bytes in the RS-6-3 cold tier (default: ${DEFAULT-VALUE}: all"
              + " but the last months).")
  double coldShare = 0.95;

  @Option(
      names = "--datanode-tb",
      description = "Projection: raw disk of one DataNode in TB (default: ${DEFAULT-VALUE}).")
  long dataNodeTerabytes = 100;

  private final PrintStream out;
  private Report last;

  public CapacityReport(PrintStream out) {
    this.out = requireNonNull(out, "out is null");
  }

  /** Everything one run measured. */
  public record Report(
      MetadataCensus photos,
      List<StorageArea> areas,
      long volumeDataBytes,
      GrowthProjection projection) {
    public long photoBytes() {
      return photos.originalBytes() + photos.renditionBytes();
    }

    public long nameNodeObjects() {
      return areas.stream()
          .filter(a -> !a.name().equals("trash"))
          .mapToLong(StorageArea::nameNodeObjects)
          .sum();
    }

    public long rawBytes() {
      return areas.stream()
          .filter(a -> !a.name().equals("trash"))
          .mapToLong(StorageArea::rawBytes)
          .sum();
    }

    /** Bytes of the files in the trash, awaiting deletion. */
    public long trashBytes() {
      return areas.stream()
          .filter(a -> a.name().equals("trash"))
          .mapToLong(StorageArea::bytes)
          .sum();
    }

    /** Record bytes in volumes that no live row names. */
    public long deadVolumeBytes() {
      long live = photos.liveBytesByVolume().values().stream().mapToLong(Long::longValue).sum();
      return Math.max(0, volumeDataBytes - live);
    }

    public double objectsPerPhoto() {
      return photos.photos() == 0 ? 0 : (double) nameNodeObjects() / photos.photos();
    }

    public double rawPerPhotoByte() {
      return photoBytes() == 0 ? 0 : (double) rawBytes() / photoBytes();
    }
  }

  public Report lastReport() {
    return last;
  }

  @Override
  public int run(String[] args) {
    CommandLine command = new CommandLine(this);
    command.setOut(new PrintWriter(out, true));
    return command.execute(args);
  }

  @Override
  public Integer call() throws IOException {
    Configuration conf =
        HBaseConfiguration.create(getConf() != null ? getConf() : new Configuration());
    cluster.applyTo(conf);
    FileSystem fs = FileSystem.get(conf);
    MetadataCensus photos;
    try (Connection hbase = ConnectionFactory.createConnection(conf)) {
      photos = MetadataCensus.scan(hbase);
    }
    List<StorageArea> areas = new ArrayList<>();
    areas.add(StorageArea.of(fs, "small originals", PhotoPaths.INCOMING));
    areas.add(StorageArea.of(fs, "small renditions", PhotoPaths.RENDITIONS));
    areas.add(StorageArea.of(fs, "hot volumes", VolumePaths.HOT));
    areas.add(StorageArea.of(fs, "cold volumes", VolumePaths.COLD));
    areas.add(StorageArea.of(fs, "trash", VolumePaths.TRASH));
    double renditionsPerByte =
        photos.originalBytes() == 0
            ? 0.8
            : (double) photos.renditionBytes() / photos.originalBytes();
    GrowthProjection projection =
        new GrowthProjection(
            photosPerDay,
            photoKilobytes * 1000,
            years,
            renditionsPerByte,
            1L << 30,
            fs.getDefaultBlockSize(new Path("/")),
            coldShare,
            dataNodeTerabytes * 1_000_000_000_000L);
    last = new Report(photos, List.copyOf(areas), volumeDataBytes(fs), projection);
    out.print(json ? json(last) : text(last));
    return 0;
  }

  /** The record bytes all sealed volumes, hot and cold, hold, from their indexes. */
  private static long volumeDataBytes(FileSystem fs) throws IOException {
    long bytes = 0;
    for (String tier : List.of(VolumePaths.HOT, VolumePaths.COLD)) {
      bytes += volumeDataBytes(fs, tier);
    }
    return bytes;
  }

  private static long volumeDataBytes(FileSystem fs, String tier) throws IOException {
    long bytes = 0;
    RemoteIterator<LocatedFileStatus> files;
    try {
      files = fs.listFiles(new Path(tier), true);
    } catch (FileNotFoundException e) {
      return 0;
    }
    while (files.hasNext()) {
      Path volume = files.next().getPath();
      if (!volume.getName().endsWith(VolumePaths.EXTENSION)) {
        continue;
      }
      try {
        bytes +=
            VolumeVerifier.readIndex(fs, volume).stream()
                .mapToLong(VolumeFormat.Entry::length)
                .sum();
      } catch (IllegalStateException unfinished) {
        // not a finished volume: nothing in it is readable, so nothing in it is live either
      }
    }
    return bytes;
  }

  static String text(Report report) {
    StringBuilder text = new StringBuilder();
    MetadataCensus photos = report.photos();
    text.append(
        String.format(
            Locale.ROOT,
            "photos: %,d live; originals %s, renditions %s; packed: %,d originals, %,d rendition"
                + " files%n",
            photos.photos(),
            size(photos.originalBytes()),
            size(photos.renditionBytes()),
            photos.packedOriginals(),
            photos.packedRenditions()));
    text.append(
        String.format(
            Locale.ROOT,
            "%-17s %12s %10s %12s %12s %12s %9s%n",
            "area",
            "files",
            "dirs",
            "blocks",
            "bytes",
            "raw bytes",
            "raw/byte"));
    for (StorageArea area : report.areas()) {
      text.append(
          String.format(
              Locale.ROOT,
              "%-17s %,12d %,10d %,12d %12s %12s %9.2f%n",
              area.name(),
              area.files(),
              area.directories(),
              area.blocks(),
              size(area.bytes()),
              size(area.rawBytes()),
              area.bytes() == 0 ? 0.0 : (double) area.rawBytes() / area.bytes()));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "NameNode objects per photo: %.4f (%,d files, directories and blocks, trash"
                + " excluded)%n",
            report.objectsPerPhoto(),
            report.nameNodeObjects()));
    text.append(
        String.format(
            Locale.ROOT, "raw bytes on disk per photo byte: %.2f%n", report.rawPerPhotoByte()));
    text.append(
        String.format(
            Locale.ROOT,
            "dead bytes awaiting reclaim: %s in volumes, %s in trash%n",
            size(report.deadVolumeBytes()),
            size(report.trashBytes())));
    GrowthProjection projection = report.projection();
    GrowthProjection.Need files = projection.filePerPhoto();
    GrowthProjection.Need volumes = projection.volumes();
    text.append(
        String.format(
            Locale.ROOT,
            "projection: %,d photos/day x %d KB for %d years = %.2f billion photos, %s with"
                + " renditions (%.2f bytes per original byte)%n",
            projection.photosPerDay(),
            projection.photoBytes() / 1000,
            projection.years(),
            projection.photos() / 1e9,
            size(projection.bytes()),
            projection.renditionsPerPhotoByte()));
    text.append(
        String.format(
            Locale.ROOT, "%-24s %20s %24s%n", "", "one file per photo", "volumes + cold tier"));
    text.append(
        String.format(
            Locale.ROOT,
            "%-24s %20.3g %24.3g%n",
            "NameNode objects",
            files.objects(),
            volumes.objects()));
    text.append(
        String.format(
            Locale.ROOT,
            "%-24s %20s %24s%n",
            "NameNode heap",
            size(files.nameNodeHeapBytes()),
            size(volumes.nameNodeHeapBytes())));
    text.append(
        String.format(
            Locale.ROOT,
            "%-24s %20s %24s%n",
            "raw disk",
            size(files.rawBytes()),
            size(volumes.rawBytes())));
    text.append(
        String.format(
            Locale.ROOT,
            "%-24s %,20.0f %,24.0f%n",
            "DataNodes (" + projection.dataNodeBytes() / 1_000_000_000_000L + " TB each)",
            Math.ceil(files.dataNodes()),
            Math.ceil(volumes.dataNodes())));
    return text.toString();
  }

  static String json(Report report) {
    MetadataCensus photos = report.photos();
    StringBuilder json = new StringBuilder("{");
    json.append(
        String.format(
            Locale.ROOT,
            "\"photos\":%d,\"original_bytes\":%d,\"rendition_bytes\":%d,\"packed_originals\":%d,"
                + "\"packed_renditions\":%d,\"areas\":[",
            photos.photos(),
            photos.originalBytes(),
            photos.renditionBytes(),
            photos.packedOriginals(),
            photos.packedRenditions()));
    for (int i = 0; i < report.areas().size(); i++) {
      StorageArea area = report.areas().get(i);
      json.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"name\":\"%s\",\"files\":%d,\"directories\":%d,\"blocks\":%d,\"bytes\":%d,"
                      + "\"raw_bytes\":%d}",
                  area.name(),
                  area.files(),
                  area.directories(),
                  area.blocks(),
                  area.bytes(),
                  area.rawBytes()));
    }
    GrowthProjection projection = report.projection();
    json.append(
        String.format(
            Locale.ROOT,
            "],\"namenode_objects_per_photo\":%.6f,\"raw_bytes_per_photo_byte\":%.4f,"
                + "\"dead_volume_bytes\":%d,\"trash_bytes\":%d,\"projection\":{\"photos\":%.0f,"
                + "\"bytes\":%.0f,\"file_per_photo\":%s,\"volumes\":%s}}%n",
            report.objectsPerPhoto(),
            report.rawPerPhotoByte(),
            report.deadVolumeBytes(),
            report.trashBytes(),
            projection.photos(),
            projection.bytes(),
            need(projection.filePerPhoto()),
            need(projection.volumes())));
    return json.toString();
  }

  private static String need(GrowthProjection.Need need) {
    return String.format(
        Locale.ROOT,
        "{\"namenode_objects\":%.0f,\"namenode_heap_bytes\":%.0f,\"raw_bytes\":%.0f,"
            + "\"datanodes\":%.0f}",
        need.objects(),
        need.nameNodeHeapBytes(),
        need.rawBytes(),
        Math.ceil(need.dataNodes()));
  }

  private static String size(double bytes) {
    String[] units = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
    int unit = 0;
    while (bytes >= 1000 && unit < units.length - 1) {
      bytes /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, unit == 0 ? "%.0f %s" : "%.2f %s", bytes, units[unit]);
  }
}
