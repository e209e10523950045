package io.picshare.api.domain.account;

import io.picshare.api.domain.Async;
import io.picshare.api.domain.IdSource;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.auth.TokenService;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.data.UserAccount;
import io.picshare.data.UserStore;
import io.picshare.schema.key.UsernameRowKey;
import io.picshare.schema.record.UserRecord;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Signing up, logging in and reading profiles. Password hashing runs on a worker pool. */
public final class AccountService {
  public static final int MIN_PASSWORD_LENGTH = 8;
  public static final int MAX_PASSWORD_LENGTH = 128;

  private final UserStore users;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final IdSource ids;
  private final Clock clock;
  private final WorkerExecutor hashing;

  public AccountService(
      UserStore users,
      PasswordHasher hasher,
      TokenService tokens,
      IdSource ids,
      Clock clock,
      WorkerExecutor hashing) {
    this.users = users;
    this.hasher = hasher;
    this.tokens = tokens;
    this.ids = ids;
    this.clock = clock;
    this.hashing = hashing;
  }

  public Future<UserRecord> signUp(String username, String password) {
    if (username == null || !UsernameRowKey.isValid(username)) {
      return Future.failedFuture(
          PicShareException.invalid("username must be 3 to 30 letters, digits or underscores"));
    }
    if (password == null
        || password.length() < MIN_PASSWORD_LENGTH
        || password.length() > MAX_PASSWORD_LENGTH) {
      return Future.failedFuture(
          PicShareException.invalid(
              "password must be "
                  + MIN_PASSWORD_LENGTH
                  + " to "
                  + MAX_PASSWORD_LENGTH
                  + " characters"));
    }
    return hashing
        .executeBlocking(() -> hasher.hash(password), false)
        .compose(hash -> create(username, hash, true));
  }

  /**
   * Writes the account; an id collision (never overwriting the other account) is retried once with
   * a new id.
   */
  private Future<UserRecord> create(String username, String hash, boolean retryCollision) {
    UserRecord user = new UserRecord(ids.next(), username, hash, clock.millis());
    return Async.of(users.create(user))
        .compose(
            created ->
                switch (created) {
                  case CREATED -> Future.succeededFuture(user);
                  case USERNAME_TAKEN ->
                      Future.failedFuture(
                          new PicShareException(
                              ErrorCode.USERNAME_TAKEN,
                              "the username '" + username + "' is taken"));
                  case ID_TAKEN ->
                      retryCollision
                          ? create(username, hash, false)
                          : Future.failedFuture(
                              new PicShareException(
                                  ErrorCode.SERVICE_UNAVAILABLE,
                                  "could not create the account; retry"));
                });
  }

  public Future<Session> logIn(String username, String password) {
    if (username == null || password == null) {
      return Future.failedFuture(PicShareException.invalid("username and password are required"));
    }
    return Async.of(users.findByUsername(username))
        .compose(
            account ->
                hashing.executeBlocking(
                    () -> {
                      if (account.isEmpty()) {
                        hasher.spendDecoyCheck(password);
                        throw invalidCredentials();
                      }
                      UserRecord user = account.get().user();
                      if (!hasher.matches(password, user.passwordHash())) {
                        throw invalidCredentials();
                      }
                      String token = tokens.issue(new Principal(user.userId(), user.username()));
                      return new Session(token, tokens.timeToLive(), user);
                    },
                    false));
  }

  public Future<UserAccount> profile(String username) {
    return Async.of(users.findByUsername(username))
        .map(
            account ->
                account.orElseThrow(
                    () -> PicShareException.notFound("no user named '" + username + "'")));
  }

  /**
   * The accounts of {@code userIds} that exist, by user id, in one multi-get (for clients that ask
   * for many users' profiles at once).
   */
  public Future<Map<Long, UserAccount>> profiles(Collection<Long> userIds) {
    List<Long> ids = List.copyOf(new LinkedHashSet<>(userIds));
    return Async.of(users.findAllById(ids))
        .map(
            accounts -> {
              Map<Long, UserAccount> found = new HashMap<>();
              accounts.forEach(account -> account.ifPresent(a -> found.put(a.user().userId(), a)));
              return found;
            });
  }

  private static PicShareException invalidCredentials() {
    return new PicShareException(ErrorCode.INVALID_CREDENTIALS, "wrong username or password");
  }
}
