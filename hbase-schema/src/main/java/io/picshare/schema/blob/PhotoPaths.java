package io.picshare.schema.blob;

import io.picshare.schema.id.IdGenerator;
import io.picshare.schema.id.PublicIds;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Where an uploaded photo's bytes (and its renditions) land in HDFS before the pack job moves them
 * into a volume: {@code /picshare/photos/incoming/yyyy/MM/dd/HH/<public id>.<extension>}, by the
 * upload hour (UTC) taken from the photo id, so no directory grows past one hour of uploads and the
 * pack job can take whole hours at a time.
 */
public final class PhotoPaths {
  public static final String ROOT = "/picshare/photos";
  public static final String INCOMING = ROOT + "/incoming";
  public static final String RENDITIONS = ROOT + "/renditions";
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

  private PhotoPaths() {}

  public static String incoming(long photoId, String extension) {
    Instant uploaded = Instant.ofEpochMilli(IdGenerator.timestampMillis(photoId));
    return INCOMING
        + "/"
        + HOUR.format(uploaded)
        + "/"
        + PublicIds.encode(photoId)
        + "."
        + extension;
  }

  /**
   * Where one attempt at building a photo's renditions writes them: {@code
   * /picshare/photos/renditions/yyyy/MM/dd/HH/<public id>-<attempt>.renditions}, the hour being the
   * upload's. {@code attempt} (16 hex digits) makes every attempt's file its own, so concurrent or
   * repeated attempts never write the same file; only the one the photo row records is ever read.
   */
  public static String renditions(long photoId, long attempt) {
    Instant uploaded = Instant.ofEpochMilli(IdGenerator.timestampMillis(photoId));
    return RENDITIONS
        + "/"
        + HOUR.format(uploaded)
        + "/"
        + PublicIds.encode(photoId)
        + "-"
        + HexFormat.of().toHexDigits(attempt)
        + ".renditions";
  }

  /**
   * The photo a file under {@link #INCOMING} or {@link #RENDITIONS} belongs to, from its name
   * ({@code <public id>.<ext>} or {@code <public id>-<attempt>.renditions}); empty for any other
   * name.
   */
  public static OptionalLong photoIdOf(String fileName) {
    return fileName.length() > PublicIds.LENGTH
            && (fileName.charAt(PublicIds.LENGTH) == '.'
                || fileName.charAt(PublicIds.LENGTH) == '-')
        ? PublicIds.decode(fileName.substring(0, PublicIds.LENGTH))
        : OptionalLong.empty();
  }
}
