package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import io.picshare.bench.SeedProgress.Phase;
import io.picshare.data.FollowStore.Follow;
import io.picshare.data.LikeStore.Like;
import io.picshare.data.PhotoRow;
import io.picshare.data.UserAccount;
import io.picshare.data.UserStore.Created;
import io.picshare.data.lease.WorkerIdLease;
import io.picshare.schema.id.IdGenerator;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.record.UserRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;

/**
 * Writes a {@link SocialGraph} into a running PicShare through the data-access stores, the way the
 * API's services write the same rows, phase by phase: users, photos (rows pointing into one HDFS
 * file of small JPEGs), follows (pairs, then both lists), the inboxes the fan-out would fill,
 * likes, and finally the counters, set with {@code Increment}s to what the graph says. Every write
 * is keyed by deterministic ids ({@link SeedIds}) and is a put-if-absent or an idempotent rewrite,
 * so a rerun after a crash, even {@code kill -9}, continues from the saved {@link SeedProgress} and
 * doubles nothing; the counters are set last, from the rows' current values, so they come out
 * exact. Each phase keeps a bounded number of multi-row batches in flight.
 *
 * <p>User 0 signs up over the API with the given password; its password hash (made by the API) is
 * reused for every other user, so all of them can log in over the API with that password.
 */
final class GraphSeeder {
  private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
  private static final int ATTEMPTS = 3;
  private static final int IMAGES = 64;
  private static final int IMAGE_BYTES = 16 * 1024;

  private final BenchCluster cluster;
  private final PicShareClient client;
  private final BenchSetup setup;
  private final String password;
  private final int batchesInFlight;
  private final PrintWriter out;
  private final Clock clock;

  GraphSeeder(
      BenchCluster cluster,
      PicShareClient client,
      BenchSetup setup,
      String password,
      int batchesInFlight,
      PrintWriter out,
      Clock clock) {
    this.cluster = requireNonNull(cluster, "cluster is null");
    this.client = requireNonNull(client, "client is null");
    this.setup = requireNonNull(setup, "setup is null");
    this.password = requireNonNull(password, "password is null");
    if (batchesInFlight < 1) {
      throw new IllegalArgumentException("batchesInFlight must be positive");
    }
    this.batchesInFlight = batchesInFlight;
    this.out = requireNonNull(out, "out is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Seeds {@code spec}, or continues an earlier run of it; returns the final progress. */
  SeedProgress seed(GraphSpec spec) throws InterruptedException {
    SeedProgressFile file = new SeedProgressFile(cluster.hdfs(), spec.seed());
    Optional<SeedProgress> earlier = file.read();
    if (earlier.isPresent() && !earlier.get().spec().equals(spec)) {
      throw new SetupException(
          "seed "
              + spec.seed()
              + " was started with other options ("
              + earlier.get().spec().describe()
              + "; "
              + file.path()
              + "); rerun with those, or choose another --seed");
    }
    long started = System.nanoTime();
    SocialGraph graph = SocialGraph.generate(spec);
    out.printf(
        Locale.ROOT,
        "Generated the graph in %.1f s: %s; most followers %,d; %,d celebrities (pulled at read"
            + " time); %,d inbox rows to fan out%n",
        (System.nanoTime() - started) / 1e9,
        spec.describe(),
        graph.maxFollowers(),
        graph.celebrities(),
        graph.inboxRows());
    setup.checkReady();
    UserRecord first = firstUser(spec);
    SeedProgress progress;
    if (earlier.isPresent()) {
      progress = earlier.get();
      out.println(
          "Resuming seed "
              + spec.seed()
              + " from "
              + file.path()
              + (progress.complete() ? " (complete; verifying only)" : "")
              + ": "
              + doneSoFar(progress));
    } else {
      long anchor = clock.millis() / 1000 * 1000;
      byte[] holder = ("seed-graph seed" + spec.seed()).getBytes(StandardCharsets.UTF_8);
      int workerId = WorkerIdLease.reserveUnused(cluster.leases, holder, anchor).join();
      progress = SeedProgress.start(spec, workerId, anchor);
      file.save(progress);
      out.printf(
          Locale.ROOT,
          "Seed %d: ids of worker %d dated before %s; progress in %s%n",
          spec.seed(),
          workerId,
          Instant.ofEpochMilli(anchor),
          file.path());
    }
    if (progress.images().isEmpty()) {
      progress = progress.withImages(writeImages(spec.seed()));
      file.save(progress);
    }
    Writes writes = new Writes(graph, progress, first);
    ScheduledExecutorService scheduler = DaemonThreads.scheduler("seed-progress");
    try {
      Checkpoints checkpoints = new Checkpoints(file, progress);
      for (Phase phase : Phase.values()) {
        if (!checkpoints.current().finished(phase)) {
          runPhase(phase, checkpoints, writes, scheduler);
        }
      }
      progress = checkpoints.current();
    } finally {
      scheduler.shutdownNow();
    }
    new SeedVerification(cluster, graph, writes::userId, progress.ids(), out).run();
    out.printf(
        Locale.ROOT,
        "Seed %d is complete (%.1f s this run). Log in as %s ... %s with the password given"
            + " (--password).%n",
        spec.seed(),
        (System.nanoTime() - started) / 1e9,
        spec.username(0),
        spec.username(spec.users() - 1));
    return progress;
  }

  private static String doneSoFar(SeedProgress progress) {
    List<String> parts = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      parts.add(
          String.format(
              Locale.ROOT,
              "%s %,d/%,d",
              phase.items(),
              progress.done(phase),
              phase.total(progress.spec())));
    }
    return String.join(", ", parts);
  }

  /**
   * User 0, signed up over the API (or found there on a rerun; the password must still match): its
   * record carries the API's password hash for the others to reuse.
   */
  private UserRecord firstUser(GraphSpec spec) {
    String username = spec.username(0);
    Reply signUp = setup.call("POST /v1/users", () -> client.signUp(username, password));
    if (signUp.status() != 201 && signUp.status() != 409) {
      throw BenchSetup.rejected("POST /v1/users", signUp);
    }
    Reply logIn = setup.call("POST /v1/sessions", () -> client.logIn(username, password));
    if (logIn.status() != 201) {
      throw new SetupException(
          "cannot log in as "
              + username
              + " with the given --password ("
              + logIn.status()
              + "); an earlier seed "
              + spec.seed()
              + " used another one");
    }
    return cluster
        .users
        .findByUsername(username)
        .join()
        .map(UserAccount::user)
        .orElseThrow(() -> new SetupException("user " + username + " is not in HBase"));
  }

  private SeedImages writeImages(long seed) {
    SeedImages.Built built = SeedImages.build(seed, IMAGES, IMAGE_BYTES);
    Path path = new Path(built.index().path());
    try (FSDataOutputStream stream = cluster.hdfs().create(path, true)) {
      stream.write(built.content());
      stream.hsync();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
    out.printf(
        Locale.ROOT,
        "Wrote %d JPEGs (%,d bytes) to %s%n",
        IMAGES,
        built.content().length,
        built.index().path());
    return built.index();
  }

  /** The saved progress, advanced phase by phase; saved on a timer and at each phase's end. */
  private static final class Checkpoints {
    private final SeedProgressFile file;
    private SeedProgress current;

    Checkpoints(SeedProgressFile file, SeedProgress current) {
      this.file = file;
      this.current = current;
    }

    synchronized SeedProgress current() {
      return current;
    }

    /** Saves {@code done} items of {@code phase}, never moving a phase backwards. */
    synchronized void save(Phase phase, long done) {
      if (done > current.done(phase)) {
        current = current.withDone(phase, done);
        file.save(current);
      }
    }
  }

  private void runPhase(
      Phase phase, Checkpoints checkpoints, Writes writes, ScheduledExecutorService scheduler)
      throws InterruptedException {
    GraphSpec spec = checkpoints.current().spec();
    long total = phase.total(spec);
    long start = checkpoints.current().done(phase);
    int batchSize = writes.batchSize(phase);
    CompletionCursor cursor = new CompletionCursor(start);
    InFlightLimiter limiter = new InFlightLimiter(batchesInFlight);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    PhaseMeter meter = new PhaseMeter(phase.items(), total, start, System.nanoTime());
    out.printf(
        Locale.ROOT,
        "%s: %,d of %,d to write, %d batches of %,d in flight%n",
        phase.items(),
        total - start,
        total,
        batchesInFlight,
        batchSize);
    ScheduledFuture<?> ticker =
        scheduler.scheduleAtFixedRate(
            () -> {
              long done = cursor.done();
              checkpoints.save(phase, done);
              out.println(meter.line(done, System.nanoTime()));
              out.flush();
            },
            CHECKPOINT_INTERVAL.toNanos(),
            CHECKPOINT_INTERVAL.toNanos(),
            TimeUnit.NANOSECONDS);
    try {
      for (long from = start; from < total && failure.get() == null; from += batchSize) {
        long batchStart = from;
        long batchEnd = Math.min(total, from + batchSize);
        limiter.start(
            () ->
                withRetries(() -> writes.write(phase, batchStart, batchEnd), ATTEMPTS)
                    .whenComplete(
                        (written, error) -> {
                          if (error == null) {
                            cursor.finished(batchStart, batchEnd);
                          } else {
                            failure.compareAndSet(null, error);
                          }
                        }));
      }
      if (!limiter.awaitIdle(Duration.ofMinutes(10))) {
        failure.compareAndSet(
            null, new IllegalStateException("batches still running after 10 min"));
      }
    } finally {
      ticker.cancel(false);
    }
    checkpoints.save(phase, cursor.done());
    if (failure.get() != null) {
      throw new SetupException(
          phase.items()
              + " failed after "
              + ATTEMPTS
              + " attempts of a batch ("
              + Outcome.unwrap(failure.get())
              + "); progress is saved: rerun the same command to continue");
    }
    out.println(meter.summary(cursor.done(), System.nanoTime()));
    String note = writes.note(phase);
    if (!note.isEmpty()) {
      out.println("  " + note);
    }
  }

  private static CompletableFuture<Void> withRetries(
      Supplier<CompletableFuture<Void>> attempt, int attemptsLeft) {
    CompletableFuture<Void> first;
    try {
      first = attempt.get();
    } catch (RuntimeException e) {
      first = CompletableFuture.failedFuture(e);
    }
    return first
        .handle(
            (done, error) -> {
              if (error == null) {
                return CompletableFuture.<Void>completedFuture(null);
              }
              if (attemptsLeft <= 1 || Outcome.unwrap(error) instanceof SetupException) {
                return CompletableFuture.<Void>failedFuture(error);
              }
              return CompletableFuture.runAsync(
                      () -> {}, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
                  .thenCompose(waited -> withRetries(attempt, attemptsLeft - 1));
            })
        .thenCompose(next -> next);
  }

  /** The writes of each phase, for one batch of its items {@code [from, to)}. */
  private final class Writes {
    private final SocialGraph graph;
    private final SeedIds ids;
    private final SeedImages images;
    private final UserRecord first;
    private final AtomicLong followsStandingElsewhere = new AtomicLong();
    private final AtomicLong likesStandingElsewhere = new AtomicLong();
    private final AtomicLong countsCorrected = new AtomicLong();

    Writes(SocialGraph graph, SeedProgress progress, UserRecord first) {
      this.graph = graph;
      this.ids = progress.ids();
      this.images = progress.images().orElseThrow();
      this.first = first;
    }

    long userId(int index) {
      return index == 0 ? first.userId() : ids.userId(index);
    }

    int batchSize(Phase phase) {
      return switch (phase) {
        case USERS, PHOTOS -> 100;
        case FOLLOWS, LIKES -> 1_000;
        case INBOXES -> 20;
        case COUNTS -> 200;
      };
    }

    CompletableFuture<Void> write(Phase phase, long from, long to) {
      return switch (phase) {
        case USERS -> users((int) from, (int) to);
        case PHOTOS -> photos((int) from, (int) to);
        case FOLLOWS -> follows(from, to);
        case INBOXES -> inboxes((int) from, (int) to);
        case LIKES -> likes(from, to);
        case COUNTS -> counts(from, to);
      };
    }

    String note(Phase phase) {
      return switch (phase) {
        case FOLLOWS ->
            followsStandingElsewhere.get() == 0
                ? ""
                : followsStandingElsewhere.get()
                    + " pairs already followed with another edge (kept as they were)";
        case LIKES ->
            likesStandingElsewhere.get() == 0
                ? ""
                : likesStandingElsewhere.get() + " likes already stood with another id (kept)";
        case COUNTS -> countsCorrected.get() + " counter rows set with an Increment";
        default -> "";
      };
    }

    private CompletableFuture<Void> users(int from, int to) {
      List<CompletableFuture<Void>> creates = new ArrayList<>();
      for (int i = Math.max(1, from); i < to; i++) {
        long id = ids.userId(i);
        UserRecord user =
            new UserRecord(
                id,
                graph.spec().username(i),
                first.passwordHash(),
                IdGenerator.timestampMillis(id));
        creates.add(
            cluster
                .users
                .create(user)
                .thenAccept(
                    created -> {
                      if (created != Created.CREATED) {
                        throw new SetupException(
                            "cannot create "
                                + user.username()
                                + " ("
                                + created
                                + "): another account holds that name or id; use another --seed");
                      }
                    }));
      }
      return all(creates);
    }

    private PhotoRecord photo(int p) {
      SeedImages.Image image = images.imageOf(p);
      return new PhotoRecord(
          ids.photoId(p),
          userId(graph.photoOwner(p)),
          "seed photo " + p,
          "image/jpeg",
          image.length(),
          image.width(),
          image.height(),
          1,
          null,
          null,
          image.sha256(),
          new BlobLocation(images.path(), image.offset(), image.length()),
          ids.photoCreatedAt(p));
    }

    private CompletableFuture<Void> photos(int from, int to) {
      List<CompletableFuture<Void>> inserts = new ArrayList<>();
      for (int p = from; p < to; p++) {
        PhotoRecord photo = photo(p);
        inserts.add(
            cluster
                .photos
                .insertLookupIfAbsent(photo)
                .thenCompose(
                    inserted ->
                        inserted
                            ? CompletableFuture.completedFuture(true)
                            : cluster
                                .photos
                                .ownerOf(photo.photoId())
                                .thenApply(
                                    owner ->
                                        owner.isPresent() && owner.getAsLong() == photo.ownerId()))
                .thenCompose(
                    ours -> {
                      if (!ours) {
                        throw new SetupException(
                            "photo id " + photo.photoId() + " belongs to another photo");
                      }
                      return cluster.photos.insertRowIfAbsent(photo);
                    })
                .thenAccept(
                    written -> {
                      if (!written) {
                        throw new SetupException(
                            "the row of photo " + photo.photoId() + " holds another photo");
                      }
                    }));
      }
      return all(inserts);
    }

    private CompletableFuture<Void> follows(long from, long to) {
      List<Follow> batch = new ArrayList<>((int) (to - from));
      for (long k = from; k < to; k++) {
        int index = (int) k;
        batch.add(
            new Follow(
                userId(graph.follower(index)), userId(graph.followee(index)), ids.edgeId(k)));
      }
      return cluster
          .follows
          .followAll(batch)
          .thenCompose(
              standing -> {
                List<Follow> ours = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                  if (standing.get(i)) {
                    ours.add(batch.get(i));
                  } else {
                    followsStandingElsewhere.incrementAndGet();
                  }
                }
                return cluster.follows.addAllToLists(ours);
              });
    }

    private CompletableFuture<Void> inboxes(int from, int to) {
      List<CompletableFuture<Void>> fanOut = new ArrayList<>();
      for (int p = from; p < to; p++) {
        if (!graph.fannedOut(p)) {
          continue;
        }
        int owner = graph.photoOwner(p);
        List<Long> followers = new ArrayList<>();
        for (int follower : graph.followers(owner)) {
          followers.add(userId(follower));
        }
        fanOut.add(cluster.feeds.addToInboxes(followers, ids.photoId(p), userId(owner)));
      }
      return all(fanOut);
    }

    private CompletableFuture<Void> likes(long from, long to) {
      List<Like> batch = new ArrayList<>((int) (to - from));
      for (long j = from; j < to; j++) {
        int index = (int) j;
        batch.add(
            new Like(
                ids.photoId(graph.likePhoto(index)), userId(graph.likeUser(index)), ids.likeId(j)));
      }
      return cluster
          .likes
          .likeAll(batch)
          .thenAccept(
              standing ->
                  likesStandingElsewhere.addAndGet(
                      standing.stream().filter(stands -> !stands).count()));
    }

    /** Items {@code [0, users)} are users, the rest photos. */
    private CompletableFuture<Void> counts(long from, long to) {
      int users = graph.spec().users();
      List<CompletableFuture<Void>> corrections = new ArrayList<>();
      for (long item = from; item < Math.min(to, users); item++) {
        int index = (int) item;
        long id = userId(index);
        corrections.add(
            cluster
                .users
                .findById(id)
                .thenCompose(
                    account -> {
                      UserAccount found =
                          account.orElseThrow(
                              () -> new SetupException("user " + id + " is not in HBase"));
                      long photos = graph.photoCount(index) - found.photoCount();
                      long followers = graph.followerCount(index) - found.followerCount();
                      long following = graph.followingCount(index) - found.followingCount();
                      if (photos == 0 && followers == 0 && following == 0) {
                        return CompletableFuture.completedFuture(null);
                      }
                      countsCorrected.incrementAndGet();
                      return cluster.users.addToCounts(id, photos, followers, following);
                    }));
      }
      int firstPhoto = (int) Math.max(0, from - users);
      int endPhoto = (int) Math.max(0, to - users);
      if (endPhoto > firstPhoto) {
        List<UserPhotoRowKey> keys = new ArrayList<>();
        for (int p = firstPhoto; p < endPhoto; p++) {
          keys.add(new UserPhotoRowKey(userId(graph.photoOwner(p)), ids.photoId(p)));
        }
        corrections.add(
            cluster
                .photos
                .findAll(keys)
                .thenCompose(
                    rows -> {
                      List<CompletableFuture<Void>> increments = new ArrayList<>();
                      for (int i = 0; i < rows.size(); i++) {
                        int p = firstPhoto + i;
                        PhotoRow row =
                            rows.get(i)
                                .orElseThrow(
                                    () -> new SetupException("photo " + p + " is not in HBase"));
                        long delta = graph.likeCount(p) - row.likeCount();
                        if (delta != 0) {
                          countsCorrected.incrementAndGet();
                          increments.add(cluster.photos.addToLikeCount(row.record(), delta));
                        }
                      }
                      return all(increments);
                    }));
      }
      return all(corrections);
    }
  }

  static CompletableFuture<Void> all(List<CompletableFuture<Void>> futures) {
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
  }
}
