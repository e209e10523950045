package io.picshare.api.domain.account;

import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.auth.TokenService;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.storage.UserRepository;
import io.picshare.schema.id.IdGenerator;
import io.picshare.schema.key.UsernameRowKey;
import io.picshare.schema.record.UserRecord;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;

/** Signing up, logging in and reading profiles. Password hashing runs on a worker pool. */
public final class AccountService {
  public static final int MIN_PASSWORD_LENGTH = 8;
  public static final int MAX_PASSWORD_LENGTH = 128;

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final IdGenerator ids;
  private final Clock clock;
  private final WorkerExecutor hashing;

  public AccountService(UserRepository users, PasswordHasher hasher, TokenService tokens, IdGenerator ids,
      Clock clock, WorkerExecutor hashing) {
    this.users = users;
    this.hasher = hasher;
    this.tokens = tokens;
    this.ids = ids;
    this.clock = clock;
    this.hashing = hashing;
  }

  public Future<UserRecord> signUp(String username, String password) {
    if (username == null || !UsernameRowKey.isValid(username)) {
      return Future.failedFuture(PicShareException.invalid("username must be 3 to 30 letters, digits or underscores"));
    }
    if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
      return Future.failedFuture(PicShareException.invalid(
          "password must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters"));
    }
    return hashing.executeBlocking(() -> hasher.hash(password), false).compose(hash -> {
      UserRecord user = new UserRecord(ids.next(), username, hash, clock.millis());
      return users.create(user).map(user);
    });
  }

  public Future<Session> logIn(String username, String password) {
    if (username == null || password == null) {
      return Future.failedFuture(PicShareException.invalid("username and password are required"));
    }
    return users.findByUsername(username).compose(account -> hashing.executeBlocking(() -> {
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
    }, false));
  }

  public Future<UserAccount> profile(String username) {
    return users.findByUsername(username).map(account ->
        account.orElseThrow(() -> PicShareException.notFound("no user named '" + username + "'")));
  }

  private static PicShareException invalidCredentials() {
    return new PicShareException(ErrorCode.INVALID_CREDENTIALS, "wrong username or password");
  }
}
