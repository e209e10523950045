package io.picshare.api.domain.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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
      Files.createDirectories(file.toAbsolutePath().getParent());
      try {
        Files.write(file, secret, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        return loadOrCreate(file); // another instance created it first
      }
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: rely on the directory's permissions
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the token secret " + file, e);
    }
  }
}
