package io.picshare.stack.hadoop;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.StorageType;
import org.apache.hadoop.hbase.MiniHBaseCluster;
import org.apache.hadoop.hbase.ServerName;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.RegionInfo;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableState;
import org.apache.hadoop.hbase.master.HMaster;
import org.apache.hadoop.hbase.master.assignment.RegionStates;
import org.apache.hadoop.hbase.util.JVMClusterUtil.RegionServerThread;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.MiniDFSCluster.DataNodeProperties;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.apache.hadoop.hdfs.server.datanode.fsdataset.FsDatasetSpi;
import org.apache.hadoop.hdfs.server.datanode.fsdataset.FsVolumeSpi;
import org.apache.hadoop.hdfs.server.datanode.fsdataset.impl.FsVolumeImpl;
import org.apache.hadoop.hdfs.server.namenode.FSNamesystem;

/**
 * Faults injected into the running mini-cluster, and their repairs, for fault tests; and its growth
 * (a DataNode added, volumes capped) for balancer tests. A DataNode is named by its slot (0, 1, 2:
 * the order the cluster started them in; added ones after), which it keeps across a restart. Each
 * repair returns only once the cluster is whole again: every DataNode live with no block short of
 * its replicas, or a region server serving every region of every enabled table.
 */
final class ClusterFaults {
  private static final Duration REPAIR_TIMEOUT = Duration.ofMinutes(3);

  private final MiniDFSCluster dfs;
  private final MiniHBaseCluster hbase;
  private final StorageType[] volumeTypes;
  private final List<String> dataNodeAddresses = new ArrayList<>();
  private final Map<Integer, DataNodeProperties> stoppedDataNodes = new HashMap<>();
  private long volumeCapacity = -1;

  /** {@code volumeTypes}: the storage types of each DataNode's volumes, for added DataNodes. */
  ClusterFaults(MiniDFSCluster dfs, MiniHBaseCluster hbase, StorageType[] volumeTypes) {
    this.dfs = requireNonNull(dfs, "dfs is null");
    this.hbase = requireNonNull(hbase, "hbase is null");
    this.volumeTypes = volumeTypes.clone();
    for (DataNode dataNode : dfs.getDataNodes()) {
      dataNodeAddresses.add(dataNode.getDatanodeId().getXferAddr());
    }
  }

  /**
   * Starts one more DataNode, with volumes of the same types (and capacity cap, if one is set), as
   * ops would to grow the cluster; returns once the NameNode counts it live. Its slot is the next
   * free one, kept until the stack stops.
   */
  synchronized String addDataNode() throws IOException, InterruptedException {
    long started = System.nanoTime();
    int before = dfs.getDataNodes().size();
    long[][] capacities = null;
    if (volumeCapacity > 0) {
      capacities = new long[1][volumeTypes.length];
      Arrays.fill(capacities[0], volumeCapacity);
    }
    dfs.startDataNodes(
        new Configuration(dfs.getConfiguration(0)),
        1,
        new StorageType[][] {volumeTypes},
        true,
        null,
        null,
        null,
        capacities,
        null,
        false,
        false,
        false,
        null,
        null,
        null);
    DataNode added = dfs.getDataNodes().get(before);
    String address = added.getDatanodeId().getXferAddr();
    dataNodeAddresses.add(address);
    FSNamesystem namesystem = dfs.getNamesystem();
    awaitOrFail(
        () -> {
          triggerHeartbeats();
          return namesystem.getNumLiveDataNodes()
              == dataNodeAddresses.size() - stoppedDataNodes.size();
        },
        () -> "the NameNode counts " + namesystem.getNumLiveDataNodes() + " live DataNodes");
    return "added DataNode "
        + (dataNodeAddresses.size() - 1)
        + " ("
        + address
        + "); "
        + namesystem.getNumLiveDataNodes()
        + " live DataNodes after "
        + millisSince(started)
        + " ms";
  }

  /**
   * Caps every volume of every running (and later added) DataNode at {@code megabytes} (0: each its
   * disk's free space again), so a test's few megabytes make DataNodes measurably full, as a
   * balancer test needs on a machine whose disk would dwarf them. Returns once the NameNode has the
   * new capacities.
   */
  synchronized String capVolumes(long megabytes) throws IOException {
    volumeCapacity = megabytes > 0 ? megabytes << 20 : -1;
    for (DataNode dataNode : dfs.getDataNodes()) {
      try (FsDatasetSpi.FsVolumeReferences volumes =
          dataNode.getFSDataset().getFsVolumeReferences()) {
        for (FsVolumeSpi volume : volumes) {
          ((FsVolumeImpl) volume).setCapacityForTesting(volumeCapacity);
        }
      }
    }
    dfs.triggerHeartbeats();
    return megabytes > 0
        ? "every DataNode volume capped at " + megabytes + " MB"
        : "DataNode volumes uncapped";
  }

  /**
   * Stops the DataNode in {@code slot} at once, as a crash would: blocks being written to it fail.
   */
  synchronized String stopDataNode(int slot) {
    String address = dataNodeAddress(slot);
    if (stoppedDataNodes.containsKey(slot)) {
      throw new IllegalStateException("DataNode " + slot + " (" + address + ") is already stopped");
    }
    List<DataNode> running = dfs.getDataNodes();
    for (int i = 0; i < running.size(); i++) {
      if (running.get(i).getDatanodeId().getXferAddr().equals(address)) {
        stoppedDataNodes.put(slot, dfs.stopDataNode(i));
        return "stopped DataNode " + slot + " (" + address + ")";
      }
    }
    throw new IllegalStateException("DataNode " + slot + " (" + address + ") is not running");
  }

  /**
   * Restarts the stopped DataNode in {@code slot} on its old ports and data directory; returns once
   * all DataNodes are live and no block is missing or short of replicas.
   */
  synchronized String startDataNode(int slot) throws IOException, InterruptedException {
    String address = dataNodeAddress(slot);
    DataNodeProperties stopped = stoppedDataNodes.get(slot);
    if (stopped == null) {
      throw new IllegalStateException("DataNode " + slot + " (" + address + ") is not stopped");
    }
    long started = System.nanoTime();
    if (!dfs.restartDataNode(stopped, true)) {
      throw new IllegalStateException("DataNode " + slot + " (" + address + ") did not restart");
    }
    stoppedDataNodes.remove(slot);
    dfs.waitActive();
    FSNamesystem namesystem = dfs.getNamesystem();
    awaitOrFail(
        () -> {
          triggerHeartbeats();
          // Blocks of files still open for write (HBase's WALs) whose pipeline lost the node stay
          // "pending reconstruction" until the file rolls, so they are not waited for; every
          // closed file's block is fully replicated again.
          return namesystem.getNumLiveDataNodes() == dataNodeAddresses.size()
              && namesystem.getLowRedundancyBlocks() == 0
              && namesystem.getMissingBlocksCount() == 0;
        },
        () ->
            "HDFS not whole: "
                + namesystem.getNumLiveDataNodes()
                + " live DataNodes, "
                + namesystem.getLowRedundancyBlocks()
                + " blocks short of replicas, "
                + namesystem.getPendingReconstructionBlocks()
                + " being re-replicated, "
                + namesystem.getMissingBlocksCount()
                + " missing");
    return "restarted DataNode "
        + slot
        + " ("
        + address
        + "); "
        + namesystem.getNumLiveDataNodes()
        + " live DataNodes, no block short of replicas, after "
        + millisSince(started)
        + " ms";
  }

  /** Kills the (only) region server as a crash would: no region is closed, no memstore flushed. */
  synchronized String killRegionServer() throws IOException {
    List<RegionServerThread> live = hbase.getLiveRegionServerThreads();
    if (live.isEmpty()) {
      throw new IllegalStateException("no region server is running");
    }
    ServerName server = live.get(0).getRegionServer().getServerName();
    hbase.killRegionServer(server);
    hbase.waitForRegionServerToStop(server, REPAIR_TIMEOUT.toMillis());
    return "killed region server " + server;
  }

  /**
   * Starts a new region server; returns once the master has recovered the dead servers' logs and
   * every region of every enabled table is open again.
   */
  synchronized String startRegionServer() throws IOException, InterruptedException {
    long started = System.nanoTime();
    RegionServerThread thread = hbase.startRegionServerAndWait(REPAIR_TIMEOUT.toMillis());
    HMaster master = hbase.getMaster();
    awaitOrFail(
        () -> everyRegionOnline(master),
        () ->
            "HBase not whole: "
                + master.getAssignmentManager().getRegionStates().getRegionsInTransitionCount()
                + " regions in transition, "
                + (master.getServerManager().areDeadServersInProgress() ? "" : "no ")
                + "dead servers being recovered");
    return "started region server "
        + thread.getRegionServer().getServerName()
        + "; every region online after "
        + millisSince(started)
        + " ms";
  }

  private static boolean everyRegionOnline(HMaster master) {
    if (master.getServerManager().areDeadServersInProgress()) {
      return false;
    }
    RegionStates states = master.getAssignmentManager().getRegionStates();
    if (states.hasRegionsInTransition()) {
      return false;
    }
    try {
      for (TableDescriptor descriptor : master.getTableDescriptors().getAll().values()) {
        TableName table = descriptor.getTableName();
        if (!master.getTableStateManager().isTableState(table, TableState.State.ENABLED)) {
          continue;
        }
        for (RegionInfo region : states.getRegionsOfTable(table)) {
          if (!states.isRegionOnline(region)) {
            return false;
          }
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Heartbeats now, so the NameNode schedules re-replication without waiting for the next one. */
  private void triggerHeartbeats() {
    try {
      dfs.triggerHeartbeats();
    } catch (IOException e) {
      // the regular heartbeat follows within 3 s
    }
  }

  private String dataNodeAddress(int slot) {
    if (slot < 0 || slot >= dataNodeAddresses.size()) {
      throw new IllegalArgumentException(
          "no DataNode slot " + slot + "; slots are 0 to " + (dataNodeAddresses.size() - 1));
    }
    return dataNodeAddresses.get(slot);
  }

  private static void awaitOrFail(BooleanSupplier condition, Supplier<String> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + REPAIR_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            state.get() + " after " + REPAIR_TIMEOUT.toSeconds() + " s");
      }
      Thread.sleep(200);
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
