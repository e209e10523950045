package io.picshare.api.storage;

import java.io.IOException;

/** A file was written but did not reach the required number of replicas in time. */
public final class UnderReplicatedException extends IOException {
  private static final long serialVersionUID = 1L;

  public UnderReplicatedException(String path, int replicas, int required) {
    super(path + " has " + replicas + " replicas, " + required + " required");
  }
}
