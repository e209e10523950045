package io.picshare.batch.storage;

import io.picshare.schema.blob.VolumePaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StorageType;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.ErasureCodingPolicy;
import org.apache.hadoop.hdfs.protocol.ErasureCodingPolicyInfo;
import org.apache.hadoop.hdfs.protocol.ErasureCodingPolicyState;
import org.apache.hadoop.hdfs.protocol.HdfsConstants.DatanodeReportType;
import org.apache.hadoop.hdfs.server.protocol.DatanodeStorageReport;
import org.apache.hadoop.hdfs.server.protocol.StorageReport;
import org.apache.hadoop.security.AccessControlException;

/**
 * The cold tier's two directories ({@link VolumePaths#PENDING_COLD}, {@link VolumePaths#COLD}): an
 * erasure-coding policy (1.5 raw bytes per byte with {@code XOR-2-1} or {@code RS-6-3} instead of
 * replication's 3) and, where the cluster has {@code ARCHIVE} storage, the {@code COLD} storage
 * policy (every block on it). HDFS erasure-codes a file only if it is created in such a directory,
 * so cold volumes are written there, never converted in place; small photo files never go there.
 */
final class ColdTier {
  /** The configuration key of the default erasure-coding policy ({@code --ec-policy}). */
  static final String EC_POLICY_KEY = "picshare.cold.ec-policy";

  /** Production's: six data and three parity cells, any three DataNodes may be lost. */
  static final String DEFAULT_EC_POLICY = "RS-6-3-1024k";

  static final String STORAGE_POLICY = "COLD";

  private ColdTier() {}

  /**
   * Gives both directories their policies (enabling {@code ecPolicy} on the cluster first if need
   * be); returns what was set, one line each. Fails if the cluster cannot hold files of that
   * policy: too few DataNodes, an unknown policy, or no right to enable it.
   */
  static List<String> prepare(FileSystem fs, String ecPolicy) throws IOException {
    if (!(fs instanceof DistributedFileSystem dfs)) {
      throw new IOException("the cold tier needs HDFS (erasure coding), not " + fs.getUri());
    }
    ErasureCodingPolicyInfo known =
        dfs.getAllErasureCodingPolicies().stream()
            .filter(info -> info.getPolicy().getName().equals(ecPolicy))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the cluster knows no erasure-coding policy " + ecPolicy));
    ErasureCodingPolicy policy = known.getPolicy();
    int needed = policy.getNumDataUnits() + policy.getNumParityUnits();
    int live = dfs.getDataNodeStats(DatanodeReportType.LIVE).length;
    if (live < needed) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "erasure-coding policy %s needs %d DataNodes, the cluster has %d live: choose a"
                  + " smaller one with --ec-policy (XOR-2-1-1024k fits 3)",
              ecPolicy,
              needed,
              live));
    }
    List<String> done = new ArrayList<>();
    if (known.getState() != ErasureCodingPolicyState.ENABLED) {
      try {
        dfs.enableErasureCodingPolicy(ecPolicy);
      } catch (AccessControlException e) {
        throw new IOException(
            "erasure-coding policy "
                + ecPolicy
                + " is not enabled and enabling it needs an HDFS superuser: hdfs ec -enablePolicy"
                + " -policy "
                + ecPolicy,
            e);
      }
      done.add("enabled erasure-coding policy " + ecPolicy);
    }
    boolean archive = hasArchiveStorage(dfs);
    for (String directory : List.of(VolumePaths.PENDING_COLD, VolumePaths.COLD)) {
      Path path = new Path(directory);
      dfs.mkdirs(path);
      ErasureCodingPolicy current = dfs.getErasureCodingPolicy(path);
      if (current == null || !current.getName().equals(ecPolicy)) {
        dfs.setErasureCodingPolicy(path, ecPolicy);
        done.add(directory + ": erasure-coding policy " + ecPolicy);
      }
      if (archive && !dfs.getStoragePolicy(path).getName().equals(STORAGE_POLICY)) {
        dfs.setStoragePolicy(path, STORAGE_POLICY);
        done.add(directory + ": storage policy " + STORAGE_POLICY);
      }
    }
    if (!archive) {
      done.add("no DataNode has ARCHIVE storage: cold volumes are erasure-coded but stay on DISK");
    }
    return done;
  }

  /** Whether some live DataNode has a volume of storage type ARCHIVE. */
  private static boolean hasArchiveStorage(DistributedFileSystem dfs) throws IOException {
    for (DatanodeStorageReport node :
        dfs.getClient().getDatanodeStorageReport(DatanodeReportType.LIVE)) {
      for (StorageReport storage : node.getStorageReports()) {
        if (storage.getStorage().getStorageType() == StorageType.ARCHIVE) {
          return true;
        }
      }
    }
    return false;
  }
}
