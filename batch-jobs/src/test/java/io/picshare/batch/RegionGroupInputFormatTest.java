package io.picshare.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.mapreduce.TableSplit;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;

class RegionGroupInputFormatTest {
  private static final TableName FOLLOWS = TableName.valueOf("picshare:follows");
  private static final TableName PHOTOS = TableName.valueOf("picshare:photos");

  @Test
  void smallRegionsOfOneTableShareATaskButTablesNeverDo() {
    List<RegionGroupInputFormat.RegionGroup> groups =
        RegionGroupInputFormat.group(
            List.of(
                region(FOLLOWS, 0, 10),
                region(FOLLOWS, 1, 10),
                region(PHOTOS, 0, 10),
                region(PHOTOS, 1, 10)),
            100);
    assertThat(groups).hasSize(2);
    assertThat(groups.get(0).regions()).extracting(TableSplit::getTable).containsOnly(FOLLOWS);
    assertThat(RegionGroupInputFormat.tableOf(groups.get(1))).isEqualTo(PHOTOS);
    assertThat(groups.get(1).getLength()).isEqualTo(20);
  }

  @Test
  void aGroupStopsAtTheLimitAndABigRegionIsItsOwn() {
    List<RegionGroupInputFormat.RegionGroup> groups =
        RegionGroupInputFormat.group(
            List.of(
                region(PHOTOS, 0, 60),
                region(PHOTOS, 1, 60),
                region(PHOTOS, 2, 500),
                region(PHOTOS, 3, 30)),
            100);
    assertThat(groups)
        .extracting(RegionGroupInputFormat.RegionGroup::getLength)
        .containsExactly(60L, 60L, 500L, 30L);
  }

  @Test
  void noLimitMeansOneTaskPerRegion() {
    assertThat(
            RegionGroupInputFormat.group(
                List.of(region(PHOTOS, 0, 0), region(PHOTOS, 1, 0), region(PHOTOS, 2, 0)), 0))
        .hasSize(3);
  }

  @Test
  void aGroupRoundTripsAsAWritable() throws Exception {
    RegionGroupInputFormat.RegionGroup group =
        RegionGroupInputFormat.group(List.of(region(FOLLOWS, 0, 5), region(FOLLOWS, 1, 7)), 100)
            .get(0);
    org.apache.hadoop.io.DataOutputBuffer out = new org.apache.hadoop.io.DataOutputBuffer();
    group.write(out);
    org.apache.hadoop.io.DataInputBuffer in = new org.apache.hadoop.io.DataInputBuffer();
    in.reset(out.getData(), out.getLength());
    RegionGroupInputFormat.RegionGroup read = new RegionGroupInputFormat.RegionGroup();
    read.readFields(in);
    assertThat(read.regions()).isEqualTo(group.regions());
    assertThat(read.getLocations()).containsExactly("host-a");
  }

  private static TableSplit region(TableName table, int index, long bytes) {
    return new TableSplit(
        table,
        null,
        new byte[] {(byte) (index * 16)},
        new byte[] {(byte) (index * 16 + 16)},
        "host-a",
        "region" + Bytes.toString(table.getName()) + index,
        bytes);
  }
}
