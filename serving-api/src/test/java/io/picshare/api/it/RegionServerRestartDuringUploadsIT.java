package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.stack.StackEndpoints;
import io.picshare.stack.StackFaults;
import io.picshare.stack.junit.LocalStackExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HBase region server killed during concurrent uploads (no region closed, no memstore flushed)
 * and a new one started: the photos' metadata acknowledged before the kill is recovered from the
 * write-ahead log, uploads stall or fail meanwhile, and the clients' retries with the same
 * Idempotency-Key succeed once the regions are back, never creating a second photo (see {@link
 * StorageFaultRun}). A region server is started again (and every region online) even if the test
 * fails, since later tests share the stack.
 */
@ExtendWith(LocalStackExtension.class)
class RegionServerRestartDuringUploadsIT {
  /**
   * Longer than the API's HBase operation timeout (30 s), so uploads fail and are retried, not only
   * stall.
   */
  private static final Duration DOWN_FOR = Duration.ofSeconds(35);

  @Test
  void acknowledgedUploadsSurviveARegionServerCrashAndRetriesSucceed(
      StackEndpoints stack, StackFaults faults) throws Exception {
    StorageFaultRun.run(
        stack,
        "RegionServerRestartDuringUploadsIT",
        faults::killRegionServer,
        (api, uploader) -> Thread.sleep(DOWN_FOR.toMillis()),
        faults::startRegionServer,
        (api, run) -> {
          RetryingUploader.Outcome outcome = run.outcome();
          assertThat(outcome.unacknowledged()).as("photos never acknowledged").isEmpty();
          assertThat(outcome.attemptsInFlightAt(run.faultAt()))
              .as("uploads in flight when the region server died")
              .isPositive();
          assertThat(outcome.retriedPhotos())
              .as("photos retried after a failure while HBase was down")
              .isPositive();
          assertThat(outcome.attemptsByOutcome().keySet())
              .as("HBase being down is a refusal to retry, never a 500")
              .doesNotContain("500");
        });
  }
}
