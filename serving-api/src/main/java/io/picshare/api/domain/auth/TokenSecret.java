package io.picshare.api.domain.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/** The token-signing key, kept in a file readable by its owner only; created on first use. */
public final class TokenSecret {
  private static final int BYTES = 32;

  private TokenSecret() {}

  public static byte[] loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        byte[] secret = Files.readAllBytes(file);
        if (secret.length < BYTES) {
          throw new IllegalStateException(
              file + " holds fewer than " + BYTES + " bytes; delete it to make a new one");
        }
        return secret;
      }
      byte[] secret = new byte[BYTES];
      new SecureRandom().nextBytes(secret);
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      // Written whole under a temporary name (owner-only, as temporary files are made), then
      // published by a hard link, which fails if the name exists: an instance starting at the
      // same moment never reads a half-written file.
      Path written = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
      try {
        Files.write(written, secret, StandardOpenOption.WRITE);
        Files.createLink(file, written);
      } catch (FileAlreadyExistsException e) {
        return loadOrCreate(file); // another instance created it first
      } finally {
        Files.deleteIfExists(written);
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the token secret " + file, e);
    }
  }
}
