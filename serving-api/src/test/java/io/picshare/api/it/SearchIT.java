package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static io.picshare.api.it.ApiClient.titles;
import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.common.SolrDocumentList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Search end to end on the real stack: uploads indexed by the workers' consumer through Kafka into
 * Solr, found by how people type (plurals, accents, case), paged by cursor without duplicates or
 * gaps, deleted photos never shown, like counts carried to the index, users found by prefix. Every
 * title carries a word unique to this run, since the index is shared with other tests.
 */
@ExtendWith(LocalStackExtension.class)
class SearchIT {
  private static PicShareApi api;
  private static PicShareApi workers;
  private static ApiClient client;
  private static SolrClient solr;
  private static String token;

  @BeforeAll
  static void start(StackEndpoints stack) throws Exception {
    api = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
    workers =
        PicShareApi.start(StackConfigs.api(stack, Map.of("role", "workers")))
            .await(60, TimeUnit.SECONDS);
    client = new ApiClient(api.port());
    solr = new HttpJdkSolrClient.Builder(stack.solr().toString()).build();
    String name = "finder_" + UUID.randomUUID().toString().substring(0, 8);
    client.signUp(name);
    token = client.logIn(name);
  }

  @AfterAll
  static void stop() throws Exception {
    solr.close();
    workers.close();
    api.close();
  }

  /** A word no other test's title has: letters only, ending in x so no stemmer touches it. */
  private static String uniqueWord() {
    StringBuilder word = new StringBuilder("zq");
    for (int i = 0; i < 8; i++) {
      word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return word.append('x').toString();
  }

  private static String upload(String title) throws Exception {
    HttpResponse<byte[]> response =
        client.upload(
            token, TestPhotos.jpeg(32, 24, ThreadLocalRandom.current().nextLong()), title);
    assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
    return json(response).getString("id");
  }

  private static JsonObject search(String q, String more) throws Exception {
    HttpResponse<byte[]> response =
        client.get("/v1/search/photos?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + more);
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    return json(response);
  }

  /** Waits until {@code q} finds {@code count} photos (indexing is asynchronous). */
  private static List<String> found(String q, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<String> titles = titles(search(q, "&limit=100"));
    while (titles.size() != count && System.nanoTime() < deadline) {
      Thread.sleep(200);
      titles = titles(search(q, "&limit=100"));
    }
    return titles;
  }

  @Test
  void titlesAreFoundTheWayPeopleTypeThem() throws Exception {
    String tag = uniqueWord();
    String sunset = "Sunset at the Beach " + tag;
    String cafe = "Café de Flore " + tag;
    String volleyball = "Beach volleyball " + tag;
    String lisbon = "Sunsets over Lisbon " + tag;
    String running = "Running in the park " + tag;
    for (String title : List.of(sunset, cafe, volleyball, lisbon, running)) {
      upload(title);
    }
    assertThat(found(tag, 5)).hasSize(5);

    assertThat(found(tag + " beach sunsets", 1)).containsExactly(sunset);
    assertThat(found(tag + " cafe", 1)).containsExactly(cafe);
    assertThat(found("CAFÉ " + tag.toUpperCase(), 1)).containsExactly(cafe);
    assertThat(found(tag + " sunset", 2)).containsExactlyInAnyOrder(sunset, lisbon);
    assertThat(found(tag + " beaches", 2)).containsExactlyInAnyOrder(sunset, volleyball);
    assertThat(found(tag + " parks", 1)).containsExactly(running);
    assertThat(found(tag + " lisbon beach", 0)).as("every word must match").isEmpty();
    assertThat(found(tag + " title:beach", 0)).as("no field syntax").isEmpty();
  }

  @Test
  void pagesFollowRelevanceThenNewestWithoutDuplicatesOrGaps() throws Exception {
    String tag = uniqueWord();
    List<String> uploaded = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      String title = "Harbour lights " + tag + " " + i;
      upload(title);
      uploaded.add(0, title); // equally relevant: newest first
    }
    assertThat(found(tag, 7)).hasSize(7);

    List<String> paged = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = search(tag, "&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
      paged.addAll(titles(page));
      cursor = page.getString("next_cursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(paged).containsExactlyElementsOf(uploaded);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void deletedPhotosAreNeverShownAndLikesReachTheIndex() throws Exception {
    String tag = uniqueWord();
    String kept = upload("Mountain lake " + tag);
    String deleted = upload("Mountain road " + tag);
    assertThat(found(tag + " mountain", 2)).hasSize(2);

    assertThat(client.delete("/v1/photos/" + deleted, token).statusCode()).isEqualTo(204);
    assertThat(titles(search(tag + " mountain", "")))
        .as("checked against HBase at once, before the index catches up")
        .containsExactly("Mountain lake " + tag);
    assertThat(indexed("id:" + deleted, 0)).as("then removed from the index").isEmpty();

    assertThat(client.put("/v1/photos/" + kept + "/like", token).statusCode()).isEqualTo(204);
    SolrDocumentList liked = indexed("id:" + kept + " AND like_count:1", 1);
    assertThat(liked).hasSize(1);
    assertThat(client.delete("/v1/photos/" + kept + "/like", token).statusCode()).isEqualTo(204);
    assertThat(indexed("id:" + kept + " AND like_count:0", 1)).hasSize(1);
  }

  /** Waits until the raw Solr query {@code q} matches {@code count} documents. */
  private static SolrDocumentList indexed(String q, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    SolrQuery query = new SolrQuery(q);
    query.set("defType", "lucene");
    SolrDocumentList documents = solr.query("photos", query).getResults();
    while (documents.size() != count && System.nanoTime() < deadline) {
      Thread.sleep(200);
      documents = solr.query("photos", query).getResults();
    }
    return documents;
  }

  @Test
  void usersAreFoundByTheStartOfTheirUsername() throws Exception {
    String prefix = "pre" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    for (String suffix : List.of("_bob", "_ann")) {
      assertThat(client.postJson("/v1/users", ApiClient.credentials(prefix + suffix)).statusCode())
          .isEqualTo(201);
    }
    List<String> names = new ArrayList<>();
    json(client.get("/v1/search/users?q=" + prefix.toUpperCase()))
        .getJsonArray("items")
        .forEach(u -> names.add(((JsonObject) u).getString("username")));
    assertThat(names).containsExactly(prefix + "_ann", prefix + "_bob");
    assertThat(json(client.get("/v1/search/users?q=" + prefix + "_a")).getJsonArray("items"))
        .hasSize(1);
    assertThat(json(client.get("/v1/search/users?q=no%20body")).getJsonArray("items")).isEmpty();
  }
}
