package io.picshare.batch.storage;

/**
 * The design's growth (2 M photos a day of 200 KB for ten years) projected onto the NameNode and
 * the DataNodes, under one file per photo and under volumes with a cold tier. A NameNode keeps
 * about 150 bytes of heap per namespace object (a file, a directory or a block).
 *
 * @param photosPerDay uploads a day
 * @param photoBytes an original's size
 * @param years how long
 * @param renditionsPerPhotoByte bytes of display renditions per byte of original (measured)
 * @param volumeBytes a sealed volume's size
 * @param blockBytes the HDFS block size
 * @param coldShare the share of bytes in the erasure-coded cold tier (RS-6-3, 1.5 raw bytes each)
 * @param dataNodeBytes raw disk one DataNode offers
 */
public record GrowthProjection(
    long photosPerDay,
    long photoBytes,
    int years,
    double renditionsPerPhotoByte,
    long volumeBytes,
    long blockBytes,
    double coldShare,
    long dataNodeBytes) {
  public static final int HEAP_BYTES_PER_OBJECT = 150;
  public static final double HOT_RAW_PER_BYTE = 3.0;
  public static final double COLD_RAW_PER_BYTE = 1.5; // RS-6-3

  /** What one layout needs at the end of the projection. */
  public record Need(double objects, double nameNodeHeapBytes, double rawBytes, double dataNodes) {}

  public double photos() {
    return (double) photosPerDay * 365 * years;
  }

  public double bytes() {
    return photos() * photoBytes * (1 + renditionsPerPhotoByte);
  }

  /** Every photo and its renditions as two small files of one block each, replicated 3 times. */
  public Need filePerPhoto() {
    double objects = photos() * 4;
    double raw = bytes() * HOT_RAW_PER_BYTE;
    return new Need(objects, objects * HEAP_BYTES_PER_OBJECT, raw, raw / dataNodeBytes);
  }

  /** Photos in volumes (one file and its blocks), the cold share erasure-coded. */
  public Need volumes() {
    double volumes = Math.ceil(bytes() / volumeBytes);
    double objects = volumes * (1 + Math.ceil((double) volumeBytes / blockBytes));
    double raw = bytes() * ((1 - coldShare) * HOT_RAW_PER_BYTE + coldShare * COLD_RAW_PER_BYTE);
    return new Need(objects, objects * HEAP_BYTES_PER_OBJECT, raw, raw / dataNodeBytes);
  }
}
