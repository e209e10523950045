package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.hbase.HBasePhotoStore;
import io.picshare.schema.blob.VolumeFormat;
import io.picshare.schema.blob.VolumePaths;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A photo moved, as the pack and rebalance jobs move it, from its small file into a hot volume and
 * then into an erasure-coded cold volume (each written in the volume format, each switch a
 * compare-and-set on the row): through the API it keeps its bytes, its ETag (so caches stay valid),
 * its byte ranges and its 304 for a matching {@code If-None-Match}.
 */
@ExtendWith(LocalStackExtension.class)
class PackedPhotoReadsIT {
  private static final String COLD_TEST_DIR = "/picshare/photos/volumes/cold/it-packed-reads";

  private static PicShareApi api;
  private static ApiClient client;
  private static HBaseConnection hbase;
  private static HBasePhotoStore photos;
  private static DistributedFileSystem hdfs;

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    api = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
    client = new ApiClient(api.port());
    hbase = StackConfigs.hbase(stack);
    photos = new HBasePhotoStore(hbase);
    hdfs =
        (DistributedFileSystem)
            DistributedFileSystem.newInstance(stack.hdfs(), new Configuration());
  }

  @AfterAll
  static void stop() throws Exception {
    hdfs.close();
    hbase.close();
    api.close();
  }

  @Test
  void aPhotoReadsTheSameFromItsSmallFileAHotVolumeAndAColdOne() throws Exception {
    String token = client.newUserToken("packed");
    byte[] original = TestPhotos.jpeg(64, 48, 7);
    HttpResponse<byte[]> upload = client.upload(token, original, "Moved but unchanged");
    assertThat(upload.statusCode()).as(text(upload)).isEqualTo(201);
    String id = json(upload).getString("id");
    String auth = "Bearer " + token;
    HttpResponse<byte[]> before = original(id, auth);
    assertThat(before.body()).isEqualTo(original);
    String etag = before.headers().firstValue("ETag").orElseThrow();

    long photoId = PublicIds.decode(id).getAsLong();
    PhotoRecord record = photos.find(photoId).get().orElseThrow().record();
    BlobLocation hot =
        writeVolume(new Path(VolumePaths.hot(UUID.randomUUID(), Instant.now())), photoId, original);
    assertThat(photos.moveOriginal(record, hot).get()).isTrue();
    assertReadsTheSame(id, auth, original, etag);

    hdfs.mkdirs(new Path(COLD_TEST_DIR));
    hdfs.enableErasureCodingPolicy("XOR-2-1-1024k");
    hdfs.setErasureCodingPolicy(new Path(COLD_TEST_DIR), "XOR-2-1-1024k");
    Path coldVolume = new Path(COLD_TEST_DIR, UUID.randomUUID() + VolumePaths.EXTENSION);
    BlobLocation cold = writeVolume(coldVolume, photoId, original);
    assertThat(hdfs.getErasureCodingPolicy(coldVolume).getName()).isEqualTo("XOR-2-1-1024k");
    PhotoRecord packed = photos.find(photoId).get().orElseThrow().record();
    assertThat(photos.moveOriginal(packed, cold).get()).isTrue();
    assertReadsTheSame(id, auth, original, etag);
    assertThat(photos.moveOriginal(record, hot).get())
        .as("a stale move (its old location is gone) loses its compare-and-set")
        .isFalse();
  }

  private static void assertReadsTheSame(String id, String auth, byte[] original, String etag)
      throws Exception {
    HttpResponse<byte[]> whole = original(id, auth);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(original);
    assertThat(whole.headers().firstValue("ETag")).contains(etag);
    HttpResponse<byte[]> range =
        client.get(
            "/v1/photos/" + id + "/content?size=original",
            "Authorization",
            auth,
            "Range",
            "bytes=10-99");
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(Arrays.copyOfRange(original, 10, 100));
    HttpResponse<byte[]> cached =
        client.get(
            "/v1/photos/" + id + "/content?size=original",
            "Authorization",
            auth,
            "If-None-Match",
            etag);
    assertThat(cached.statusCode()).isEqualTo(304);
  }

  private static HttpResponse<byte[]> original(String id, String auth) throws Exception {
    return client.get("/v1/photos/" + id + "/content?size=original", "Authorization", auth);
  }

  /** A volume of a filler record and then the photo's, as the pack job lays one out. */
  private static BlobLocation writeVolume(Path path, long photoId, byte[] data) throws Exception {
    byte[] filler = new byte[3_000];
    hdfs.mkdirs(path.getParent());
    VolumeFormat.Entry entry;
    try (FSDataOutputStream out = hdfs.create(path, false)) {
      out.write(VolumeFormat.header(UUID.randomUUID(), System.currentTimeMillis()));
      VolumeFormat.Entry first = append(out, photoId - 1, filler);
      entry = append(out, photoId, data);
      out.write(VolumeFormat.footer(List.of(first, entry), out.getPos()));
    }
    return new BlobLocation(path.toUri().getPath(), entry.dataOffset(), entry.length());
  }

  private static VolumeFormat.Entry append(FSDataOutputStream out, long photoId, byte[] data)
      throws Exception {
    int crc = VolumeFormat.crc32c(data, 0, data.length);
    out.write(VolumeFormat.recordHeader(VolumeFormat.Kind.ORIGINAL, photoId, data.length, crc));
    VolumeFormat.Entry entry =
        new VolumeFormat.Entry(VolumeFormat.Kind.ORIGINAL, photoId, out.getPos(), data.length, crc);
    out.write(data);
    return entry;
  }
}
