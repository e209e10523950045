package io.picshare.batch.storage;

import io.picshare.schema.blob.VolumePaths;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.TypeConverter;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * The volumes the storage jobs' tasks are writing, under {@code pending/<job id>/} (and {@code
 * pending-cold/<job id>/} for the cold tier's): a job's own are deleted when it ends; those of a
 * job whose driver died too are deleted by the next job, once YARN says their job no longer runs.
 */
final class PendingVolumes {
  private PendingVolumes() {}

  /** Deletes {@code pending/<job id>} of jobs that are not running; returns how many. */
  static int removeAbandoned(FileSystem fs, Configuration conf) throws IOException, YarnException {
    List<FileStatus> jobs = new ArrayList<>();
    for (String root : List.of(VolumePaths.PENDING, VolumePaths.PENDING_COLD)) {
      try {
        jobs.addAll(List.of(fs.listStatus(new Path(root))));
      } catch (FileNotFoundException e) {
        // no job has written there yet
      }
    }
    if (jobs.isEmpty()) {
      return 0;
    }
    int removed = 0;
    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(conf);
      yarn.start();
      for (FileStatus pending : jobs) {
        if (!running(yarn, pending.getPath().getName()) && fs.delete(pending.getPath(), true)) {
          removed++;
        }
      }
    }
    return removed;
  }

  /** Deletes the job's own pending volumes (all its tasks have ended). */
  static void remove(FileSystem fs, JobID job) throws IOException {
    fs.delete(new Path(VolumePaths.pending(job.toString())), true);
    fs.delete(new Path(VolumePaths.pendingCold(job.toString())), true);
  }

  /** Whether YARN runs the MapReduce job {@code jobId} (asked of the ResourceManager only). */
  private static boolean running(YarnClient yarn, String jobId) throws IOException, YarnException {
    ApplicationId application;
    try {
      application = TypeConverter.toYarn(JobID.forName(jobId)).getAppId();
    } catch (IllegalArgumentException e) {
      return false; // not a job's directory
    }
    try {
      YarnApplicationState state = yarn.getApplicationReport(application).getYarnApplicationState();
      return !EnumSet.of(
              YarnApplicationState.FINISHED,
              YarnApplicationState.FAILED,
              YarnApplicationState.KILLED)
          .contains(state);
    } catch (ApplicationNotFoundException e) {
      return false; // finished before the ResourceManager last started
    }
  }
}
