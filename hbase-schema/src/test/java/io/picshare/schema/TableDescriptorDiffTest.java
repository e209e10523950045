package io.picshare.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.schema.table.IdempotencyTable;
import io.picshare.schema.table.PhotosTable;
import io.picshare.schema.table.PicShareTable;
import io.picshare.schema.table.UsersTable;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.io.compress.Compression;
import org.apache.hadoop.hbase.io.encoding.DataBlockEncoding;
import org.junit.jupiter.api.Test;

class TableDescriptorDiffTest {
  @Test
  void matchingDescriptorsHaveNoDifferences() {
    for (PicShareTable table : PicShareTables.all()) {
      TableDescriptor copy = TableDescriptorBuilder.newBuilder(table.descriptor()).build();
      assertThat(TableDescriptorDiff.differences(table.descriptor(), copy)).isEmpty();
    }
  }

  @Test
  void reportsMissingAndUnexpectedFamilies() {
    TableDescriptor expected = new UsersTable().descriptor();
    TableDescriptor live =
        TableDescriptorBuilder.newBuilder(expected)
            .removeColumnFamily(UsersTable.COUNTERS)
            .setColumnFamily(ColumnFamilyDescriptorBuilder.of("x"))
            .build();

    assertThat(TableDescriptorDiff.differences(expected, live))
        .containsExactly("picshare:users: missing family c", "picshare:users: unexpected family x");
  }

  @Test
  void reportsDifferingSettings() {
    TableDescriptor expected = new IdempotencyTable().descriptor();
    TableDescriptor live =
        TableDescriptorBuilder.newBuilder(expected)
            .modifyColumnFamily(
                ColumnFamilyDescriptorBuilder.newBuilder(
                        expected.getColumnFamily(IdempotencyTable.ENTRY))
                    .setTimeToLive(3600)
                    .setMaxVersions(3)
                    .build())
            .build();

    assertThat(TableDescriptorDiff.differences(expected, live))
        .containsExactly(
            "picshare:idempotency: family i has VERSIONS=3, expected 1",
            "picshare:idempotency: family i has TTL=3600 s, expected 86400 s");
  }

  @Test
  void reportsEncodingAndCompression() {
    TableDescriptor expected = new PhotosTable().descriptor();
    TableDescriptor live =
        TableDescriptorBuilder.newBuilder(expected)
            .modifyColumnFamily(
                ColumnFamilyDescriptorBuilder.newBuilder(
                        expected.getColumnFamily(PhotosTable.METADATA))
                    .setDataBlockEncoding(DataBlockEncoding.NONE)
                    .setCompressionType(Compression.Algorithm.GZ)
                    .build())
            .build();

    assertThat(TableDescriptorDiff.differences(expected, live))
        .containsExactly(
            "picshare:photos: family m has DATA_BLOCK_ENCODING=NONE, expected FAST_DIFF",
            "picshare:photos: family m has COMPRESSION=GZ, expected NONE");
  }

  @Test
  void formatsFamilySettingsOnOneLine() {
    assertThat(
            FamilySettings.format(
                new IdempotencyTable().descriptor().getColumnFamily(IdempotencyTable.ENTRY)))
        .isEqualTo(
            "i: VERSIONS=1 TTL=86400 s DATA_BLOCK_ENCODING=NONE BLOOMFILTER=ROW COMPRESSION=NONE");
  }
}
