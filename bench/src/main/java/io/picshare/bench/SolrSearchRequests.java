package io.picshare.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The query the API sends Solr for {@code GET /v1/search/photos} (every word required, relevance
 * then newest, ids only, the first page of a cursor), sent straight to the core over HTTP/1.1: the
 * raw cost of a search beside the API's.
 */
final class SolrSearchRequests {
  private final URI core;
  private final Duration timeout;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  SolrSearchRequests(URI core, Duration timeout) {
    this.core = requireNonNull(core, "core is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  /** The request for {@code words} (plain lower-case words, as the bench's queries are). */
  URI uri(String words, int limit) {
    return URI.create(
        core
            + "/select?wt=json&fl=id,owner_id&timeAllowed=2000&cursorMark=*&rows="
            + limit
            + "&sort="
            + URLEncoder.encode("score desc,created_at desc,id desc", UTF_8)
            + "&q="
            + URLEncoder.encode(words.toLowerCase(Locale.ROOT), UTF_8));
  }

  /** Sends the query; a 200 is a success. */
  CompletableFuture<Outcome> search(String words, int limit) {
    long started = System.nanoTime();
    HttpRequest request = HttpRequest.newBuilder(uri(words, limit)).timeout(timeout).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, failure) -> {
              long micros = Outcome.microsSince(started);
              if (failure != null) {
                return Outcome.failure(
                    Outcome.transportErrorKey(failure),
                    micros,
                    String.valueOf(Outcome.unwrap(failure)));
              }
              return response.statusCode() == 200
                  ? Outcome.success(micros, response.body().length)
                  : Outcome.failure(
                      Integer.toString(response.statusCode()),
                      micros,
                      new String(response.body(), UTF_8));
            });
  }
}
