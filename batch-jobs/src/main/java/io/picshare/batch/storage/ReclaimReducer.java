package io.picshare.batch.storage;

import io.picshare.data.PhotoRow;
import io.picshare.data.PhotoStore;
import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.hbase.HBasePhotoStore;
import io.picshare.schema.blob.VolumeFormat;
import io.picshare.schema.blob.VolumePaths;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.RenditionSet;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Reclaim and tier, reduce side, one volume at a time: reads again the rows that named it, matches
 * them to the volume's index, and if the dead share of its record bytes reaches the threshold, or
 * it is a hot volume sealed before the cold cutoff, copies the live records into a new volume
 * (written, verified and sealed as the pack job does; in the cold tier's erasure-coded directories
 * if the old one was cold or is to become so), switches each row by compare-and-set and, once no
 * row names the old volume, moves it to the trash. Writes (volume, live bytes) for every volume in
 * use, so the driver can tell the volumes no row names.
 */
public final class ReclaimReducer extends Reducer<Text, BytesWritable, Text, LongWritable> {
  static final String DEAD_SHARE = "picshare.reclaim.dead-share";

  /** Hot volumes last written before this (epoch ms) go cold; absent or negative: none. */
  static final String COLD_BEFORE = "picshare.reclaim.cold-before.ms";

  private double deadShare;
  private long coldBefore;
  private FileSystem fs;
  private HBaseConnection hbase;
  private PhotoStore photos;
  private Path pendingDirectory;
  private Path pendingColdDirectory;

  @Override
  protected void setup(Context context) throws IOException {
    deadShare = context.getConfiguration().getDouble(DEAD_SHARE, 0.5);
    coldBefore = context.getConfiguration().getLong(COLD_BEFORE, -1);
    fs = FileSystem.get(context.getConfiguration());
    hbase = new HBaseConnection(context.getConfiguration());
    photos = new HBasePhotoStore(hbase);
    String job = context.getJobID().toString();
    String attempt = context.getTaskAttemptID().toString();
    pendingDirectory = new Path(VolumePaths.pending(job), attempt);
    pendingColdDirectory = new Path(VolumePaths.pendingCold(job), attempt);
  }

  @Override
  protected void reduce(Text volumeName, Iterable<BytesWritable> rows, Context context)
      throws IOException, InterruptedException {
    String volume = volumeName.toString();
    Set<UserPhotoRowKey> keys = new LinkedHashSet<>();
    for (BytesWritable row : rows) {
      keys.add(UserPhotoRowKey.decode(row.copyBytes()));
    }
    List<RecordMove> live = liveRecords(volume, List.copyOf(keys));
    List<VolumeFormat.Entry> index = VolumeVerifier.readIndex(fs, new Path(volume));
    long total = index.stream().mapToLong(VolumeFormat.Entry::length).sum();
    Map<Long, VolumeFormat.Entry> byOffset = new HashMap<>();
    for (VolumeFormat.Entry entry : index) {
      byOffset.put(entry.dataOffset(), entry);
    }
    List<RecordMove> matched = new ArrayList<>();
    long liveBytes = 0;
    for (RecordMove move : live) {
      VolumeFormat.Entry entry = byOffset.get(move.oldBase());
      if (entry != null
          && entry.kind() == move.kind()
          && entry.photoId() == move.photo().photoId()) {
        matched.add(new RecordMove(move.photo(), move.renditions(), move.oldBase(), entry));
        liveBytes += entry.length();
      }
    }
    context.getCounter(ReclaimCounters.VOLUMES_IN_USE).increment(1);
    boolean cold = VolumePaths.isCold(volume);
    boolean goesCold =
        !cold
            && coldBefore >= 0
            && fs.getFileStatus(new Path(volume)).getModificationTime() < coldBefore;
    boolean mostlyDead = total > 0 && 1 - (double) liveBytes / total >= deadShare;
    if (!goesCold && !mostlyDead) {
      context.write(volumeName, new LongWritable(liveBytes));
      return;
    }
    rewrite(
        volume,
        matched,
        cold || goesCold,
        goesCold ? ReclaimCounters.VOLUMES_COOLED : ReclaimCounters.VOLUMES_REWRITTEN,
        context);
  }

  /** The records of {@code volume} the rows name now, each with its old data offset. */
  private List<RecordMove> liveRecords(String volume, List<UserPhotoRowKey> keys) {
    List<RecordMove> live = new ArrayList<>();
    List<Optional<PhotoRow>> found = photos.findAll(keys).join();
    for (Optional<PhotoRow> row : found) {
      if (row.isEmpty()) {
        continue;
      }
      BlobLocation original = row.get().record().location();
      if (original.path().equals(volume)) {
        live.add(new RecordMove(row.get().record(), Optional.empty(), original.offset(), null));
      }
      Optional<RenditionSet> renditions = row.get().renditions();
      if (renditions.isPresent() && renditions.get().path().equals(volume)) {
        long base =
            renditions.get().entries().stream()
                .mapToLong(RenditionSet.Entry::offset)
                .min()
                .orElse(0);
        live.add(new RecordMove(row.get().record(), renditions, base, null));
      }
    }
    return live;
  }

  /**
   * Copies {@code live} into a new volume, hot or {@code cold} (counted as {@code written}), and
   * retires {@code volume}.
   */
  private void rewrite(
      String volume, List<RecordMove> live, boolean cold, ReclaimCounters written, Context context)
      throws IOException, InterruptedException {
    Path old = new Path(volume);
    List<RecordMove> moves = new ArrayList<>();
    String sealedPath = null;
    if (!live.isEmpty()) {
      UUID id = UUID.randomUUID();
      Path pending =
          new Path(cold ? pendingColdDirectory : pendingDirectory, id + VolumePaths.EXTENSION);
      try (VolumeWriter writer = new VolumeWriter(fs, pending, id, System.currentTimeMillis());
          FSDataInputStream in = fs.open(old)) {
        for (RecordMove move : live) {
          byte[] data = new byte[Math.toIntExact(move.entry().length())];
          in.readFully(move.entry().dataOffset(), data);
          VolumeFormat.Entry copied = writer.append(move.kind(), move.photo().photoId(), data);
          moves.add(new RecordMove(move.photo(), move.renditions(), move.oldBase(), copied));
          context.progress();
        }
        writer.finish();
        VolumeVerifier.verify(fs, pending, writer.entries());
      }
      Instant now = Instant.now();
      Path sealed = new Path(cold ? VolumePaths.cold(id, now) : VolumePaths.hot(id, now));
      fs.mkdirs(sealed.getParent());
      if (!fs.rename(pending, sealed)) {
        throw new IOException("could not seal " + pending + " as " + sealed);
      }
      sealedPath = sealed.toUri().getPath();
      context.getCounter(written).increment(1);
    }
    long lost = 0;
    for (RecordMove move : moves) {
      if (move.apply(photos, sealedPath).join()) {
        context.getCounter(ReclaimCounters.RECORDS_MOVED).increment(1);
      } else {
        lost++;
      }
    }
    context.getCounter(ReclaimCounters.MOVES_LOST).increment(lost);
    if (lost == 0) {
      long length = fs.getFileStatus(old).getLen();
      if (Trash.move(fs, old, Instant.now())) {
        context.getCounter(ReclaimCounters.VOLUMES_TRASHED).increment(1);
        context.getCounter(ReclaimCounters.BYTES_RECLAIMED).increment(length);
      }
    } else {
      context.write(new Text(volume), new LongWritable(-1)); // still named: kept
    }
    if (sealedPath != null) {
      context.write(new Text(sealedPath), new LongWritable(0));
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException {
    hbase.close();
  }
}
