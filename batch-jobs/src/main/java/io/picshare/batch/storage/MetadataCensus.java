package io.picshare.batch.storage;

import io.picshare.schema.blob.VolumePaths;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.RenditionSet;
import io.picshare.schema.table.PhotosTable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;

/**
 * What the photo rows say about storage: live photos, the bytes of their originals and renditions,
 * how many of those are packed, and the live bytes each volume holds (the rest of a volume's
 * records are dead, awaiting reclaim).
 */
public record MetadataCensus(
    long photos,
    long originalBytes,
    long renditionBytes,
    long packedOriginals,
    long packedRenditions,
    Map<String, Long> liveBytesByVolume) {
  /** One scan of {@code picshare:photos}. */
  public static MetadataCensus scan(Connection hbase) throws IOException {
    long photos = 0;
    long originalBytes = 0;
    long renditionBytes = 0;
    long packedOriginals = 0;
    long packedRenditions = 0;
    Map<String, Long> live = new HashMap<>();
    Scan scan =
        new Scan()
            .addColumn(PhotosTable.METADATA, PhotosTable.SHA256)
            .addColumn(PhotosTable.METADATA, PhotosTable.DELETION_EVENT)
            .addColumn(PhotosTable.METADATA, PhotosTable.LOCATION)
            .addColumn(PhotosTable.METADATA, PhotosTable.RENDITIONS)
            .setCaching(1000)
            .setCacheBlocks(false);
    try (Table table = hbase.getTable(PhotosTable.NAME);
        ResultScanner rows = table.getScanner(scan)) {
      for (Result row : rows) {
        byte[] location = row.getValue(PhotosTable.METADATA, PhotosTable.LOCATION);
        if (!row.containsColumn(PhotosTable.METADATA, PhotosTable.SHA256)
            || row.containsColumn(PhotosTable.METADATA, PhotosTable.DELETION_EVENT)
            || location == null) {
          continue;
        }
        photos++;
        BlobLocation original = BlobLocation.decode(location);
        originalBytes += original.length();
        if (VolumePaths.isVolume(original.path())) {
          packedOriginals++;
          live.merge(original.path(), original.length(), Long::sum);
        }
        byte[] renditions = row.getValue(PhotosTable.METADATA, PhotosTable.RENDITIONS);
        if (renditions != null) {
          RenditionSet set = RenditionSet.decode(renditions);
          long bytes = set.entries().stream().mapToLong(RenditionSet.Entry::length).sum();
          renditionBytes += bytes;
          if (VolumePaths.isVolume(set.path())) {
            packedRenditions++;
            live.merge(set.path(), bytes, Long::sum);
          }
        }
      }
    }
    return new MetadataCensus(
        photos, originalBytes, renditionBytes, packedOriginals, packedRenditions, Map.copyOf(live));
  }
}
