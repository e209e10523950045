package io.picshare.schema.table;

import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.regionserver.BloomType;

/** The settings every PicShare column family starts from: one version, row bloom filter. */
final class ColumnFamilies {
  private ColumnFamilies() {}

  static ColumnFamilyDescriptorBuilder family(byte[] name) {
    return ColumnFamilyDescriptorBuilder.newBuilder(name)
        .setMaxVersions(1)
        .setBloomFilterType(BloomType.ROW);
  }
}
