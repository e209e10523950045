package io.picshare.batch.storage;

import io.picshare.schema.blob.VolumePaths;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.RenditionSet;
import io.picshare.schema.table.PhotosTable;
import java.io.IOException;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.io.ImmutableBytesWritable;
import org.apache.hadoop.hbase.mapreduce.TableMapper;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.Text;

/**
 * Reclaim, map side: each live photo row that names a volume (for its original or its renditions)
 * becomes (volume path, row key), so each reduce call sees every row that names one volume.
 */
public final class ReclaimMapper extends TableMapper<Text, BytesWritable> {
  private final Text volume = new Text();
  private final BytesWritable rowKey = new BytesWritable();

  @Override
  protected void map(ImmutableBytesWritable row, Result result, Context context)
      throws IOException, InterruptedException {
    if (!result.containsColumn(PhotosTable.METADATA, PhotosTable.SHA256)
        || result.containsColumn(PhotosTable.METADATA, PhotosTable.DELETION_EVENT)) {
      return;
    }
    byte[] location = result.getValue(PhotosTable.METADATA, PhotosTable.LOCATION);
    byte[] renditions = result.getValue(PhotosTable.METADATA, PhotosTable.RENDITIONS);
    try {
      if (location != null) {
        emit(BlobLocation.decode(location).path(), result.getRow(), context);
      }
      if (renditions != null) {
        emit(RenditionSet.decode(renditions).path(), result.getRow(), context);
      }
    } catch (IllegalArgumentException e) {
      context.getCounter(ReclaimCounters.BAD_ROWS).increment(1);
    }
  }

  private void emit(String path, byte[] row, Context context)
      throws IOException, InterruptedException {
    if (VolumePaths.isVolume(path)) {
      volume.set(path);
      rowKey.set(row, 0, row.length);
      context.write(volume, rowKey);
    }
  }
}
