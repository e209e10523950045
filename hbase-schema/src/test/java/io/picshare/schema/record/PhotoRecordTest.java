package io.picshare.schema.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.schema.key.PhotoIdRowKey;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.table.PhotoIdsTable;
import io.picshare.schema.table.PhotosTable;
import java.util.List;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;

class PhotoRecordTest {
  private static final String SHA256 =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @Test
  void roundTripsThroughAPut() {
    PhotoRecord photo = photo(48.8584, 2.2945);

    Put put = photo.toPut();

    assertThat(put.getRow()).isEqualTo(new UserPhotoRowKey(0xfa007003L, 0xfb407003L).encode());
    assertThat(put.getFamilyCellMap()).containsOnlyKeys(PhotosTable.METADATA);
    assertThat(PhotoRecord.fromResult(PutResults.toResult(put))).isEqualTo(photo);
  }

  @Test
  void roundTripsWithoutGeolocation() {
    PhotoRecord photo = photo(null, null);

    Result result = PutResults.toResult(photo.toPut());

    assertThat(result.containsColumn(PhotosTable.METADATA, PhotosTable.LATITUDE)).isFalse();
    assertThat(PhotoRecord.fromResult(result)).isEqualTo(photo);
  }

  @Test
  void roundTripsAnEmptyTitle() {
    PhotoRecord photo = withSha256(SHA256);

    assertThat(photo.title()).isEmpty();
    assertThat(PhotoRecord.fromResult(PutResults.toResult(photo.toPut()))).isEqualTo(photo);
  }

  @Test
  void storesTheDigestAsRawBytesAndHoldsItLowerCase() {
    PhotoRecord photo = withSha256(SHA256.toUpperCase());

    byte[] stored =
        PutResults.toResult(photo.toPut()).getValue(PhotosTable.METADATA, PhotosTable.SHA256);

    assertThat(photo.sha256()).isEqualTo(SHA256);
    assertThat(stored).hasSize(32);
    assertThat(Bytes.toHex(stored)).isEqualTo(SHA256);
  }

  @Test
  void ownerLookupPointsAtTheOwner() {
    Put lookup = photo(null, null).toOwnerLookupPut();
    Result result = PutResults.toResult(lookup);

    assertThat(lookup.getRow()).isEqualTo(new PhotoIdRowKey(0xfb407003L).encode());
    assertThat(Bytes.toLong(result.getValue(PhotoIdsTable.OWNER, PhotoIdsTable.USER_ID)))
        .isEqualTo(0xfa007003L);
  }

  @Test
  void fromResultRejectsIncompleteRows() {
    List<Cell> withoutTitle =
        PutResults.sortedCells(photo(null, null).toPut()).stream()
            .filter(cell -> !CellUtil.matchingQualifier(cell, PhotosTable.TITLE))
            .toList();

    assertThatThrownBy(() -> PhotoRecord.fromResult(Result.create(withoutTitle)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("m:t");
    assertThatThrownBy(() -> PhotoRecord.fromResult(Result.EMPTY_RESULT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void validatesFields() {
    assertThatThrownBy(() -> photo(10.0, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> photo(91.0, 0.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> photo(0.0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> withSha256("abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> withSha256(null)).hasMessage("sha256 is null");
    assertThatThrownBy(
            () ->
                new PhotoRecord(
                    1,
                    2,
                    "t",
                    "image/png",
                    10,
                    1,
                    1,
                    9,
                    null,
                    null,
                    SHA256,
                    BlobLocation.wholeFile("/p", 10),
                    0))
        .hasMessageContaining("orientation");
    assertThatThrownBy(
            () ->
                new PhotoRecord(
                    1,
                    2,
                    "t",
                    "image/png",
                    10,
                    0,
                    1,
                    1,
                    null,
                    null,
                    SHA256,
                    BlobLocation.wholeFile("/p", 10),
                    0))
        .hasMessageContaining("dimensions");
  }

  private static PhotoRecord photo(Double latitude, Double longitude) {
    return new PhotoRecord(
        0xfb407003L,
        0xfa007003L,
        "Eiffel Tower at dusk ✨",
        "image/jpeg",
        204_800,
        4032,
        3024,
        6,
        latitude,
        longitude,
        SHA256,
        BlobLocation.wholeFile("/picshare/photos/ABat8Vaq4R4", 204_800),
        1_795_000_000_000L);
  }

  private static PhotoRecord withSha256(String sha256) {
    return new PhotoRecord(
        1,
        2,
        "",
        "image/png",
        10,
        1,
        1,
        1,
        null,
        null,
        sha256,
        BlobLocation.wholeFile("/p", 10),
        0);
  }
}
