package io.picshare.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * A seed's {@link SeedProgress} in HDFS, at {@code /picshare/bench/seed-graph/seed<seed>.json}:
 * beside the data it describes, so it survives with the cluster's data and vanishes with it ({@code
 * ./picshare up --fresh}). Saved by writing a new file and renaming it over the old one, so a crash
 * at any moment leaves either the old or the new state.
 */
final class SeedProgressFile {
  static final String DIRECTORY = "/picshare/bench/seed-graph";

  private final FileSystem hdfs;
  private final Path path;
  private final Path next;

  SeedProgressFile(FileSystem hdfs, long seed) {
    this.hdfs = requireNonNull(hdfs, "hdfs is null");
    this.path = new Path(DIRECTORY, "seed" + seed + ".json");
    this.next = new Path(DIRECTORY, "seed" + seed + ".json.next");
  }

  String path() {
    return path.toString();
  }

  Optional<SeedProgress> read() {
    try {
      if (!hdfs.exists(path)) {
        return Optional.empty();
      }
      try (InputStream in = hdfs.open(path)) {
        return Optional.of(SeedProgress.fromJson(new String(in.readAllBytes(), UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    } catch (IllegalArgumentException e) {
      throw new SetupException(
          path + " is not a seed progress file this version can read (" + e.getMessage() + ")");
    }
  }

  synchronized void save(SeedProgress progress) {
    try {
      try (FSDataOutputStream out = hdfs.create(next, true)) {
        out.write(progress.toJson().getBytes(UTF_8));
        out.hsync();
      }
      FileContext.getFileContext(hdfs.getUri(), hdfs.getConf())
          .rename(next, path, Options.Rename.OVERWRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + path, e);
    }
  }
}
