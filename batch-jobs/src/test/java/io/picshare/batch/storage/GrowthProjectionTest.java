package io.picshare.batch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GrowthProjectionTest {
  private final GrowthProjection design =
      new GrowthProjection(
          2_000_000, 200_000, 10, 0.8, 1L << 30, 128L << 20, 0.95, 100_000_000_000_000L);

  @Test
  void oneFilePerPhotoOutgrowsANameNode() {
    assertThat(design.photos()).isEqualTo(7.3e9);
    assertThat(design.bytes()).isCloseTo(2.628e15, within(1e9));
    GrowthProjection.Need files = design.filePerPhoto();
    assertThat(files.objects()).isEqualTo(4 * 7.3e9); // two files of one block each per photo
    assertThat(files.nameNodeHeapBytes()).isCloseTo(4.38e12, within(1e9)); // 4.4 TB of heap
    assertThat(files.rawBytes()).isCloseTo(3 * 2.628e15, within(1e9));
    assertThat(files.dataNodes()).isCloseTo(78.84, within(0.01));
  }

  @Test
  void volumesWithAColdTierFitOneNameNodeAndHalveTheDisks() {
    GrowthProjection.Need volumes = design.volumes();
    double count = Math.ceil(2.628e15 / (1L << 30));
    assertThat(volumes.objects()).isEqualTo(count * 9); // a file and 8 blocks per volume
    assertThat(volumes.nameNodeHeapBytes() / 1e9).isCloseTo(3.3, within(0.1)); // 3.3 GB
    assertThat(volumes.rawBytes() / design.bytes()).isCloseTo(0.05 * 3 + 0.95 * 1.5, within(1e-9));
    assertThat(volumes.dataNodes()).isLessThan(design.filePerPhoto().dataNodes() / 1.8);
  }
}
