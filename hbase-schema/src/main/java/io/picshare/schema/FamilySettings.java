package io.picshare.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptor;

/**
 * The column-family settings the schema manages, as display strings in a fixed order: what {@link
 * SchemaManager#verify()} compares and {@link SchemaManager#describe()} prints.
 */
final class FamilySettings {
  private FamilySettings() {}

  static Map<String, String> of(ColumnFamilyDescriptor family) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("VERSIONS", Integer.toString(family.getMaxVersions()));
    settings.put("TTL", timeToLive(family.getTimeToLive()));
    settings.put("DATA_BLOCK_ENCODING", family.getDataBlockEncoding().name());
    settings.put("BLOOMFILTER", family.getBloomFilterType().name());
    settings.put("COMPRESSION", family.getCompressionType().name());
    return settings;
  }

  static String format(ColumnFamilyDescriptor family) {
    StringBuilder line = new StringBuilder(family.getNameAsString()).append(':');
    of(family).forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
    return line.toString();
  }

  private static String timeToLive(int seconds) {
    return seconds == HConstants.FOREVER ? "FOREVER" : seconds + " s";
  }
}
