package io.picshare.api.domain.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashing (OWASP's minimum: 19 MiB, 2 passes, 1 lane), stored as PHC strings so
 * the parameters can be raised later without invalidating existing hashes. Deliberately slow: call
 * it from a worker thread, never an event loop.
 */
public final class PasswordHasher {
  private static final Argon2Function ARGON2 =
      Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);

  /**
   * Verified against when a username does not exist, so timing does not reveal which usernames do.
   */
  private final String decoyHash = hash("decoy password that matches nothing");

  public String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
  }

  public boolean matches(String password, String hash) {
    return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
  }

  /** Spends the time of a real check, for logins with unknown usernames. */
  public void spendDecoyCheck(String password) {
    matches(password, decoyHash);
  }
}
