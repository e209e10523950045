package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.api.config.ApiConfig;
import io.picshare.stack.StackEndpoints;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The flow of a storage fault test (DataNode loss, region server restart). A new user's photos are
 * uploaded by {@link RetryingUploader} clients through one API; once they are under way the fault
 * is injected, the test does what it does while the fault lasts, and the fault is repaired, even if
 * the test fails meanwhile, since later tests share the stack. The clients upload a little longer
 * on the repaired cluster, finish, and the run's counts are printed; the test checks the run with
 * that API still up. Then a fresh API instance, serving nothing from the uploading one's memory,
 * checks what every 201 promised: each acknowledged photo listed exactly once and downloading
 * byte-identical, and its key replaying to the same photo.
 */
final class StorageFaultRun {
  private static final int CLIENTS = 8;
  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(4);

  /** A fault or its repair; returns what it did, for the log. */
  @FunctionalInterface
  interface ClusterChange {
    String apply() throws Exception;
  }

  /** What a test does while the fault lasts (at least wait), with the uploading API and clients. */
  @FunctionalInterface
  interface WhileDown {
    void run(PicShareApi api, RetryingUploader uploader) throws Exception;
  }

  /** A test's checks of a finished run, with the uploading API still up. */
  @FunctionalInterface
  interface Checks {
    void check(PicShareApi api, Result result) throws Exception;
  }

  /**
   * What the clients did, and when ({@link System#nanoTime()}) the fault was injected and its
   * repair began.
   */
  record Result(RetryingUploader.Outcome outcome, long faultAt, long repairAt) {}

  private StorageFaultRun() {}

  /** Runs the flow above; {@code name} (the test's) heads the printed counts. */
  static void run(
      StackEndpoints stack,
      String name,
      ClusterChange fault,
      WhileDown whileDown,
      ClusterChange repair,
      Checks checks)
      throws Exception {
    String username = "fault_" + UUID.randomUUID().toString().substring(0, 8);
    RetryingUploader.Outcome outcome;
    try (PicShareApi api = PicShareApi.start(apiConfig(stack)).await(60, TimeUnit.SECONDS)) {
      ApiClient client = new ApiClient(api.port());
      client.signUp(username);
      String token = client.logIn(username);

      long faultAt;
      long repairAt;
      try (RetryingUploader uploader =
          RetryingUploader.clients(CLIENTS, client, token).giveUpAfter(GIVE_UP_AFTER).start()) {
        uploader.awaitAcknowledged(2 * CLIENTS, Duration.ofSeconds(60));
        int acknowledgedBeforeFault = uploader.acknowledgedCount();
        faultAt = System.nanoTime();
        System.out.println("fault: " + fault.apply());
        try {
          whileDown.run(api, uploader);
        } finally {
          repairAt = System.nanoTime();
          System.out.println("repair: " + repair.apply());
        }
        long repairedAt = System.nanoTime();
        // Retries of the photos that failed meanwhile now succeed; upload a little longer on a
        // whole cluster.
        Thread.sleep(5_000);
        uploader.awaitAcknowledged(uploader.acknowledgedCount() + CLIENTS, Duration.ofSeconds(120));
        outcome = uploader.finish();
        System.out.printf(
            "%s: fault %.1f s, repair %.1f s; acknowledged before the fault=%d, while it lasted=%d,"
                + " during the repair=%d; attempts in flight at the fault=%d; %s;"
                + " attempts by outcome %s%n",
            name,
            (repairAt - faultAt) / 1e9,
            (repairedAt - repairAt) / 1e9,
            acknowledgedBeforeFault,
            outcome.acknowledgedBetween(faultAt, repairAt),
            outcome.acknowledgedBetween(repairAt, repairedAt),
            outcome.attemptsInFlightAt(faultAt),
            outcome.summary(),
            outcome.attemptsByOutcome());
      }
      checks.check(api, new Result(outcome, faultAt, repairAt));
    }

    try (PicShareApi verifier = PicShareApi.start(apiConfig(stack)).await(60, TimeUnit.SECONDS)) {
      ApiClient client = new ApiClient(verifier.port());
      HttpResponse<byte[]> ready = client.get("/health/ready");
      assertThat(ready.statusCode())
          .as("the repaired stack is ready: " + ApiClient.text(ready))
          .isEqualTo(200);
      RetryingUploader.assertEachAcknowledgedPhotoListedOnceAndIntact(
          client, username, outcome.acknowledged());
      RetryingUploader.assertReplaysNameTheSamePhoto(
          client, client.logIn(username), outcome.acknowledged());
    }
  }

  /** All clients upload from one address, far past the default per-address rate limit. */
  private static ApiConfig apiConfig(StackEndpoints stack) {
    return StackConfigs.api(stack, Map.of("rate-limit-uploads-per-client-per-minute", "1000000"));
  }
}
