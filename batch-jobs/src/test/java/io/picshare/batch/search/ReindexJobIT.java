package io.picshare.batch.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.key.UserPhotoRowKey;
import io.picshare.schema.record.BlobLocation;
import io.picshare.schema.record.PhotoRecord;
import io.picshare.schema.record.UserRecord;
import io.picshare.schema.table.PhotosTable;
import io.picshare.schema.table.UsersTable;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.hadoop.util.ToolRunner;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reindex submitted to the local stack's real YARN, from photos in its HBase into its real Solr
 * holding a dirty index: a document of a photo that never existed, one of a photo since deleted,
 * one with an outdated title and like count (all stamped by an earlier run), and one a worker wrote
 * just before the run. Afterwards the core holds exactly one document per live photo with the
 * fields the workers would write, and the stale ones are gone, except the one written within the
 * clock-skew margin. The job finds Solr through the {@code picshare-site.xml} the launcher writes.
 */
@ExtendWith(LocalStackExtension.class)
class ReindexJobIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EARLIER_RUN = "2020-01-01T00:00:00Z";

  // Ana and Bob have user rows (usernames are stored lower-case); Cy has none.
  private static final long ANA = 8_000_001, BOB = 8_000_002, CY = 8_000_003;
  private static final long CREATED = Instant.parse("2026-05-30T12:00:00Z").toEpochMilli();

  private static Configuration conf;
  private static Connection hbase;
  private static URI core;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void connect(StackEndpoints stack) throws IOException {
    conf = HBaseConfiguration.create();
    try (Stream<Path> files = Files.list(stack.hadoopConfDir())) {
      files
          .filter(file -> file.toString().endsWith("-site.xml"))
          .forEach(file -> conf.addResource(new org.apache.hadoop.fs.Path(file.toUri())));
    }
    hbase = ConnectionFactory.createConnection(conf);
    core = stack.solrPhotosCore();
  }

  @AfterAll
  static void close() throws IOException {
    hbase.close();
  }

  @Test
  void rebuildsTheIndexFromHBaseOnYarnAndRemovesWhatItDidNotWrite(StackEndpoints stack)
      throws Exception {
    assertThat(conf.get(ReindexSettings.SOLR_URL_KEY))
        .as("the launcher names its Solr in data/hadoop/conf/picshare-site.xml")
        .isEqualTo(stack.solr().toString());

    try (Table users = hbase.getTable(UsersTable.NAME)) {
      users.put(
          List.of(
              new UserRecord(ANA, "Ana", "hash", CREATED).toPut(),
              new UserRecord(BOB, "bob", "hash", CREATED).toPut()));
    }
    List<Put> photos = new ArrayList<>();
    photos.add(photo(ANA, 8_100_001, "Sunset at the beach", 3));
    photos.add(photo(ANA, 8_100_002, "Café in Lisbon", 0));
    photos.add(photo(BOB, 8_100_003, "Harbour lights", 12));
    photos.add(photo(CY, 8_100_004, "Owner without a profile", 1));
    photos.add( // deleted: carries a deletion mark
        photo(BOB, 8_100_005, "Deleted one", 0)
            .addColumn(PhotosTable.METADATA, PhotosTable.DELETION_EVENT, Bytes.toBytes(9L)));
    photos.add( // a like counted while its photo was purged
        new Put(new UserPhotoRowKey(BOB, 8_100_006).encode())
            .addColumn(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT, Bytes.toBytes(2L)));
    photos.add( // committed (m:sh) but without its other cells
        new Put(new UserPhotoRowKey(BOB, 8_100_007).encode())
            .addColumn(PhotosTable.METADATA, PhotosTable.SHA256, new byte[32]));
    try (Table table = hbase.getTable(PhotosTable.NAME)) {
      table.put(photos);
    }

    // The dirty index: what an earlier run or the workers left.
    post(
        "["
            + document(8_199_999, BOB, "bob", "Never existed", EARLIER_RUN)
            + ","
            + document(8_100_005, BOB, "bob", "Deleted one", EARLIER_RUN)
            + ","
            + document(8_100_003, BOB, "bob", "Harbor light (old title)", EARLIER_RUN)
            + "]");
    // Written by a worker a moment ago: Solr stamps it (indexed_at default NOW), so it is within
    // the 5-minute margin and survives this run even though its photo does not exist.
    post("[" + document(8_199_998, BOB, "bob", "Just indexed", null) + "]");
    commit();

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ReindexJob job = new ReindexJob(new PrintStream(printed, true, StandardCharsets.UTF_8));
    int exit = ToolRunner.run(new Configuration(conf), job, new String[] {"--batch-size", "2"});
    String output = printed.toString(StandardCharsets.UTF_8);
    System.out.print(output);
    assertThat(exit).as(output).isZero();

    Map<String, Instant> stamps = new HashMap<>();
    Map<String, JsonNode> documents = documents(stamps);
    assertThat(documents.get(id(8_100_001)))
        .isEqualTo(expected(8_100_001, ANA, "ana", "Sunset at the beach", 3));
    assertThat(documents.get(id(8_100_002)))
        .isEqualTo(expected(8_100_002, ANA, "ana", "Café in Lisbon", 0));
    assertThat(documents.get(id(8_100_003)))
        .as("the outdated document is replaced")
        .isEqualTo(expected(8_100_003, BOB, "bob", "Harbour lights", 12));
    assertThat(documents.get(id(8_100_004)))
        .isEqualTo(expected(8_100_004, CY, "", "Owner without a profile", 1));
    assertThat(documents)
        .as("the photo that never existed and the deleted one are gone")
        .doesNotContainKeys(id(8_199_999), id(8_100_005), id(8_100_006), id(8_100_007))
        .containsKey(id(8_199_998));
    LiveRows live = liveRows();
    Set<String> expectedIds = new HashSet<>(live.ids());
    expectedIds.add(id(8_199_998));
    assertThat(documents.keySet())
        .as("exactly one document per live photo in HBase (other tests' photos too)")
        .isEqualTo(expectedIds);
    assertThat(stamps)
        .as("every document carries Solr's stamp, from this run or just before it")
        .allSatisfy((id, stamp) -> assertThat(stamp).isAfter(Instant.parse(EARLIER_RUN)));

    assertThat(search("beaches sunset")).containsExactly(id(8_100_001));
    assertThat(search("cafe")).containsExactly(id(8_100_002));
    assertThat(search("harbor")).as("the old title no longer matches").isEmpty();

    assertThat(job.lastResult().orElseThrow().counters())
        .isEqualTo(
            Map.of(
                ReindexCounters.PHOTOS_READ, live.rowsRead(),
                ReindexCounters.DOCUMENTS_WRITTEN, (long) live.ids().size(),
                ReindexCounters.DELETED_PHOTOS_SKIPPED, live.absent(),
                ReindexCounters.BAD_ROWS, live.bad(),
                ReindexCounters.STALE_DOCUMENTS_REMOVED, 2L));
    assertThat(live.absent()).isGreaterThanOrEqualTo(2);
    assertThat(live.bad()).isGreaterThanOrEqualTo(1);
    assertThat(output)
        .contains("photos-read ", "documents-written ", "stale-documents-removed ", "bad-rows ");

    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(conf);
      yarn.start();
      List<ApplicationReport> runs =
          yarn.getApplications(Set.of("MAPREDUCE")).stream()
              .filter(app -> app.getName().startsWith("picshare reindex"))
              .toList();
      assertThat(runs)
          .as("the job ran as a YARN application")
          .hasSize(1)
          .allSatisfy(
              app ->
                  assertThat(app.getFinalApplicationStatus())
                      .isEqualTo(FinalApplicationStatus.SUCCEEDED));
    }
  }

  private static Put photo(long owner, long photoId, String title, long likes) {
    return new PhotoRecord(
            photoId,
            owner,
            title,
            "image/jpeg",
            1234,
            48,
            32,
            1,
            null,
            null,
            "cd".repeat(32),
            new BlobLocation("/photos/" + photoId, 0, 1234),
            CREATED)
        .toPut()
        .addColumn(PhotosTable.COUNTERS, PhotosTable.LIKE_COUNT, Bytes.toBytes(likes));
  }

  private static String id(long photoId) {
    return PublicIds.encode(photoId);
  }

  /** A document as an earlier writer left it; {@code indexedAt} null: let Solr stamp it. */
  private static String document(
      long photoId, long owner, String username, String title, String indexedAt) {
    return "{\"id\":\""
        + id(photoId)
        + "\",\"owner_id\":\""
        + PublicIds.encode(owner)
        + "\",\"owner\":\""
        + username
        + "\",\"title\":\""
        + title
        + "\",\"created_at\":\"2026-05-30T12:00:00Z\",\"like_count\":1"
        + (indexedAt == null ? "" : ",\"indexed_at\":\"" + indexedAt + "\"")
        + "}";
  }

  /** The stored fields the workers' indexer would write for the photo (indexed_at aside). */
  private static JsonNode expected(
      long photoId, long owner, String username, String title, int likes) {
    return JSON.createObjectNode()
        .put("id", id(photoId))
        .put("owner_id", PublicIds.encode(owner))
        .put("owner", username)
        .put("title", title)
        .put("created_at", "2026-05-30T12:00:00Z")
        .put("like_count", likes);
  }

  /** Every document of the core by id, its stored fields but indexed_at, put in {@code stamps}. */
  private static Map<String, JsonNode> documents(Map<String, Instant> stamps) throws Exception {
    JsonNode response =
        get(
            "select?q=*:*&rows=10000&wt=json"
                + "&fl=id,owner_id,owner,title,created_at,like_count,indexed_at");
    Map<String, JsonNode> documents = new HashMap<>();
    for (JsonNode document : response.path("response").path("docs")) {
      ObjectNode fields = (ObjectNode) document.deepCopy();
      String id = fields.get("id").asText();
      JsonNode stamp = fields.remove("indexed_at");
      assertThat(stamp).as("indexed_at of " + id).isNotNull();
      stamps.put(id, Instant.parse(stamp.asText()));
      documents.put(id, fields);
    }
    assertThat(documents).hasSize(response.path("response").path("numFound").asInt());
    return documents;
  }

  private static List<String> search(String words) throws Exception {
    List<String> ids = new ArrayList<>();
    for (JsonNode document :
        get("select?wt=json&fl=id&q=" + URLEncoder.encode(words, StandardCharsets.UTF_8))
            .path("response")
            .path("docs")) {
      ids.add(document.get("id").asText());
    }
    return ids;
  }

  /** What the photos table holds, read here by the API's rule of a live photo. */
  private record LiveRows(List<String> ids, long rowsRead, long absent, long bad) {}

  private static LiveRows liveRows() throws IOException {
    List<String> ids = new ArrayList<>();
    long rows = 0, absent = 0, bad = 0;
    try (Table table = hbase.getTable(PhotosTable.NAME);
        ResultScanner scanner = table.getScanner(new Scan())) {
      for (Result row : scanner) {
        rows++;
        if (!row.containsColumn(PhotosTable.METADATA, PhotosTable.SHA256)
            || row.containsColumn(PhotosTable.METADATA, PhotosTable.DELETION_EVENT)) {
          absent++;
          continue;
        }
        try {
          ids.add(id(PhotoRecord.fromResult(row).photoId()));
        } catch (IllegalArgumentException e) {
          bad++;
        }
      }
    }
    return new LiveRows(ids, rows, absent, bad);
  }

  private static void post(String json) throws Exception {
    send(
        HttpRequest.newBuilder(URI.create(core + "/update?wt=json"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  private static void commit() throws Exception {
    post("{\"commit\":{}}");
  }

  private static JsonNode get(String pathAndQuery) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(core + "/" + pathAndQuery)).GET());
  }

  private static JsonNode send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
