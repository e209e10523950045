package io.picshare.batch.storage;

import io.picshare.data.PhotoRow;
import io.picshare.data.PhotoStore;
import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.hbase.HBasePhotoStore;
import io.picshare.schema.blob.PhotoPaths;
import io.picshare.schema.blob.VolumeFormat;
import io.picshare.schema.blob.VolumePaths;
import io.picshare.schema.record.BlobLocation;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packs the small files of its upload hours into volumes. For each file it reads the row of the
 * photo the file's name gives: a file the live row names (its original, or its renditions file) is
 * appended to the task's open volume; any other file is an orphan (a deleted photo's, a failed
 * upload's, one packed before) and goes to {@link Trash} once older than the orphan age. A volume
 * is sealed when full and at the end: finished, verified from HDFS, renamed from the job's pending
 * directory to {@code hot/}, and only then is each of its photos switched over by compare-and-set
 * on the location its row still names, and the small file moved to trash. A task that dies leaves
 * at most a pending volume (removed by the next run) or a sealed volume some rows do not name
 * (their small files are packed again: nothing is lost, the dead records are reclaimed later).
 */
public final class PackMapper extends Mapper<Text, NullWritable, NullWritable, NullWritable> {
  private static final Logger LOG = LoggerFactory.getLogger(PackMapper.class);

  /** Row reads and compare-and-sets in flight at once. */
  private static final int WINDOW = 64;

  private PackSettings settings;
  private FileSystem fs;
  private HBaseConnection hbase;
  private PhotoStore photos;
  private Path pendingDirectory;
  private VolumeWriter volume;
  private final List<Packed> moves = new ArrayList<>();

  /** A small file appended to the open volume, and its photo's move. */
  private record Packed(Path file, RecordMove move) {}

  @Override
  protected void setup(Context context) throws IOException {
    settings = PackSettings.from(context.getConfiguration());
    fs = FileSystem.get(context.getConfiguration());
    hbase = new HBaseConnection(context.getConfiguration());
    photos = new HBasePhotoStore(hbase);
    pendingDirectory =
        new Path(
            VolumePaths.pending(context.getJobID().toString()),
            context.getTaskAttemptID().toString());
  }

  @Override
  protected void map(Text hour, NullWritable ignored, Context context)
      throws IOException, InterruptedException {
    context.getCounter(PackCounters.HOURS).increment(1);
    for (String root : UploadHours.ROOTS) {
      Path directory = new Path(root, hour.toString());
      List<FileStatus> files = files(directory);
      for (int start = 0; start < files.size(); start += WINDOW) {
        pack(root, files.subList(start, Math.min(files.size(), start + WINDOW)), context);
      }
      if (!files.isEmpty() && files(directory).isEmpty() && fs.delete(directory, false)) {
        context.getCounter(PackCounters.DIRECTORIES_REMOVED).increment(1);
      }
    }
  }

  private void pack(String root, List<FileStatus> files, Context context)
      throws IOException, InterruptedException {
    List<CompletableFuture<Optional<PhotoRow>>> rows = new ArrayList<>(files.size());
    for (FileStatus file : files) {
      OptionalLong photoId = PhotoPaths.photoIdOf(file.getPath().getName());
      rows.add(
          photoId.isPresent()
              ? photos.find(photoId.getAsLong())
              : CompletableFuture.completedFuture(null));
    }
    for (int i = 0; i < files.size(); i++) {
      FileStatus file = files.get(i);
      context.getCounter(PackCounters.FILES).increment(1);
      Optional<PhotoRow> row = rows.get(i).join();
      if (row == null) {
        LOG.warn("{} does not name a photo; left alone", file.getPath());
        context.getCounter(PackCounters.BAD_FILES).increment(1);
        continue;
      }
      String path = Path.getPathWithoutSchemeAndAuthority(file.getPath()).toString();
      Optional<RecordMove> move = row.flatMap(r -> named(root, path, file, r));
      if (move.isPresent()) {
        append(move.get(), file, context);
      } else if (file.getModificationTime()
          < System.currentTimeMillis() - settings.orphanAge().toMillis()) {
        if (Trash.move(fs, file.getPath(), Instant.now())) {
          context.getCounter(PackCounters.ORPHANS_TRASHED).increment(1);
          context.getCounter(PackCounters.ORPHAN_BYTES_TRASHED).increment(file.getLen());
        }
      } else {
        context.getCounter(PackCounters.YOUNG_FILES_KEPT).increment(1);
      }
      context.progress();
    }
  }

  /** The move of {@code file} if {@code row} names it (its entry is set on append). */
  private static Optional<RecordMove> named(
      String root, String path, FileStatus file, PhotoRow row) {
    if (root.equals(PhotoPaths.INCOMING)) {
      BlobLocation location = row.record().location();
      return location.path().equals(path)
              && location.offset() == 0
              && location.length() == file.getLen()
          ? Optional.of(new RecordMove(row.record(), Optional.empty(), 0, null))
          : Optional.empty();
    }
    return row.renditions()
        .filter(set -> set.path().equals(path))
        .map(set -> new RecordMove(row.record(), Optional.of(set), 0, null));
  }

  private void append(RecordMove move, FileStatus file, Context context)
      throws IOException, InterruptedException {
    byte[] data = new byte[Math.toIntExact(file.getLen())];
    try (FSDataInputStream in = fs.open(file.getPath())) {
      in.readFully(0, data);
    } catch (FileNotFoundException e) {
      return; // moved by a concurrent run meanwhile
    }
    if (volume == null) {
      UUID id = UUID.randomUUID();
      volume =
          new VolumeWriter(
              fs,
              new Path(pendingDirectory, id + VolumePaths.EXTENSION),
              id,
              System.currentTimeMillis());
    }
    VolumeFormat.Entry entry = volume.append(move.kind(), move.photo().photoId(), data);
    moves.add(
        new Packed(file.getPath(), new RecordMove(move.photo(), move.renditions(), 0, entry)));
    if (volume.size() >= settings.volumeBytes()) {
      seal(context);
    }
  }

  /** Finishes, verifies and seals the open volume, then switches its photos over. */
  private void seal(Context context) throws IOException, InterruptedException {
    volume.finish();
    VolumeVerifier.verify(fs, volume.path(), volume.entries());
    Path sealed = new Path(VolumePaths.hot(volume.volumeId(), Instant.now()));
    fs.mkdirs(sealed.getParent());
    if (!fs.rename(volume.path(), sealed)) {
      throw new IOException("could not seal " + volume.path() + " as " + sealed);
    }
    context.getCounter(PackCounters.VOLUMES).increment(1);
    String volumePath = sealed.toUri().getPath();
    for (int start = 0; start < moves.size(); start += WINDOW) {
      List<Packed> window = moves.subList(start, Math.min(moves.size(), start + WINDOW));
      List<CompletableFuture<Boolean>> applied =
          window.stream().map(packed -> packed.move().apply(photos, volumePath)).toList();
      for (int i = 0; i < window.size(); i++) {
        RecordMove move = window.get(i).move();
        if (!applied.get(i).join()) {
          context.getCounter(PackCounters.MOVES_LOST).increment(1);
          continue;
        }
        context
            .getCounter(
                move.renditions().isEmpty()
                    ? PackCounters.ORIGINALS_PACKED
                    : PackCounters.RENDITIONS_PACKED)
            .increment(1);
        context.getCounter(PackCounters.BYTES_PACKED).increment(move.entry().length());
        Trash.move(fs, window.get(i).file(), Instant.now());
        context.progress();
      }
    }
    LOG.info("sealed {} with {} records", sealed, moves.size());
    moves.clear();
    volume = null;
  }

  private List<FileStatus> files(Path directory) throws IOException {
    try {
      List<FileStatus> files = new ArrayList<>();
      for (FileStatus status : fs.listStatus(directory)) {
        if (status.isFile()) {
          files.add(status);
        }
      }
      return files;
    } catch (FileNotFoundException e) {
      return List.of();
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    try {
      if (volume != null) {
        seal(context);
      }
    } finally {
      hbase.close();
    }
  }
}
