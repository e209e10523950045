package io.picshare.schema.record;

import static io.picshare.schema.table.PhotosTable.CONTENT_TYPE;
import static io.picshare.schema.table.PhotosTable.CREATED_AT;
import static io.picshare.schema.table.PhotosTable.HEIGHT;
import static io.picshare.schema.table.PhotosTable.LATITUDE;
import static io.picshare.schema.table.PhotosTable.LOCATION;
import static io.picshare.schema.table.PhotosTable.LONGITUDE;
import static io.picshare.schema.table.PhotosTable.METADATA;
import static io.picshare.schema.table.PhotosTable.ORIENTATION;
import static io.picshare.schema.table.PhotosTable.SHA256;
import static io.picshare.schema.table.PhotosTable.SIZE_BYTES;
import static io.picshare.schema.table.PhotosTable.TITLE;
import static io.picshare.schema.table.PhotosTable.WIDTH;
import static java.util.Objects.requireNonNull;

import io.picshare.schema.key.PhotoIdRowKey;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.table.PhotoIdsTable;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * A photo's metadata row in {@code picshare:photos} (family {@code m}, row {@link
 * UserPhotoRowKey}); owner and photo id come from the row key. Latitude and longitude are both
 * present or both null; {@code sha256} is 64 hex digits, held lower-case and stored as 32 bytes.
 */
public record PhotoRecord(
    long photoId,
    long ownerId,
    String title,
    String contentType,
    long sizeBytes,
    int width,
    int height,
    int orientation,
    Double latitude,
    Double longitude,
    String sha256,
    BlobLocation location,
    long createdAtMillis) {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
  private static final HexFormat HEX = HexFormat.of();

  public PhotoRecord {
    if (photoId < 0) {
      throw new IllegalArgumentException("photoId is negative: " + photoId);
    }
    if (ownerId < 0) {
      throw new IllegalArgumentException("ownerId is negative: " + ownerId);
    }
    requireNonNull(title, "title is null");
    requireNonNull(contentType, "contentType is null");
    if (contentType.isEmpty()) {
      throw new IllegalArgumentException("contentType is empty");
    }
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes is negative: " + sizeBytes);
    }
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
    }
    if (orientation < 1 || orientation > 8) {
      throw new IllegalArgumentException("orientation must be an EXIF value 1..8: " + orientation);
    }
    if ((latitude == null) != (longitude == null)) {
      throw new IllegalArgumentException("latitude and longitude must both be set or both null");
    }
    if (latitude != null && !(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException("latitude out of range: " + latitude);
    }
    if (longitude != null && !(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("longitude out of range: " + longitude);
    }
    requireNonNull(sha256, "sha256 is null");
    if (!SHA256_HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 hex digits: " + sha256);
    }
    sha256 = sha256.toLowerCase(Locale.ROOT);
    requireNonNull(location, "location is null");
  }

  public UserPhotoRowKey rowKey() {
    return new UserPhotoRowKey(ownerId, photoId);
  }

  /** A put writing every metadata cell of this photo (no latitude/longitude cells when unknown). */
  public Put toPut() {
    Put put =
        new Put(rowKey().encode())
            .addColumn(METADATA, TITLE, Bytes.toBytes(title))
            .addColumn(METADATA, CONTENT_TYPE, Bytes.toBytes(contentType))
            .addColumn(METADATA, SIZE_BYTES, Bytes.toBytes(sizeBytes))
            .addColumn(METADATA, WIDTH, Bytes.toBytes(width))
            .addColumn(METADATA, HEIGHT, Bytes.toBytes(height))
            .addColumn(METADATA, ORIENTATION, Bytes.toBytes(orientation))
            .addColumn(METADATA, SHA256, HEX.parseHex(sha256))
            .addColumn(METADATA, LOCATION, location.encode())
            .addColumn(METADATA, CREATED_AT, Bytes.toBytes(createdAtMillis));
    if (latitude != null) {
      put.addColumn(METADATA, LATITUDE, Bytes.toBytes(latitude.doubleValue()))
          .addColumn(METADATA, LONGITUDE, Bytes.toBytes(longitude.doubleValue()));
    }
    return put;
  }

  /**
   * The put for {@code picshare:photo_ids} mapping this photo's id to its owner; written together
   * with {@link #toPut()} on upload.
   */
  public Put toOwnerLookupPut() {
    return new Put(new PhotoIdRowKey(photoId).encode())
        .addColumn(PhotoIdsTable.OWNER, PhotoIdsTable.USER_ID, Bytes.toBytes(ownerId));
  }

  /**
   * Decodes a row read with at least family {@code m}.
   *
   * @throws IllegalArgumentException if the row is empty, not a photo row, or lacks a cell
   */
  public static PhotoRecord fromResult(Result result) {
    requireNonNull(result, "result is null");
    if (result.isEmpty()) {
      throw new IllegalArgumentException("result is empty");
    }
    UserPhotoRowKey key = UserPhotoRowKey.decode(result.getRow());
    CellValues cells = new CellValues(result, METADATA);
    byte[] sha256 = cells.bytes(SHA256);
    if (sha256.length != 32) {
      throw new IllegalArgumentException("cell m:sh must be 32 bytes, was " + sha256.length);
    }
    return new PhotoRecord(
        key.photoId(),
        key.userId(),
        cells.string(TITLE),
        cells.string(CONTENT_TYPE),
        cells.longValue(SIZE_BYTES),
        cells.intValue(WIDTH),
        cells.intValue(HEIGHT),
        cells.intValue(ORIENTATION),
        cells.optionalDouble(LATITUDE),
        cells.optionalDouble(LONGITUDE),
        HEX.formatHex(sha256),
        BlobLocation.decode(cells.bytes(LOCATION)),
        cells.longValue(CREATED_AT));
  }
}
