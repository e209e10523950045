package io.picshare.api.domain.error;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Whether a failure means a backend is unavailable: HBase, HDFS, Kafka and Solr clients report
 * outages as I/O errors or timeouts somewhere in the cause chain. The client may retry.
 */
public final class BackendFailures {
  private BackendFailures() {}

  public static boolean unavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException || cause instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }
}
