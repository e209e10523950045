package io.picshare.batch.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.data.search.PhotoDocument;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.table.PhotosTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellComparator;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;

class PhotoIndexRowTest {
  private static final PhotoRecord PHOTO =
      new PhotoRecord(
          42,
          7,
          "Sunset at the beach",
          "image/jpeg",
          1234,
          48,
          32,
          1,
          null,
          null,
          "ab".repeat(32),
          new BlobLocation("/photos/42", 0, 1234),
          1_780_282_800_000L);

  @Test
  void aLivePhotoBecomesItsDocumentWithItsLikes() {
    Put put =
        PHOTO.toPut().addColumn(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT, Bytes.toBytes(5L));

    PhotoIndexRow row = PhotoIndexRow.of(result(put));

    assertThat(row).isEqualTo(new PhotoIndexRow.Live(PHOTO, 5));
    assertThat(((PhotoIndexRow.Live) row).document("Ana"))
        .isEqualTo(new PhotoDocument(42, 7, "Ana", "Sunset at the beach", 1_780_282_800_000L, 5));
  }

  @Test
  void aPhotoWithoutLikesHasNone() {
    assertThat(PhotoIndexRow.of(result(PHOTO.toPut()))).isEqualTo(new PhotoIndexRow.Live(PHOTO, 0));
  }

  @Test
  void aDeletedUncommittedOrPurgedPhotoIsSkipped() {
    Put marked =
        PHOTO
            .toPut()
            .addColumn(PhotosTable.METADATA, PhotosTable.DELETION_EVENT, Bytes.toBytes(9L));
    Put counterOnly =
        new Put(new UserPhotoRowKey(7, 43).encode())
            .addColumn(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT, Bytes.toBytes(1L));
    Put uncommitted =
        new Put(new UserPhotoRowKey(7, 44).encode())
            .addColumn(PhotosTable.METADATA, PhotosTable.TITLE, Bytes.toBytes("half"));

    for (Put put : List.of(marked, counterOnly, uncommitted)) {
      assertThat(PhotoIndexRow.of(result(put)))
          .isEqualTo(new PhotoIndexRow.Skipped(ReindexCounters.DELETED_PHOTOS_SKIPPED));
    }
  }

  @Test
  void aRowThatCannotBeReadIsBad() {
    Put missingTitle =
        new Put(new UserPhotoRowKey(7, 45).encode())
            .addColumn(PhotosTable.METADATA, PhotosTable.SHA256, new byte[32]);
    Put shortLikes =
        PHOTO.toPut().addColumn(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT, new byte[3]);
    Put badKey = new Put(new byte[] {1, 2, 3});
    PHOTO
        .toPut()
        .getFamilyCellMap()
        .values()
        .forEach(cells -> cells.forEach(cell -> add(badKey, cell)));

    for (Put put : List.of(missingTitle, shortLikes, badKey)) {
      assertThat(PhotoIndexRow.of(result(put)))
          .isEqualTo(new PhotoIndexRow.Skipped(ReindexCounters.BAD_ROWS));
    }
  }

  private static void add(Put put, Cell cell) {
    put.addColumn(
        CellUtil.cloneFamily(cell), CellUtil.cloneQualifier(cell), CellUtil.cloneValue(cell));
  }

  private static Result result(Put put) {
    List<Cell> cells = new ArrayList<>();
    put.getFamilyCellMap().values().forEach(cells::addAll);
    cells.sort(CellComparator.getInstance()); // Result finds cells by binary search
    return Result.create(cells);
  }
}
