package io.picshare.api.domain.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSecretTest {
  @TempDir Path dir;

  @Test
  void instancesStartingTogetherAllGetTheOneSecretWritten() throws Exception {
    for (int round = 0; round < 20; round++) {
      Path file = dir.resolve("round-" + round).resolve("token.secret");
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<byte[]>> loaded = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          loaded.add(pool.submit(() -> TokenSecret.loadOrCreate(file)));
        }
        byte[] stored = null;
        for (Future<byte[]> secret : loaded) {
          byte[] bytes = secret.get();
          stored = stored == null ? Files.readAllBytes(file) : stored;
          assertThat(bytes).hasSize(32).isEqualTo(stored);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      try (var left = Files.list(file.getParent())) {
        assertThat(left).containsExactly(file);
      }
    }
  }
}
