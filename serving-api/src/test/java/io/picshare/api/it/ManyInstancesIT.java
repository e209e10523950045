package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.api.PicShareApi;
import io.picshare.data.IdempotencyStore;
import io.picshare.data.LeaseStore;
import io.picshare.data.PhotoRow;
import io.picshare.data.UserStore;
import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.hbase.HBaseIdempotencyStore;
import io.picshare.data.hbase.HBaseLeaseStore;
import io.picshare.data.hbase.HBasePhotoStore;
import io.picshare.data.hbase.HBaseUserStore;
import io.picshare.data.lease.LeaseHolder;
import io.picshare.data.lease.WorkerIdLease;
import io.picshare.data.repair.PhotoRepair;
import io.picshare.schema.id.IdGenerator;
import io.picshare.schema.id.IdsUnavailableException;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.key.OutboxRowKey;
import io.picshare.schema.key.UserRowKey;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.record.UserRecord;
import io.picshare.schema.table.OutboxDeadLettersTable;
import io.picshare.schema.table.OutboxTable;
import io.picshare.schema.table.UsersTable;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What must hold with many API instances at once: leased worker ids, put-if-absent rows, fenced
 * idempotency keys, deletes that happen once, a relay that one bad entry cannot stop, and the
 * repair path for counters and interrupted deletions. Against the real HBase and Kafka.
 */
@ExtendWith(LocalStackExtension.class)
class ManyInstancesIT {
  private static final String PASSWORD = "correct horse battery staple";

  @Test
  void instancesStartedTogetherLeaseDistinctWorkerIdsAndStampTheirIdsWithThem(StackEndpoints stack)
      throws Exception {
    try (PicShareApi first =
            PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
        PicShareApi second =
            PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS)) {
      assertThat(first.workerId()).isNotEqualTo(second.workerId());
      for (PicShareApi api : List.of(first, second)) {
        ApiClient client = new ApiClient(api.port());
        String id =
            json(client.upload(client.newUserToken("lease"), TestPhotos.jpeg(40, 30, 1), "leased"))
                .getString("id");
        assertThat(IdGenerator.workerId(PublicIds.decode(id).getAsLong()))
            .isEqualTo(api.workerId());
      }
    }
  }

  @Test
  void aLapsedWorkerLeaseIssuesNoIdsAndItsNextHolderNeverReissuesOne(StackEndpoints stack)
      throws Exception {
    try (HBaseConnection hbase = StackConfigs.hbase(stack)) {
      LeaseStore store = new HBaseLeaseStore(hbase);
      WorkerIdLease lapsing =
          WorkerIdLease.acquire(
                  store,
                  new LeaseHolder(
                      store, Clock.systemUTC(), Duration.ofSeconds(2), Duration.ofSeconds(1)))
              .get(30, TimeUnit.SECONDS);
      IdGenerator ids = new IdGenerator(lapsing, Clock.systemUTC());
      long last = ids.next();

      Thread.sleep(2_500); // no renewal: the lease lapses
      assertThatThrownBy(ids::next).isInstanceOf(IdsUnavailableException.class);

      // Another instance whose clock is an hour behind takes the expired worker id over.
      Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
      LeaseHolder thief =
          new LeaseHolder(store, Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofSeconds(10));
      LeaseHolder.Held taken =
          thief
              .tryAcquire("worker/" + String.format("%04d", lapsing.workerId()), 30_000)
              .get(30, TimeUnit.SECONDS)
              .orElseThrow();
      IdGenerator successor =
          new IdGenerator(
              () ->
                  new io.picshare.schema.id.IdGrant(
                      lapsing.workerId(),
                      taken.previousReservedUntilMillis(),
                      taken.lease().reservedUntilMillis(),
                      taken.safeUntilNanos()),
              behind);
      assertThat(successor.next()).isGreaterThan(last);

      // The first holder's renewal finds its lease gone and leases another worker id instead.
      lapsing.renew().get(30, TimeUnit.SECONDS);
      assertThat(lapsing.workerId()).isNotEqualTo(IdGenerator.workerId(last));
      assertThat(IdGenerator.workerId(ids.next())).isEqualTo(lapsing.workerId());
    }
  }

  @Test
  void rowsThatMustNotBeOverwrittenAreWrittenOnlyIfAbsent(StackEndpoints stack) throws Exception {
    try (HBaseConnection hbase = StackConfigs.hbase(stack)) {
      HBasePhotoStore photos = new HBasePhotoStore(hbase);
      long photoId = Math.abs(UUID.randomUUID().getMostSignificantBits() >>> 1);
      PhotoRecord mine = photo(photoId, 1);
      assertThat(photos.insertLookupIfAbsent(mine).get()).isTrue();
      assertThat(photos.insertLookupIfAbsent(photo(photoId, 2)).get()).isFalse();
      assertThat(photos.ownerOf(photoId).get().getAsLong()).isEqualTo(1);
      assertThat(photos.insertRowIfAbsent(mine).get()).isTrue();
      assertThat(photos.insertRowIfAbsent(mine).get())
          .as("the same write again (a retry after a lost reply) is this photo's own row")
          .isTrue();
      PhotoRecord another =
          new PhotoRecord(
              photoId,
              1,
              "other",
              "image/jpeg",
              1,
              1,
              1,
              1,
              null,
              null,
              "11".repeat(32),
              mine.location(),
              2);
      assertThat(photos.insertRowIfAbsent(another).get()).isFalse();
      assertThat(photos.find(1, photoId).get()).contains(new PhotoRow(mine, 0));

      HBaseUserStore users = new HBaseUserStore(hbase);
      long userId = Math.abs(UUID.randomUUID().getLeastSignificantBits() >>> 1);
      String taken = "u" + Long.toHexString(userId).substring(0, 8);
      String other = "v" + Long.toHexString(userId).substring(0, 8);
      assertThat(users.create(new UserRecord(userId, taken, "hash", 1)).get())
          .isEqualTo(UserStore.Created.CREATED);
      assertThat(users.create(new UserRecord(userId + 1, taken, "hash", 1)).get())
          .isEqualTo(UserStore.Created.USERNAME_TAKEN);
      assertThat(users.create(new UserRecord(userId, other, "hash", 1)).get())
          .isEqualTo(UserStore.Created.ID_TAKEN);
      assertThat(users.findById(userId).get().orElseThrow().user().username()).isEqualTo(taken);
      assertThat(users.findByUsername(other).get())
          .as("the colliding sign-up released its username")
          .isEmpty();
    }
  }

  @Test
  void idempotencyWritesWhoseRepliesWereLostAreRecognisedAndNoClockHidesAClaim(StackEndpoints stack)
      throws Exception {
    try (HBaseConnection hbase = StackConfigs.hbase(stack)) {
      long userId = Math.abs(UUID.randomUUID().getMostSignificantBits() >>> 1);
      byte[] fingerprint = fingerprint("t", new byte[] {1});
      IdempotencyStore store = new HBaseIdempotencyStore(hbase, Clock.systemUTC());
      // A claim the HBase client retried after its first try landed finds its own token.
      IdempotencyStore.Claim first = claim(userId, "lost-reply", 1, 11);
      assertThat(store.claim(first, fingerprint).get())
          .isInstanceOf(IdempotencyStore.Outcome.Acquired.class);
      assertThat(store.claim(first, fingerprint).get())
          .isInstanceOf(IdempotencyStore.Outcome.Acquired.class);
      assertThat(store.claim(claim(userId, "lost-reply", 2, 12), fingerprint).get())
          .isInstanceOf(IdempotencyStore.Outcome.Pending.class);

      // Released by one instance, then claimed and completed by another whose clock is behind
      // the region server's: neither a delete marker nor an older timestamp may hide that claim.
      assertThat(store.release(first).get()).isTrue();
      IdempotencyStore lagging =
          new HBaseIdempotencyStore(hbase, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-5)));
      IdempotencyStore.Claim second = claim(userId, "lost-reply", 3, 13);
      assertThat(lagging.claim(second, fingerprint).get())
          .isInstanceOf(IdempotencyStore.Outcome.Acquired.class);
      assertThat(lagging.complete(second, 13).get()).as("the claim is visible").isTrue();
      assertThat(store.release(first).get()).as("a released claim stays released").isFalse();
      assertThat(store.claim(claim(userId, "lost-reply", 4, 14), fingerprint).get())
          .isEqualTo(new IdempotencyStore.Outcome.Completed(13));
      assertThat(store.release(second).get()).isTrue();
      assertThat(store.claim(claim(userId, "lost-reply", 5, 15), fingerprint).get())
          .as("a completed key is never freed")
          .isEqualTo(new IdempotencyStore.Outcome.Completed(13));
    }
  }

  private static IdempotencyStore.Claim claim(long userId, String key, int token, long photoId) {
    byte[] bytes = new byte[16];
    bytes[0] = (byte) token;
    return new IdempotencyStore.Claim(userId, key, bytes, photoId);
  }

  @Test
  void concurrentUploadsWithOneKeyMakeOnePhoto(StackEndpoints stack) throws Exception {
    try (PicShareApi first =
            PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
        PicShareApi second =
            PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS)) {
      Account account = Account.signUp(new ApiClient(first.port()), "onekey");
      byte[] photo = TestPhotos.jpeg(200, 150, 7);
      List<Callable<HttpResponse<byte[]>>> attempts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ApiClient client = new ApiClient((i % 2 == 0 ? first : second).port());
        attempts.add(
            () ->
                client.upload(
                    account.token(), photo, "one key", Map.of("Idempotency-Key", "same-key")));
      }
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<String> ids = new ArrayList<>();
      for (Future<HttpResponse<byte[]>> attempt : pool.invokeAll(attempts)) {
        HttpResponse<byte[]> response = attempt.get();
        assertThat(response.statusCode()).as(text(response)).isIn(201, 409);
        if (response.statusCode() == 201) {
          ids.add(json(response).getString("id"));
        }
      }
      pool.shutdown();
      assertThat(ids).isNotEmpty();
      assertThat(ids.stream().distinct()).hasSize(1);
      assertThat(account.listedIds(new ApiClient(first.port()))).containsExactly(ids.get(0));
    }
  }

  @Test
  void aRetryTakesOverAKeyAbandonedByACrashAndTheOldAttemptCanNeitherCompleteNorRelease(
      StackEndpoints stack) throws Exception {
    try (PicShareApi api = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
        HBaseConnection hbase = StackConfigs.hbase(stack)) {
      ApiClient client = new ApiClient(api.port());
      Account account = Account.signUp(client, "takeover");
      byte[] photo = TestPhotos.jpeg(120, 90, 8);
      // An attempt claimed the key three minutes ago and crashed before storing anything.
      IdempotencyStore crashed =
          new HBaseIdempotencyStore(hbase, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-3)));
      IdempotencyStore.Claim abandoned =
          new IdempotencyStore.Claim(account.userId(), "crashed-key", new byte[16], 42);
      assertThat(crashed.claim(abandoned, fingerprint("taken over", photo)).get())
          .isInstanceOf(IdempotencyStore.Outcome.Acquired.class);

      HttpResponse<byte[]> retry =
          client.upload(
              account.token(), photo, "taken over", Map.of("Idempotency-Key", "crashed-key"));
      assertThat(retry.statusCode()).as(text(retry)).isEqualTo(201);
      String id = json(retry).getString("id");

      assertThat(crashed.complete(abandoned, 42).get())
          .as("a stale attempt cannot complete the key")
          .isFalse();
      assertThat(crashed.release(abandoned).get()).as("nor release it").isFalse();
      HttpResponse<byte[]> again =
          client.upload(
              account.token(), photo, "taken over", Map.of("Idempotency-Key", "crashed-key"));
      assertThat(again.statusCode()).isEqualTo(201);
      assertThat(json(again).getString("id")).isEqualTo(id);
      assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
      assertThat(account.listedIds(client)).containsExactly(id);
    }
  }

  @Test
  void aPhotoCommittedByAnAttemptWhoseCompletionWasLostIsReplayedNotCreatedAgain(
      StackEndpoints stack) throws Exception {
    try (PicShareApi api = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
        HBaseConnection hbase = StackConfigs.hbase(stack)) {
      ApiClient client = new ApiClient(api.port());
      Account account = Account.signUp(client, "lostack");
      byte[] photo = TestPhotos.jpeg(120, 90, 9);
      String id = json(client.upload(account.token(), photo, "committed")).getString("id");
      // The attempt that created it claimed a key just now and died after its commit, before
      // completing.
      IdempotencyStore store = new HBaseIdempotencyStore(hbase, Clock.systemUTC());
      store
          .claim(
              new IdempotencyStore.Claim(
                  account.userId(), "lost-ack", new byte[16], PublicIds.decode(id).getAsLong()),
              fingerprint("committed", photo))
          .get();

      HttpResponse<byte[]> retry =
          client.upload(account.token(), photo, "committed", Map.of("Idempotency-Key", "lost-ack"));

      assertThat(retry.statusCode()).as(text(retry)).isEqualTo(201);
      assertThat(json(retry).getString("id")).isEqualTo(id);
      assertThat(account.listedIds(client)).containsExactly(id);
    }
  }

  @Test
  void concurrentDeletesOfOnePhotoDeleteItOncePublishOneEventAndDecrementOnce(StackEndpoints stack)
      throws Exception {
    try (PicShareApi first =
            PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
        PicShareApi second =
            PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS)) {
      ApiClient client = new ApiClient(first.port());
      Account account = Account.signUp(client, "delonce");
      String keep =
          json(client.upload(account.token(), TestPhotos.jpeg(60, 40, 10), "keep")).getString("id");
      String id =
          json(client.upload(account.token(), TestPhotos.jpeg(60, 40, 11), "delete me"))
              .getString("id");
      List<Callable<Integer>> deletes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ApiClient deleter = new ApiClient((i % 2 == 0 ? first : second).port());
        deletes.add(() -> deleter.delete("/v1/photos/" + id, account.token()).statusCode());
      }
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> status : pool.invokeAll(deletes)) {
        statuses.add(status.get());
      }
      pool.shutdown();

      assertThat(statuses).containsOnlyOnce(204).containsOnly(204, 404);
      assertThat(json(client.get("/v1/users/" + account.username())).getLong("photo_count"))
          .isEqualTo(1);
      assertThat(account.listedIds(client)).containsExactly(keep);
      first.relayOutbox().await(60, TimeUnit.SECONDS);
      second.relayOutbox().await(60, TimeUnit.SECONDS);
      assertThat(eventsFor(stack, "photo-deleted", id, Duration.ofSeconds(5))).hasSize(1);
    }
  }

  @Test
  void entriesTheRelayCannotPublishAreMovedAsideAndDoNotStopTheOthers(StackEndpoints stack)
      throws Exception {
    try (PicShareApi api = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
        HBaseConnection hbase = StackConfigs.hbase(stack)) {
      byte[] garbled = Bytes.toBytes("not-an-outbox-key");
      byte[] unknownType = new OutboxRowKey(12345, 67890).encode();
      List<Put> bad =
          List.of(
              new Put(garbled)
                  .addColumn(OutboxTable.EVENT, OutboxTable.TOPIC, Bytes.toBytes("photo-uploaded")),
              new Put(unknownType)
                  .addColumn(
                      OutboxTable.EVENT, OutboxTable.TOPIC, Bytes.toBytes("photo-teleported"))
                  .addColumn(OutboxTable.EVENT, OutboxTable.KEY, Bytes.toBytes("x"))
                  .addColumn(OutboxTable.EVENT, OutboxTable.PAYLOAD, Bytes.toBytes("{}"))
                  .addColumn(
                      OutboxTable.EVENT,
                      OutboxTable.CREATED_AT,
                      Bytes.toBytes(System.currentTimeMillis())));
      hbase.get().get().getTable(OutboxTable.NAME).putAll(bad).get();
      ApiClient client = new ApiClient(api.port());
      String id =
          json(client.upload(
                  client.newUserToken("dead"), TestPhotos.jpeg(60, 40, 12), "after bad ones"))
              .getString("id");

      api.relayOutbox().await(60, TimeUnit.SECONDS);

      assertThat(eventsFor(stack, "photo-uploaded", id, Duration.ofSeconds(2))).hasSize(1);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline
          && hbase.get().get().getTable(OutboxTable.NAME).exists(new Get(unknownType)).get()) {
        Thread.sleep(100); // the pass that published the event moves the bad rows aside alongside
      }
      for (byte[] row : List.of(garbled, unknownType)) {
        assertThat(hbase.get().get().getTable(OutboxTable.NAME).exists(new Get(row)).get())
            .isFalse();
        assertThat(
                Bytes.toString(
                    hbase
                        .get()
                        .get()
                        .getTable(OutboxDeadLettersTable.NAME)
                        .get(new Get(row))
                        .get()
                        .getValue(OutboxDeadLettersTable.EVENT, OutboxDeadLettersTable.REASON)))
            .isNotBlank();
      }
      assertThat(text(new ApiClient(api.adminPort()).get("/metrics")))
          .containsPattern("picshare_outbox_dead_letters_total\\{role=\"all\"} [2-9]");
    }
  }

  @Test
  void theRepairFinishesInterruptedDeletionsAndRecomputesPhotoCounts(StackEndpoints stack)
      throws Exception {
    try (PicShareApi api = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
        HBaseConnection hbase = StackConfigs.hbase(stack)) {
      ApiClient client = new ApiClient(api.port());
      Account account = Account.signUp(client, "repair");
      String kept =
          json(client.upload(account.token(), TestPhotos.jpeg(60, 40, 13), "kept")).getString("id");
      String interrupted =
          json(client.upload(account.token(), TestPhotos.jpeg(60, 40, 14), "interrupted"))
              .getString("id");
      HBasePhotoStore photos = new HBasePhotoStore(hbase);
      PhotoRecord record =
          photos.find(PublicIds.decode(interrupted).getAsLong()).get().orElseThrow().record();
      assertThat(photos.markDeleted(record, 99).get())
          .isTrue(); // the deleting process died right after its mark
      hbase
          .get()
          .get()
          .getTable(UsersTable.NAME)
          .put(
              new Put(new UserRowKey(account.userId()).encode())
                  .addColumn(UsersTable.COUNTERS, UsersTable.PHOTO_COUNT, Bytes.toBytes(7L)))
          .get();

      PhotoRepair.Report report = new PhotoRepair(hbase).run();

      assertThat(report.deletionsFinished()).isGreaterThanOrEqualTo(1);
      assertThat(report.countsCorrected()).isGreaterThanOrEqualTo(1);
      assertThat(json(client.get("/v1/users/" + account.username())).getLong("photo_count"))
          .isEqualTo(1);
      assertThat(client.get("/v1/photos/" + interrupted).statusCode()).isEqualTo(404);
      assertThat(account.listedIds(client)).containsExactly(kept);
      assertThat(new PhotoRepair(hbase).run().countsCorrected())
          .as("a second repair finds nothing to fix")
          .isZero();
    }
  }

  private static PhotoRecord photo(long photoId, long ownerId) {
    return new PhotoRecord(
        photoId,
        ownerId,
        "t",
        "image/jpeg",
        1,
        1,
        1,
        1,
        null,
        null,
        "00".repeat(32),
        io.picshare.schema.record.BlobLocation.wholeFile("/x/" + photoId, 1),
        1);
  }

  /** The upload fingerprint: SHA-256 of the title, a zero byte and the SHA-256 of the bytes. */
  private static byte[] fingerprint(String title, byte[] photo) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update(title.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(MessageDigest.getInstance("SHA-256").digest(photo));
    return digest.digest();
  }

  /**
   * The events for {@code photoId} on {@code topic}: polls until one arrives (at most 45 s: a relay
   * lease left by a killed instance of an earlier test lapses within 30 s), then for {@code settle}
   * more, so a duplicate would be seen too.
   */
  private static List<JsonObject> eventsFor(
      StackEndpoints stack, String topic, String photoId, Duration settle) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.kafkaBootstrap(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "many-it-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<JsonObject> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (photoId.equals(record.key())) {
            found.add(new JsonObject(new String(record.value(), StandardCharsets.UTF_8)));
            deadline = Math.min(deadline, System.nanoTime() + settle.toNanos());
          }
        }
      }
    }
    return found;
  }

  /** A signed-up user: name, id and token. */
  private record Account(String username, long userId, String token) {
    static Account signUp(ApiClient client, String prefix) throws Exception {
      String username = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
      HttpResponse<byte[]> signUp =
          client.postJson(
              "/v1/users",
              new JsonObject().put("username", username).put("password", PASSWORD).encode());
      assertThat(signUp.statusCode()).as(text(signUp)).isEqualTo(201);
      return new Account(
          username,
          PublicIds.decode(json(signUp).getString("id")).getAsLong(),
          client.logIn(username));
    }

    List<String> listedIds(ApiClient client) throws Exception {
      List<String> ids = new ArrayList<>();
      json(client.get("/v1/users/" + username + "/photos?limit=100"))
          .getJsonArray("items")
          .forEach(item -> ids.add(((JsonObject) item).getString("id")));
      return ids;
    }
  }
}
