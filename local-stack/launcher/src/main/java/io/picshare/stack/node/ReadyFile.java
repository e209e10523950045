package io.picshare.stack.node;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The file a stack node writes, atomically, once its component answers: the endpoints it serves as
 * {@code key=value} lines. Its presence is the node's readiness signal.
 */
public final class ReadyFile {
  private ReadyFile() {}

  public static void write(Path file, Map<String, String> endpoints) {
    Properties properties = new Properties();
    properties.putAll(endpoints);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        properties.store(writer, "written by the PicShare stack node once it is ready");
      }
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write ready file " + file, e);
    }
  }

  /** The endpoints in {@code file}, or empty while the node has not written it yet. */
  public static Optional<Map<String, String>> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ready file " + file, e);
    }
    Map<String, String> endpoints = new TreeMap<>();
    properties
        .stringPropertyNames()
        .forEach(key -> endpoints.put(key, properties.getProperty(key)));
    return Optional.of(endpoints);
  }
}
