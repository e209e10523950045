package io.picshare.data.repair;

import static java.util.Objects.requireNonNull;

import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.hbase.HBasePhotoStore;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.key.UserRowKey;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.table.PhotosTable;
import io.picshare.schema.table.UsersTable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Heals what a crash or a lost reply can leave behind: finishes deletions that were marked but not
 * purged, and sets every user's photo count to the number of their live photo rows (by an {@code
 * Increment} of the difference, so concurrent changes are not overwritten). A count can be off
 * between repairs by the uploads and deletes whose process died between the commit and the counter
 * update, and off by the changes that race a repair's scan; the next repair heals both.
 */
public final class PhotoRepair {
  /** What a repair found and changed. */
  public record Report(
      long photosScanned, long deletionsFinished, long usersScanned, long countsCorrected) {}

  private final TableAccess tables;
  private final HBasePhotoStore photos;

  public PhotoRepair(HBaseConnection hbase) {
    this.tables = new TableAccess(requireNonNull(hbase, "hbase is null"));
    this.photos = new HBasePhotoStore(hbase);
  }

  public Report run() {
    Map<Long, Long> livePhotos = new HashMap<>();
    long scanned = 0;
    long finished = 0;
    for (Result row : tables.scan(PhotosTable.NAME, new Scan().addFamily(PhotosTable.METADATA))) {
      scanned++;
      byte[] mark = row.getValue(PhotosTable.METADATA, PhotosTable.DELETION_EVENT);
      if (mark != null) {
        photos.purgeDeleted(PhotoRecord.fromResult(row), Bytes.toLong(mark)).join();
        finished++;
      } else {
        livePhotos.merge(UserPhotoRowKey.decode(row.getRow()).userId(), 1L, Long::sum);
      }
    }
    long users = 0;
    long corrected = 0;
    for (Result row :
        tables.scan(
            UsersTable.NAME,
            new Scan()
                .addColumn(UsersTable.COUNTERS, UsersTable.PHOTO_COUNT)
                .addColumn(UsersTable.PROFILE, UsersTable.USERNAME))) {
      users++;
      long userId = UserRowKey.decode(row.getRow()).userId();
      if (tables.correctCounter(
          UsersTable.NAME,
          row,
          UsersTable.COUNTERS,
          UsersTable.PHOTO_COUNT,
          livePhotos.getOrDefault(userId, 0L))) {
        corrected++;
      }
    }
    return new Report(scanned, finished, users, corrected);
  }
}
