package io.picshare.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime classpath of a module of this repository, as its build wrote it ({@code
 * target/runtime-classpath.txt}, by maven-dependency-plugin) plus its own classes. Each stack
 * component runs with exactly its module's classpath, so server jars and the API's thin clients
 * never meet in one JVM.
 */
final class ModuleClasspath {
  private ModuleClasspath() {}

  static List<Path> of(Path repoRoot, String module) {
    Path target = repoRoot.resolve(module).resolve("target");
    Path listing = target.resolve("runtime-classpath.txt");
    Path classes = target.resolve("classes");
    if (!Files.isRegularFile(listing) || !Files.isDirectory(classes)) {
      throw new IllegalStateException(
          module
              + " is not built (no "
              + listing
              + "); run ./picshare build or mvn -DskipTests package");
    }
    List<Path> classpath = new ArrayList<>();
    classpath.add(classes);
    try {
      for (String entry : Files.readString(listing).strip().split(java.io.File.pathSeparator)) {
        if (!entry.isBlank()) {
          classpath.add(Path.of(entry));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(classpath);
  }
}
