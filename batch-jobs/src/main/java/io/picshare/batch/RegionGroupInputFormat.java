package io.picshare.batch;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.io.ImmutableBytesWritable;
import org.apache.hadoop.hbase.mapreduce.MultiTableInputFormat;
import org.apache.hadoop.hbase.mapreduce.TableSplit;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * {@link MultiTableInputFormat} (the scans {@code TableMapReduceUtil.initTableMapperJob} set up)
 * with adjacent regions of one table read by one map task until they hold {@value #GROUP_BYTES_KEY}
 * bytes (default 1 GiB; 0: one task per region, as MultiTableInputFormat does). PicShare's tables
 * are pre-split into 16 regions on the salt byte, so a small table would otherwise cost 16 task
 * JVMs. A map task learns its table from {@link #tableOf}.
 */
public final class RegionGroupInputFormat extends InputFormat<ImmutableBytesWritable, Result>
    implements Configurable {
  /** How many bytes of store files one map task reads at most, unless a single region is more. */
  public static final String GROUP_BYTES_KEY = "picshare.batch.region-group-bytes";

  public static final long DEFAULT_GROUP_BYTES = 1L << 30;

  private final MultiTableInputFormat regions = new MultiTableInputFormat();

  @Override
  public void setConf(Configuration conf) {
    regions.setConf(conf);
  }

  @Override
  public Configuration getConf() {
    return regions.getConf();
  }

  @Override
  public List<InputSplit> getSplits(JobContext context) throws IOException, InterruptedException {
    List<TableSplit> regionSplits = new ArrayList<>();
    for (InputSplit split : regions.getSplits(context)) {
      regionSplits.add((TableSplit) split);
    }
    return List.copyOf(
        group(
            regionSplits,
            context.getConfiguration().getLong(GROUP_BYTES_KEY, DEFAULT_GROUP_BYTES)));
  }

  /**
   * {@code regions} (in MultiTableInputFormat's order: by table, then by start key) in groups of
   * adjacent regions of one table holding at most {@code limit} bytes, or one region each if {@code
   * limit} is 0 or less; a region larger than {@code limit} is a group of its own.
   */
  static List<RegionGroup> group(List<TableSplit> regions, long limit) {
    List<RegionGroup> groups = new ArrayList<>();
    List<TableSplit> group = new ArrayList<>();
    long groupBytes = 0;
    for (TableSplit region : regions) {
      boolean full = limit <= 0 || groupBytes + region.getLength() > limit;
      if (!group.isEmpty() && (full || !group.get(0).getTable().equals(region.getTable()))) {
        groups.add(new RegionGroup(group));
        group = new ArrayList<>();
        groupBytes = 0;
      }
      group.add(region);
      groupBytes += region.getLength();
    }
    if (!group.isEmpty()) {
      groups.add(new RegionGroup(group));
    }
    return groups;
  }

  @Override
  public RecordReader<ImmutableBytesWritable, Result> createRecordReader(
      InputSplit split, TaskAttemptContext context) {
    return new GroupReader();
  }

  /** The table a map task of this format reads. */
  public static TableName tableOf(InputSplit split) {
    if (split instanceof RegionGroup group) {
      return group.regions.get(0).getTable();
    }
    return ((TableSplit) split).getTable();
  }

  /** Adjacent regions of one table, read one after the other by one map task. */
  public static final class RegionGroup extends InputSplit implements Writable {
    private static final int MAX_LOCATIONS = 3;

    private List<TableSplit> regions;

    public RegionGroup() {
      this.regions = new ArrayList<>();
    }

    RegionGroup(List<TableSplit> regions) {
      this.regions = List.copyOf(regions);
    }

    List<TableSplit> regions() {
      return regions;
    }

    @Override
    public long getLength() {
      return regions.stream().mapToLong(TableSplit::getLength).sum();
    }

    /** The hosts serving most of the group's regions. */
    @Override
    public String[] getLocations() {
      Map<String, Long> regionsByHost =
          regions.stream()
              .map(TableSplit::getRegionLocation)
              .collect(
                  Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
      return regionsByHost.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
          .limit(MAX_LOCATIONS)
          .map(Map.Entry::getKey)
          .toArray(String[]::new);
    }

    @Override
    public void write(DataOutput out) throws IOException {
      out.writeInt(regions.size());
      for (TableSplit region : regions) {
        region.write(out);
      }
    }

    @Override
    public void readFields(DataInput in) throws IOException {
      int count = in.readInt();
      List<TableSplit> read = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        TableSplit region = new TableSplit();
        region.readFields(in);
        read.add(region);
      }
      regions = List.copyOf(read);
    }

    @Override
    public String toString() {
      return regions.size() + " regions of " + regions.get(0).getTable();
    }
  }

  /** Reads the regions of a group in turn, each with MultiTableInputFormat's own reader. */
  private final class GroupReader extends RecordReader<ImmutableBytesWritable, Result> {
    private List<TableSplit> splits = List.of();
    private TaskAttemptContext context;
    private int next;
    private RecordReader<ImmutableBytesWritable, Result> current;

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) {
      this.splits =
          split instanceof RegionGroup group ? group.regions() : List.of((TableSplit) split);
      this.context = context;
    }

    @Override
    public boolean nextKeyValue() throws IOException, InterruptedException {
      while (current == null || !current.nextKeyValue()) {
        if (current != null) {
          current.close();
          current = null;
        }
        if (next >= splits.size()) {
          return false;
        }
        TableSplit region = splits.get(next++);
        current = regions.createRecordReader(region, context);
        current.initialize(region, context);
      }
      return true;
    }

    @Override
    public ImmutableBytesWritable getCurrentKey() throws IOException, InterruptedException {
      return current.getCurrentKey();
    }

    @Override
    public Result getCurrentValue() throws IOException, InterruptedException {
      return current.getCurrentValue();
    }

    @Override
    public float getProgress() throws IOException, InterruptedException {
      if (current == null && next >= splits.size()) {
        return 1;
      }
      float inRegion = current == null ? 0 : current.getProgress();
      return Math.min(1, (Math.max(0, next - 1) + inRegion) / splits.size());
    }

    @Override
    public void close() throws IOException {
      if (current != null) {
        current.close();
        current = null;
      }
    }
  }
}
