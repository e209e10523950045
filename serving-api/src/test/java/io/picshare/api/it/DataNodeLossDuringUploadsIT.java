package io.picshare.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.storage.HdfsBlobStore;
import io.picshare.schema.blob.PhotoPaths;
import io.picshare.schema.id.PublicIds;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.StackFaults;
import io.picshare.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.BlockLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A DataNode killed during concurrent uploads: with replication 3 on three DataNodes no upload can
 * reach its replicas while one is down, so the API refuses them (503) rather than acknowledge an
 * under-replicated photo; once the DataNode is back the clients' retries, with the same
 * Idempotency-Key, succeed, and every acknowledged photo is listed once and downloads
 * byte-identical (see {@link StorageFaultRun}). The DataNode is restarted (and its blocks
 * re-replicated) even if the test fails, since later tests share the stack.
 */
@ExtendWith(LocalStackExtension.class)
class DataNodeLossDuringUploadsIT {
  private static final int DATANODE = 1;
  private static final int REPLICATION = 3;
  private static final Duration OUTAGE = Duration.ofSeconds(15);

  @Test
  void uploadsAreRefusedWhileADataNodeIsDownAndRetriesSucceedAfterItsReturn(
      StackEndpoints stack, StackFaults faults) throws Exception {
    StorageFaultRun.run(
        stack,
        "DataNodeLossDuringUploadsIT",
        () -> faults.stopDataNode(DATANODE),
        (api, uploader) -> {
          Thread.sleep(OUTAGE.toMillis());
          // While the DataNode is still down: whatever was acknowledged so far has all its replicas
          // (a block written now could only be reported by the two live DataNodes).
          assertFullyReplicated(api.backends().blobs(), uploader.acknowledgedSoFar());
        },
        () -> faults.startDataNode(DATANODE),
        (api, run) -> {
          RetryingUploader.Outcome outcome = run.outcome();
          assertThat(outcome.unacknowledged()).as("photos never acknowledged").isEmpty();
          // Only uploads already under way at the kill (their bytes on all three) may be
          // acknowledged while it is down.
          assertThat(outcome.attemptsSentAndAcknowledgedBetween(run.faultAt(), run.repairAt()))
              .as("uploads sent and acknowledged while only two DataNodes were live")
              .isZero();
          assertThat(outcome.attemptsByOutcome())
              .as("uploads refused while a DataNode was down")
              .containsKey("503");
          assertThat(outcome.attemptsByOutcome().keySet())
              .as("only refusals the clients may retry")
              .allMatch(
                  status -> status.equals("201") || status.equals("503") || status.equals("409"));
          assertFullyReplicated(api.backends().blobs(), outcome.acknowledged());
        });
  }

  /**
   * Every block of each acknowledged photo's file is on {@link #REPLICATION} distinct DataNodes.
   */
  private static void assertFullyReplicated(
      HdfsBlobStore blobs, Collection<RetryingUploader.Acknowledged> acknowledged)
      throws Exception {
    for (RetryingUploader.Acknowledged photo : acknowledged) {
      String path = PhotoPaths.incoming(PublicIds.decode(photo.photoId()).orElseThrow(), "jpg");
      BlockLocation[] blocks = blobs.blockLocations(path).await(30, TimeUnit.SECONDS);
      assertThat(blocks).as(path).isNotEmpty();
      for (BlockLocation block : blocks) {
        assertThat(Arrays.stream(block.getNames()).distinct().count())
            .as(path + " replicas")
            .isEqualTo(REPLICATION);
      }
    }
  }
}
