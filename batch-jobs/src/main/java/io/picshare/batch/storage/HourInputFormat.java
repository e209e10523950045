package io.picshare.batch.storage;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * The pack job's input: the upload hours that ended before the cutoff, consecutive hours grouped
 * into one split until it holds about a volume's worth of bytes, so map tasks pack disjoint
 * photo-id ranges (an hour is a range of ids) in parallel. Each record is one hour.
 */
public final class HourInputFormat extends InputFormat<Text, NullWritable> {
  @Override
  public List<InputSplit> getSplits(JobContext context) throws IOException {
    PackSettings settings = PackSettings.from(context.getConfiguration());
    FileSystem fs = FileSystem.get(context.getConfiguration());
    Map<String, Long> hours = UploadHours.endedBy(fs, settings.cutoffMillis());
    List<InputSplit> splits = new ArrayList<>();
    List<String> group = new ArrayList<>();
    long bytes = 0;
    for (Map.Entry<String, Long> hour : hours.entrySet()) {
      group.add(hour.getKey());
      bytes += hour.getValue();
      if (bytes >= settings.volumeBytes()) {
        splits.add(new HourSplit(group, bytes));
        group = new ArrayList<>();
        bytes = 0;
      }
    }
    if (!group.isEmpty()) {
      splits.add(new HourSplit(group, bytes));
    }
    return splits;
  }

  @Override
  public RecordReader<Text, NullWritable> createRecordReader(
      InputSplit split, TaskAttemptContext context) {
    return new HourReader();
  }

  /** Consecutive upload hours ({@code yyyy/MM/dd/HH}) and the bytes their small files hold. */
  public static final class HourSplit extends InputSplit implements Writable {
    private List<String> hours = new ArrayList<>();
    private long bytes;

    public HourSplit() {}

    HourSplit(List<String> hours, long bytes) {
      this.hours = List.copyOf(hours);
      this.bytes = bytes;
    }

    List<String> hours() {
      return hours;
    }

    @Override
    public long getLength() {
      return bytes;
    }

    @Override
    public String[] getLocations() {
      return new String[0];
    }

    @Override
    public void write(DataOutput out) throws IOException {
      out.writeLong(bytes);
      out.writeInt(hours.size());
      for (String hour : hours) {
        out.writeUTF(hour);
      }
    }

    @Override
    public void readFields(DataInput in) throws IOException {
      bytes = in.readLong();
      int count = in.readInt();
      List<String> read = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        read.add(in.readUTF());
      }
      hours = read;
    }

    @Override
    public String toString() {
      return hours.isEmpty()
          ? "no hours"
          : hours.get(0) + ".." + hours.get(hours.size() - 1) + " (" + bytes + " bytes)";
    }
  }

  private static final class HourReader extends RecordReader<Text, NullWritable> {
    private List<String> hours = List.of();
    private int next;
    private final Text current = new Text();

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) {
      hours = ((HourSplit) split).hours();
    }

    @Override
    public boolean nextKeyValue() {
      if (next >= hours.size()) {
        return false;
      }
      current.set(hours.get(next++));
      return true;
    }

    @Override
    public Text getCurrentKey() {
      return current;
    }

    @Override
    public NullWritable getCurrentValue() {
      return NullWritable.get();
    }

    @Override
    public float getProgress() {
      return hours.isEmpty() ? 1 : (float) next / hours.size();
    }

    @Override
    public void close() {}
  }
}
