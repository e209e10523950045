package io.picshare.media;

import com.drew.lang.ByteArrayReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.GpsDirectory;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The orientation and GPS position in an EXIF (TIFF) block, read with metadata-extractor.
 * Unreadable or implausible metadata never rejects an image: it yields orientation 1 and no
 * location.
 */
record ExifSummary(int orientation, Optional<GeoPoint> location) {
  /** What JPEG APP1 segments (and some WebP EXIF chunks) put before the TIFF header. */
  static final byte[] JPEG_PREAMBLE =
      ExifReader.JPEG_SEGMENT_PREAMBLE.getBytes(StandardCharsets.US_ASCII);

  static final ExifSummary ABSENT = new ExifSummary(1, Optional.empty());

  static ExifSummary read(byte[] tiff) {
    Metadata metadata = new Metadata();
    try {
      new ExifReader().extract(new ByteArrayReader(tiff), metadata);
      return new ExifSummary(orientation(metadata), location(metadata));
    } catch (RuntimeException e) {
      return ABSENT; // the library reports most problems as error directories; this is the rest
    }
  }

  private static int orientation(Metadata metadata) {
    ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
    Integer orientation = ifd0 == null ? null : ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
    return orientation != null && orientation >= 1 && orientation <= 8 ? orientation : 1;
  }

  /** Absent unless in range; 0,0 is what receivers without a fix write, so it counts as absent. */
  private static Optional<GeoPoint> location(Metadata metadata) {
    GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
    GeoLocation location = gps == null ? null : gps.getGeoLocation();
    if (location == null || location.isZero()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new GeoPoint(location.getLatitude(), location.getLongitude()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
