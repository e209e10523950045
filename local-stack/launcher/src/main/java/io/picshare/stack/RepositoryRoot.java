package io.picshare.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the PicShare checkout from wherever a test or tool runs inside it. */
public final class RepositoryRoot {
  private RepositoryRoot() {}

  /**
   * The system property {@code picshare.repo.root}, else the nearest ancestor holding {@code
   * picshare}.
   */
  public static Path find() {
    String configured = System.getProperty("picshare.repo.root");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("picshare"))
          && Files.isDirectory(dir.resolve("local-stack"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "not inside a PicShare checkout: " + Path.of("").toAbsolutePath());
  }
}
