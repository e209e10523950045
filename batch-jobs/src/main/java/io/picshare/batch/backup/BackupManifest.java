package io.picshare.batch.backup;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.hadoop.hbase.TableName;

/**
 * What a finished backup holds, written as {@value #FILE_NAME} in its directory after every
 * snapshot was exported: a backup without it is unfinished and ignored. A Java properties file, one
 * key per line in a fixed order, for example:
 *
 * <pre>
 * format=1
 * id=picshare-20261202-030000
 * started=2026-12-02T03:00:00Z
 * finished=2026-12-02T03:04:12.345Z
 * version.picshare=0.1.0-SNAPSHOT
 * version.hbase=2.6.1-hadoop3
 * version.hadoop=3.3.5
 * tables=18
 * table.0.name=picshare:users
 * table.0.snapshot=picshare-20261202-030000-users
 * table.0.snapshot-taken=2026-12-02T03:00:00.412Z
 * table.0.store-files=2
 * table.0.bytes=48213
 * </pre>
 *
 * Tables are listed in the order they were snapshotted.
 */
public record BackupManifest(
    BackupId id,
    Instant started,
    Instant finished,
    Map<String, String> versions,
    List<Table> tables) {
  public static final String FILE_NAME = "picshare-backup.properties";
  private static final int FORMAT = 1;

  /** One table of the backup: its snapshot, when it was taken, and the store files it holds. */
  public record Table(
      TableName name, String snapshot, Instant snapshotTaken, int storeFiles, long bytes) {
    public Table {
      requireNonNull(name, "name is null");
      requireNonNull(snapshot, "snapshot is null");
      requireNonNull(snapshotTaken, "snapshotTaken is null");
      if (storeFiles < 0 || bytes < 0) {
        throw new IllegalArgumentException("negative store files or bytes for " + name);
      }
    }
  }

  public BackupManifest {
    requireNonNull(id, "id is null");
    requireNonNull(started, "started is null");
    requireNonNull(finished, "finished is null");
    versions = Map.copyOf(requireNonNull(versions, "versions is null"));
    tables = List.copyOf(requireNonNull(tables, "tables is null"));
    for (String component : versions.keySet()) {
      if (!component.matches("[a-z0-9-]+")) {
        throw new IllegalArgumentException("bad version key: " + component);
      }
    }
  }

  public long bytes() {
    return tables.stream().mapToLong(Table::bytes).sum();
  }

  public int storeFiles() {
    return tables.stream().mapToInt(Table::storeFiles).sum();
  }

  public void writeTo(OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    line(writer, "format", Integer.toString(FORMAT));
    line(writer, "id", id.value());
    line(writer, "started", started.toString());
    line(writer, "finished", finished.toString());
    for (Map.Entry<String, String> version : new TreeMap<>(versions).entrySet()) {
      line(writer, "version." + version.getKey(), version.getValue());
    }
    line(writer, "tables", Integer.toString(tables.size()));
    for (int i = 0; i < tables.size(); i++) {
      Table table = tables.get(i);
      String prefix = "table." + i + ".";
      line(writer, prefix + "name", table.name().getNameAsString());
      line(writer, prefix + "snapshot", table.snapshot());
      line(writer, prefix + "snapshot-taken", table.snapshotTaken().toString());
      line(writer, prefix + "store-files", Integer.toString(table.storeFiles()));
      line(writer, prefix + "bytes", Long.toString(table.bytes()));
    }
    writer.flush();
  }

  private static void line(Writer writer, String key, String value) throws IOException {
    if (value.contains("\n") || value.contains("\\")) {
      throw new IllegalArgumentException("cannot write " + key + "=" + value);
    }
    writer.write(key + "=" + value + "\n");
  }

  /** Reads a manifest; {@link IllegalArgumentException} if it is not a complete, valid one. */
  public static BackupManifest readFrom(InputStream in) throws IOException {
    Properties properties = new Properties();
    properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    try {
      int format = Integer.parseInt(required(properties, "format"));
      if (format != FORMAT) {
        throw new IllegalArgumentException("manifest format " + format + ", expected " + FORMAT);
      }
      Map<String, String> versions = new LinkedHashMap<>();
      for (String key : properties.stringPropertyNames()) {
        if (key.startsWith("version.")) {
          versions.put(key.substring("version.".length()), properties.getProperty(key));
        }
      }
      int count = Integer.parseInt(required(properties, "tables"));
      List<Table> tables = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String prefix = "table." + i + ".";
        tables.add(
            new Table(
                TableName.valueOf(required(properties, prefix + "name")),
                required(properties, prefix + "snapshot"),
                Instant.parse(required(properties, prefix + "snapshot-taken")),
                Integer.parseInt(required(properties, prefix + "store-files")),
                Long.parseLong(required(properties, prefix + "bytes"))));
      }
      return new BackupManifest(
          new BackupId(required(properties, "id")),
          Instant.parse(required(properties, "started")),
          Instant.parse(required(properties, "finished")),
          versions,
          tables);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("invalid backup manifest: " + e.getMessage(), e);
    }
  }

  private static String required(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("invalid backup manifest: no " + key);
    }
    return value;
  }
}
