package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import io.picshare.api.PicShareApi;
import io.picshare.api.domain.photo.BlobStore;
import io.picshare.api.events.PhotoEvent;
import io.picshare.api.events.PhotoEventCodec;
import io.picshare.api.storage.HdfsBlobStore;
import io.picshare.api.workers.EventConsumer;
import io.picshare.api.workers.RenditionWorker;
import io.picshare.data.PhotoRow;
import io.picshare.data.PhotoStore;
import io.picshare.data.hbase.HBaseConnection;
import io.picshare.data.hbase.HBasePhotoStore;
import io.picshare.media.RenditionRenderer;
import io.picshare.media.TestImages;
import io.picshare.schema.blob.PhotoPaths;
import io.picshare.schema.id.IdGenerator;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Display renditions end to end on the real stack: an API and a workers instance, a JPEG with GPS
 * EXIF turned into stripped, upright sizes; the original and the location for the owner only; an
 * image that passed the upload checks but cannot be decoded recorded as failed without stopping the
 * consumer; a replayed event rebuilding nothing; a photo deleted while rendering leaving no file.
 */
@ExtendWith(LocalStackExtension.class)
class RenditionsIT {
  /** What a metadata reader may find in a rendition: the JPEG's own structure, nothing personal. */
  private static final Set<String> STRUCTURE_ONLY = Set.of("JPEG", "JFIF", "Huffman", "File Type");

  /** Generous: in a full run the workers first work through the photos earlier ITs uploaded. */
  private static final Duration RENDITION_WAIT = Duration.ofSeconds(120);

  private static PicShareApi api;
  private static PicShareApi workers;
  private static HBaseConnection hbase;
  private static PhotoStore photos;
  private static FileSystem hdfs;
  private static ApiClient client;
  private static ApiClient workersAdmin;
  private static StackEndpoints endpoints;

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    endpoints = stack;
    api = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
    workers =
        PicShareApi.start(StackConfigs.api(stack, Map.of("role", "workers")))
            .await(60, TimeUnit.SECONDS);
    hbase = StackConfigs.hbase(stack);
    photos = new HBasePhotoStore(hbase);
    hdfs = FileSystem.newInstance(stack.hdfs(), new Configuration());
    client = new ApiClient(api.port());
    workersAdmin = new ApiClient(workers.adminPort());
  }

  @AfterAll
  static void stop() throws Exception {
    workers.close();
    api.close();
    hdfs.close();
    hbase.close();
  }

  @Test
  void gpsTaggedJpegGetsStrippedUprightSizesAndOnlyItsOwnerTheOriginalAndLocation()
      throws Exception {
    String ownerToken = client.newUserToken("geo");
    String strangerToken = client.newUserToken("nosy");
    // Stored 1600 x 1200, EXIF orientation 6 (shown rotated 90° clockwise: 1200 x 1600), GPS.
    byte[] original =
        TestImages.jpegWithExif(TestImages.jpeg(1600, 1200), TestImages.exif(6, 38.7223, -9.1393));
    assertThat(directories(original)).contains("GPS", "Exif IFD0");
    HttpResponse<byte[]> upload = client.upload(ownerToken, original, "Praça do Comércio");
    assertThat(upload.statusCode()).as(text(upload)).isEqualTo(201);
    JsonObject created = json(upload);
    String id = created.getString("id");
    assertThat(created.getJsonObject("location")).as("the owner sees it").isNotNull();
    assertThat(created.getString("sizes_state")).isEqualTo("pending");

    JsonObject ready = awaitSizes(id, "ready");

    JsonObject sizes = ready.getJsonObject("sizes");
    assertThat(sizes.fieldNames()).containsExactlyInAnyOrder("thumb", "small", "medium", "large");
    assertThat(dimensions(sizes, "thumb")).containsExactly(150, 150);
    assertThat(dimensions(sizes, "small")).containsExactly(320, 427);
    assertThat(dimensions(sizes, "medium")).containsExactly(640, 853);
    assertThat(dimensions(sizes, "large")).containsExactly(1080, 1440);
    for (String size : sizes.fieldNames()) {
      JsonObject expected = sizes.getJsonObject(size);
      assertThat(expected.getString("url")).isEqualTo("/v1/photos/" + id + "/content?size=" + size);
      HttpResponse<byte[]> content = client.get(expected.getString("url"));
      assertThat(content.statusCode()).as(size).isEqualTo(200);
      assertThat(content.headers().firstValue("Content-Type")).hasValue("image/jpeg");
      assertThat(content.headers().firstValue("Cache-Control"))
          .hasValue("public, max-age=86400, immutable");
      assertThat(content.headers().firstValue("PicShare-Size")).hasValue(size);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(content.body()));
      assertThat(image.getWidth()).as(size).isEqualTo(expected.getInteger("width"));
      assertThat(image.getHeight()).as(size).isEqualTo(expected.getInteger("height"));
      assertThat(directories(content.body()))
          .as(size + ": no EXIF, GPS, XMP or ICC")
          .isSubsetOf(STRUCTURE_ONLY);
      String etag = content.headers().firstValue("ETag").orElseThrow();
      assertThat(client.get(expected.getString("url"), "If-None-Match", etag).statusCode())
          .isEqualTo(304);
    }
    HttpResponse<byte[]> range =
        client.get("/v1/photos/" + id + "/content?size=thumb", "Range", "bytes=0-1");
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).containsExactly(0xFF, 0xD8);

    // The original, byte-identical with its EXIF, to its owner only.
    String owner = "Bearer " + ownerToken;
    HttpResponse<byte[]> mine =
        client.get("/v1/photos/" + id + "/content?size=original", "Authorization", owner);
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(mine.body()).isEqualTo(original);
    assertThat(mine.headers().firstValue("Cache-Control"))
        .hasValue("private, max-age=86400, immutable");
    assertThat(client.get("/v1/photos/" + id + "/content", "Authorization", owner).body())
        .as("no size: the owner's original")
        .isEqualTo(original);
    HttpResponse<byte[]> others = client.get("/v1/photos/" + id + "/content");
    assertThat(others.headers().firstValue("PicShare-Size")).as("no size: large").hasValue("large");
    assertThat(others.headers().firstValue("Vary")).hasValue("Authorization");
    assertThat(directories(others.body())).isSubsetOf(STRUCTURE_ONLY);
    for (Optional<String> other :
        List.of(Optional.of("Bearer " + strangerToken), Optional.<String>empty())) {
      HttpResponse<byte[]> refused =
          other.isPresent()
              ? client.get(
                  "/v1/photos/" + id + "/content?size=original", "Authorization", other.get())
              : client.get("/v1/photos/" + id + "/content?size=original");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(json(refused).getString("code")).isEqualTo("forbidden");
      JsonObject seen =
          other.isPresent()
              ? json(client.get("/v1/photos/" + id, "Authorization", other.get()))
              : json(client.get("/v1/photos/" + id));
      assertThat(seen.containsKey("location")).isFalse();
      assertThat(text(client.get("/v1/users/" + created.getString("owner") + "/photos")))
          .doesNotContain("location")
          .doesNotContain("38.72");
    }
    assertThat(
            json(client.get("/v1/photos/" + id, "Authorization", owner))
                .getJsonObject("location")
                .getDouble("lat"))
        .isCloseTo(38.7223, org.assertj.core.data.Offset.offset(1e-4));

    // A replayed event changes nothing: the same set, still one file.
    long photoId = PublicIds.decode(id).orElseThrow();
    PhotoRow row = photos.find(photoId).get().orElseThrow();
    long skippedBefore = metric("picshare_renditions_skipped_total");
    try (KafkaProducer<String, byte[]> producer = producer()) {
      PhotoEvent event =
          new PhotoEvent(1, PhotoEvent.Type.UPLOADED, 0, created.getString("owner"), row.record());
      producer
          .send(new ProducerRecord<>("photo-uploaded", id, PhotoEventCodec.encode(event)))
          .get();
    }
    awaitMetric("picshare_renditions_skipped_total", value -> value > skippedBefore);
    assertThat(photos.find(photoId).get().orElseThrow().renditions()).isEqualTo(row.renditions());
    assertThat(renditionFiles(photoId)).hasSize(1);
  }

  @Test
  void anImageNoDecoderCanReadIsRecordedFailedAndTheConsumerMovesOn() throws Exception {
    String token = client.newUserToken("broken");
    // Valid WebP headers, no pixel data: the upload checks (headers only) accept it.
    HttpResponse<byte[]> broken =
        client.upload(token, TestImages.webpLossless(2000, 2000), "no pixels");
    assertThat(broken.statusCode()).as(text(broken)).isEqualTo(201);
    HttpResponse<byte[]> fine = client.upload(token, TestImages.jpeg(400, 300), "after it");
    assertThat(fine.statusCode()).as(text(fine)).isEqualTo(201);
    String brokenId = json(broken).getString("id");

    assertThat(awaitSizes(brokenId, "failed").getJsonObject("sizes")).isEmpty();
    assertThat(awaitSizes(json(fine).getString("id"), "ready").getJsonObject("sizes").fieldNames())
        .containsExactlyInAnyOrder("thumb", "small", "medium");
    long photoId = PublicIds.decode(brokenId).orElseThrow();
    assertThat(photos.find(photoId).get().orElseThrow().renditionFailure())
        .hasValue("malformed-image");
    assertThat(metric("picshare_renditions_failed_total")).isGreaterThanOrEqualTo(1);
    HttpResponse<byte[]> others = client.get("/v1/photos/" + brokenId + "/content?size=thumb");
    assertThat(others.statusCode()).isEqualTo(404);
    assertThat(json(others).getString("code")).isEqualTo("rendition-failed");
    assertThat(
            client
                .get("/v1/photos/" + brokenId + "/content", "Authorization", "Bearer " + token)
                .statusCode())
        .as("the owner still gets the original")
        .isEqualTo(200);
    assertThat(renditionFiles(photoId)).isEmpty();
  }

  @Test
  void aPhotoDeletedWhileItsRenditionsAreBuiltKeepsNoFile() throws Exception {
    // A photo stored beneath the API, without an upload event (the running workers never see it),
    // rendered by a worker whose blob store deletes the photo through the API just before the
    // renditions are written.
    String username = "gone_" + java.util.UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<byte[]> signUp = client.postJson("/v1/users", ApiClient.credentials(username));
    assertThat(signUp.statusCode()).as(text(signUp)).isEqualTo(201);
    long ownerId = PublicIds.decode(json(signUp).getString("id")).orElseThrow();
    String token = client.logIn(username);
    long photoId = new IdGenerator(1023, java.time.Clock.systemUTC()).next();
    String id = PublicIds.encode(photoId);
    byte[] original = TestImages.jpeg(640, 480);

    Vertx vertx = Vertx.vertx();
    try (HdfsBlobStore hdfsBlobs =
            HdfsBlobStore.open(vertx, StackConfigs.api(endpoints).storage());
        RenditionWorker worker =
            new RenditionWorker(
                photos,
                deletingOnWrite(hdfsBlobs, id, token),
                new RenditionRenderer(),
                1,
                () -> 42)) {
      String path = PhotoPaths.incoming(photoId, "jpg");
      hdfsBlobs.write(path, original).await(30, TimeUnit.SECONDS);
      PhotoRecord record =
          new PhotoRecord(
              photoId,
              ownerId,
              "short-lived",
              "image/jpeg",
              original.length,
              640,
              480,
              1,
              null,
              null,
              java.util.HexFormat.of()
                  .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(original)),
              BlobLocation.wholeFile(path, original.length),
              System.currentTimeMillis());
      assertThat(photos.insertLookupIfAbsent(record).get()).isTrue();
      assertThat(photos.insertRowIfAbsent(record).get()).isTrue();
      assertThat(client.get("/v1/photos/" + id).statusCode()).isEqualTo(200);

      PhotoEvent event = new PhotoEvent(1, PhotoEvent.Type.UPLOADED, 0, username, record);
      worker.handle(
          List.of(new EventConsumer.Event("photo-uploaded", id, PhotoEventCodec.encode(event))));

      assertThat(worker.built()).isZero();
      assertThat(worker.skipped()).isEqualTo(1);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    assertThat(photos.find(photoId).get()).as("deleted").isEmpty();
    assertThat(hdfs.exists(new Path(PhotoPaths.renditions(photoId, 42))))
        .as("the file written for the deleted photo was removed")
        .isFalse();
  }

  /** A blob store that deletes the photo through the API just before writing its renditions. */
  private static BlobStore deletingOnWrite(BlobStore blobs, String id, String token) {
    return new BlobStore() {
      @Override
      public Future<Void> write(String path, byte[] bytes) {
        try {
          assertThat(client.delete("/v1/photos/" + id, token).statusCode()).isEqualTo(204);
        } catch (Exception e) {
          return Future.failedFuture(e);
        }
        return blobs.write(path, bytes);
      }

      @Override
      public Future<byte[]> read(String path, long offset, int length) {
        return blobs.read(path, offset, length);
      }

      @Override
      public Future<ReadStream<Buffer>> openRange(String path, long offset, long length) {
        return blobs.openRange(path, offset, length);
      }

      @Override
      public Future<Boolean> delete(String path) {
        return blobs.delete(path);
      }
    };
  }

  /** Polls the photo's JSON until its {@code sizes_state} is {@code state}. */
  private static JsonObject awaitSizes(String id, String state) throws Exception {
    long deadline = System.nanoTime() + RENDITION_WAIT.toNanos();
    JsonObject photo;
    do {
      api.relayOutbox().await(10, TimeUnit.SECONDS);
      photo = json(client.get("/v1/photos/" + id));
      if (state.equals(photo.getString("sizes_state"))) {
        return photo;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("photo " + id + " is still " + photo.getString("sizes_state"));
  }

  private static List<Integer> dimensions(JsonObject sizes, String size) {
    JsonObject entry = sizes.getJsonObject(size);
    return List.of(entry.getInteger("width"), entry.getInteger("height"));
  }

  /** The rendition files in HDFS of this photo (any attempt). */
  private static List<String> renditionFiles(long photoId) throws Exception {
    Path directory = new Path(PhotoPaths.renditions(photoId, 0)).getParent();
    List<String> files = new ArrayList<>();
    if (!hdfs.exists(directory)) {
      return files;
    }
    for (FileStatus file : hdfs.listStatus(directory)) {
      if (file.getPath().getName().startsWith(PublicIds.encode(photoId) + "-")) {
        files.add(file.getPath().getName());
      }
    }
    return files;
  }

  private static long metric(String name) throws Exception {
    for (String line : text(workersAdmin.get("/metrics")).split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no metric " + name);
  }

  private static void awaitMetric(String name, Predicate<Long> condition) throws Exception {
    long deadline = System.nanoTime() + RENDITION_WAIT.toNanos();
    while (!condition.test(metric(name))) {
      assertThat(System.nanoTime()).as("waiting for " + name).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap()),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static Set<String> directories(byte[] image) throws Exception {
    Set<String> names = new TreeSet<>();
    for (Directory directory :
        ImageMetadataReader.readMetadata(new ByteArrayInputStream(image)).getDirectories()) {
      names.add(directory.getName());
    }
    return names;
  }
}
