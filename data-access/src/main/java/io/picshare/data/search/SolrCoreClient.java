package io.picshare.data.search;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Solr core over plain HTTP/1.1 with the JDK's client and Solr's JSON handlers, for code that
 * cannot have SolrJ on its classpath (MapReduce tasks: SolrJ's dependencies clash with Hadoop's).
 * Every call blocks; a reply other than 200 fails with an {@link IOException} that carries Solr's
 * answer.
 */
public final class SolrCoreClient {
  private static final Pattern NUM_FOUND = Pattern.compile("\"numFound\"\\s*:\\s*(\\d+)");
  private static final int ERROR_BODY_CHARS = 500;

  private final URI coreUrl;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param coreUrl the core's base URL, e.g. {@code http://127.0.0.1:8983/solr/photos}
   * @param timeout how long one request may take
   */
  public SolrCoreClient(URI coreUrl, Duration timeout) {
    this.coreUrl = requireNonNull(coreUrl, "coreUrl is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
    // HTTP/1.1: the JDK's h2c upgrade to Solr's Jetty breaks for good when Solr restarts.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  public URI coreUrl() {
    return coreUrl;
  }

  /** Adds (or replaces, by id) the documents, each a JSON object; visible after a commit. */
  public void add(List<PhotoDocument> documents) throws IOException, InterruptedException {
    if (documents.isEmpty()) {
      return;
    }
    StringBuilder body = new StringBuilder(documents.size() * 200);
    body.append('[');
    for (int i = 0; i < documents.size(); i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append(documents.get(i).toJson());
    }
    post("update?wt=json", body.append(']').toString());
  }

  /** How many documents match {@code filterQuery} (Lucene syntax), by the last commit. */
  public long count(String filterQuery) throws IOException, InterruptedException {
    String body =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        coreUrl
                            + "/select?q=*:*&rows=0&wt=json&fq="
                            + URLEncoder.encode(filterQuery, StandardCharsets.UTF_8)))
                .GET());
    Matcher numFound = NUM_FOUND.matcher(body);
    if (!numFound.find()) {
      throw new IOException("Solr's answer has no numFound: " + abbreviate(body));
    }
    return Long.parseLong(numFound.group(1));
  }

  /** Deletes every document matching {@code query} (Lucene syntax), then commits. */
  public void deleteByQueryAndCommit(String query) throws IOException, InterruptedException {
    post("update?commit=true&wt=json", "{\"delete\":{\"query\":" + SolrJson.string(query) + "}}");
  }

  /** Makes everything added so far durable and visible to searches. */
  public void commit() throws IOException, InterruptedException {
    post("update?commit=true&wt=json", "{\"commit\":{}}");
  }

  private void post(String pathAndQuery, String json) throws IOException, InterruptedException {
    send(
        HttpRequest.newBuilder(URI.create(coreUrl + "/" + pathAndQuery))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpRequest built = request.timeout(timeout).build();
    HttpResponse<String> response =
        http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new IOException(
          "Solr answered "
              + response.statusCode()
              + " to "
              + built.method()
              + " "
              + built.uri()
              + ": "
              + abbreviate(response.body()));
    }
    return response.body();
  }

  private static String abbreviate(String body) {
    String flat = body.strip().replace('\n', ' ');
    return flat.length() <= ERROR_BODY_CHARS ? flat : flat.substring(0, ERROR_BODY_CHARS) + "…";
  }
}
