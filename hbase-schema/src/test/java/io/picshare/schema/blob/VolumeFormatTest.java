package io.picshare.schema.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VolumeFormatTest {
  private static final UUID ID = new UUID(0x0123456789abcdefL, 0x0fedcba987654321L);

  /** A volume of two records, written as VolumeWriter writes one. */
  private static byte[] volume(List<VolumeFormat.Entry> written) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(VolumeFormat.header(ID, 1_780_000_000_000L));
    long position = VolumeFormat.HEADER_LENGTH;
    for (String text : List.of("first photo", "the second, longer photo")) {
      byte[] data = text.getBytes(StandardCharsets.UTF_8);
      int crc = VolumeFormat.crc32c(data, 0, data.length);
      VolumeFormat.Kind kind =
          written.isEmpty() ? VolumeFormat.Kind.ORIGINAL : VolumeFormat.Kind.RENDITIONS;
      out.writeBytes(VolumeFormat.recordHeader(kind, 1000 + written.size(), data.length, crc));
      written.add(
          new VolumeFormat.Entry(
              kind,
              1000 + written.size(),
              position + VolumeFormat.RECORD_HEADER_LENGTH,
              data.length,
              crc));
      out.writeBytes(data);
      position += VolumeFormat.RECORD_HEADER_LENGTH + data.length;
    }
    out.writeBytes(VolumeFormat.footer(written, position));
    return out.toByteArray();
  }

  @Test
  void theTrailerFindsTheIndexAndTheRecordsRebuildIt() throws IOException {
    List<VolumeFormat.Entry> written = new ArrayList<>();
    byte[] volume = volume(written);

    VolumeFormat.Trailer trailer =
        VolumeFormat.readTrailer(
            Arrays.copyOfRange(volume, volume.length - VolumeFormat.TRAILER_LENGTH, volume.length));
    byte[] index =
        Arrays.copyOfRange(
            volume, (int) trailer.indexOffset(), volume.length - VolumeFormat.TRAILER_LENGTH);
    assertThat(VolumeFormat.readIndex(index, trailer)).isEqualTo(written);
    assertThat(VolumeFormat.scanRecords(new ByteArrayInputStream(volume))).isEqualTo(written);
    assertThat(VolumeFormat.readHeader(volume))
        .isEqualTo(new VolumeFormat.Header(ID, 1_780_000_000_000L));
    VolumeFormat.Entry second = written.get(1);
    assertThat(
            new String(
                volume, (int) second.dataOffset(), (int) second.length(), StandardCharsets.UTF_8))
        .isEqualTo("the second, longer photo");
  }

  @Test
  void theLayoutIsFixed() {
    // docs/storage-format.md: header and record header bytes
    assertThat(VolumeFormat.header(ID, 1))
        .startsWith("PSVOL001".getBytes(StandardCharsets.US_ASCII))
        .hasSize(32);
    assertThat(VolumeFormat.recordHeader(VolumeFormat.Kind.RENDITIONS, 2, 3, 0x01020304))
        .containsExactly(
            0x50, 0x53, 0x52, 0x31, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4);
    assertThat(VolumeFormat.crc32c("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9))
        .isEqualTo(0xE3069283); // the CRC-32C check value
  }

  @Test
  void aCorruptByteOrAnUnfinishedVolumeIsRefused() {
    List<VolumeFormat.Entry> written = new ArrayList<>();
    byte[] volume = volume(written);
    byte[] flipped = volume.clone();
    flipped[(int) written.get(1).dataOffset() + 3] ^= 1;
    assertThatThrownBy(() -> VolumeFormat.scanRecords(new ByteArrayInputStream(flipped)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CRC32C mismatch in the record of photo 1001");

    byte[] cut = Arrays.copyOf(volume, (int) written.get(1).dataOffset() + 5);
    assertThatThrownBy(() -> VolumeFormat.scanRecords(new ByteArrayInputStream(cut)))
        .hasMessageContaining("ends inside the record of photo 1001");
    assertThatThrownBy(
            () ->
                VolumeFormat.readTrailer(
                    Arrays.copyOfRange(cut, cut.length - VolumeFormat.TRAILER_LENGTH, cut.length)))
        .hasMessageContaining("not a finished PicShare volume");
    assertThatThrownBy(() -> VolumeFormat.readHeader(new byte[32]))
        .hasMessageContaining("not a PicShare volume");
  }

  @Test
  void pathsNameVolumesTrashMinutesAndPhotoFiles() {
    assertThat(VolumePaths.hot(ID, java.time.Instant.parse("2026-06-02T10:00:00Z")))
        .isEqualTo("/picshare/photos/volumes/hot/2026/06/02/" + ID + ".vol");
    assertThat(VolumePaths.isVolume(VolumePaths.hot(ID, java.time.Instant.EPOCH))).isTrue();
    assertThat(VolumePaths.isVolume(PhotoPaths.incoming(1L << 30, "jpg"))).isFalse();
    assertThat(VolumePaths.trashedAt("20260602-1005"))
        .isEqualTo(java.time.Instant.parse("2026-06-02T10:05:00Z"));
    long photoId = 123_456_789_012L;
    assertThat(PhotoPaths.photoIdOf(PhotoPaths.incoming(photoId, "jpg").replaceAll(".*/", "")))
        .hasValue(photoId);
    assertThat(PhotoPaths.photoIdOf(PhotoPaths.renditions(photoId, 7).replaceAll(".*/", "")))
        .hasValue(photoId);
    assertThat(PhotoPaths.photoIdOf("notes.txt")).isEmpty();
  }
}
