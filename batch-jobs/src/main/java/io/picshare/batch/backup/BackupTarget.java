package io.picshare.batch.backup;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The directory, on any Hadoop file system ({@code hdfs://other-nn/backups}, {@code
 * file:///var/backups/picshare}), that backups are exported to and restored from. Each backup is a
 * directory named by its {@link BackupId} laid out as an HBase root directory holds snapshots
 * ({@code .hbase-snapshot/<snapshot>/} and the store files under {@code archive/}), which is what
 * {@code ExportSnapshot} writes and reads, plus the {@link BackupManifest} written last.
 */
public final class BackupTarget {
  private final Path root;
  private final FileSystem fs;

  public BackupTarget(URI root, Configuration conf) throws IOException {
    requireNonNull(root, "root is null");
    if (root.getScheme() == null) {
      throw new IllegalArgumentException(
          "a backup location is a file system URI (hdfs://namenode/backups, file:///var/backups),"
              + " was: "
              + root);
    }
    this.root = new Path(root);
    this.fs = this.root.getFileSystem(conf);
  }

  /** One backup directory found: its manifest, unless the backup never finished. */
  public record Listing(BackupId id, Optional<BackupManifest> manifest, String problem) {
    public Listing {
      requireNonNull(id, "id is null");
      requireNonNull(manifest, "manifest is null");
      requireNonNull(problem, "problem is null");
    }

    public boolean complete() {
      return manifest.isPresent();
    }
  }

  public URI uri() {
    return fs.makeQualified(root).toUri();
  }

  /** Where backup {@code id} is (or would be) exported. */
  public Path directory(BackupId id) {
    return fs.makeQualified(new Path(root, id.value()));
  }

  public boolean exists(BackupId id) throws IOException {
    return fs.exists(directory(id));
  }

  /** Every backup directory, oldest first; directories not named like a backup are left out. */
  public List<Listing> list() throws IOException {
    if (!fs.exists(root)) {
      return List.of();
    }
    List<Listing> listings = new ArrayList<>();
    for (FileStatus entry : fs.listStatus(root)) {
      Optional<BackupId> id = BackupId.parse(entry.getPath().getName());
      if (entry.isDirectory() && id.isPresent()) {
        listings.add(listing(id.get()));
      }
    }
    listings.sort(Comparator.comparing(Listing::id));
    return listings;
  }

  private Listing listing(BackupId id) throws IOException {
    Path file = new Path(directory(id), BackupManifest.FILE_NAME);
    if (!fs.exists(file)) {
      return new Listing(id, Optional.empty(), "no manifest: unfinished, ignored");
    }
    try (InputStream in = fs.open(file)) {
      BackupManifest manifest = BackupManifest.readFrom(in);
      if (!manifest.id().equals(id)) {
        return new Listing(
            id, Optional.empty(), "its manifest names another backup, " + manifest.id());
      }
      return new Listing(id, Optional.of(manifest), "");
    } catch (IllegalArgumentException e) {
      return new Listing(id, Optional.empty(), e.getMessage());
    }
  }

  /** The manifest of backup {@code id} if it finished. */
  public Optional<BackupManifest> manifest(BackupId id) throws IOException {
    return listing(id).manifest();
  }

  /** Why backup {@code id} cannot be restored, when its manifest is missing or invalid. */
  public String problem(BackupId id) throws IOException {
    return fs.exists(directory(id)) ? listing(id).problem() : "no such backup";
  }

  /**
   * Writes the manifest into its backup's directory, atomically (written aside, then renamed), so a
   * reader sees either no manifest or the whole of it.
   */
  public void writeManifest(BackupManifest manifest) throws IOException {
    Path dir = directory(manifest.id());
    Path temporary = new Path(dir, "." + BackupManifest.FILE_NAME + ".tmp");
    try (OutputStream out = fs.create(temporary, true)) {
      manifest.writeTo(out);
    }
    if (!fs.rename(temporary, new Path(dir, BackupManifest.FILE_NAME))) {
      throw new IOException("cannot rename " + temporary + " to " + BackupManifest.FILE_NAME);
    }
  }

  /**
   * Deletes backup {@code id}: its manifest first, so a half-deleted backup reads as unfinished.
   */
  public void delete(BackupId id) throws IOException {
    Path dir = directory(id);
    fs.delete(new Path(dir, BackupManifest.FILE_NAME), false);
    if (fs.exists(dir) && !fs.delete(dir, true)) {
      throw new IOException("cannot delete " + dir);
    }
  }
}
