package io.picshare.batch.search;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * Where one reindex writes ({@code solrUrl}, the Solr base URL such as {@code
 * http://127.0.0.1:8983/solr}, and {@code core}) and how many documents each update request
 * carries. Handed to the map tasks through the job configuration ({@link #writeTo}, {@link #from}).
 */
public record ReindexSettings(URI solrUrl, String core, int batchSize) {
  /**
   * The Solr base URL a deployment's Hadoop configuration names; the local stack writes it into
   * {@code data/hadoop/conf/picshare-site.xml}.
   */
  public static final String SOLR_URL_KEY = "picshare.solr.url";

  /** Solr's URL when neither {@code --solr-url} nor {@value #SOLR_URL_KEY} names one. */
  public static final String DEFAULT_SOLR_URL = "http://127.0.0.1:8983/solr";

  public static final String DEFAULT_CORE = "photos";
  public static final int MAX_BATCH_SIZE = 100_000;

  static final String CORE_KEY = "picshare.reindex.core";
  static final String BATCH_SIZE_KEY = "picshare.reindex.batch-size";

  private static final Pattern CORE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

  public ReindexSettings {
    requireNonNull(solrUrl, "solrUrl is null");
    requireNonNull(core, "core is null");
    if (!"http".equals(solrUrl.getScheme()) && !"https".equals(solrUrl.getScheme())
        || solrUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "the Solr URL must be http(s)://host[:port]/solr, was: " + solrUrl);
    }
    String url = solrUrl.toString();
    if (url.endsWith("/")) {
      solrUrl = URI.create(url.substring(0, url.length() - 1));
    }
    if (!CORE_NAME.matcher(core).matches()) {
      throw new IllegalArgumentException("not a Solr core or collection name: " + core);
    }
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException(
          "batch size must be in 1.." + MAX_BATCH_SIZE + ": " + batchSize);
    }
  }

  /**
   * {@code solrUrl} if given, else {@value #SOLR_URL_KEY} of {@code conf}, else {@value
   * #DEFAULT_SOLR_URL}.
   */
  static URI solrUrl(String solrUrl, Configuration conf) {
    String url = solrUrl != null ? solrUrl : conf.getTrimmed(SOLR_URL_KEY, DEFAULT_SOLR_URL);
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a URL: " + url, e);
    }
  }

  /** The core's base URL, e.g. {@code http://127.0.0.1:8983/solr/photos}. */
  public URI coreUrl() {
    return URI.create(solrUrl + "/" + core);
  }

  void writeTo(Configuration conf) {
    conf.set(SOLR_URL_KEY, solrUrl.toString());
    conf.set(CORE_KEY, core);
    conf.setInt(BATCH_SIZE_KEY, batchSize);
  }

  /** The settings a task runs with, as {@link #writeTo} left them in its job's configuration. */
  static ReindexSettings from(Configuration conf) {
    String core = conf.get(CORE_KEY);
    if (core == null) {
      throw new IllegalStateException(CORE_KEY + " is not set: not a job ReindexJob created");
    }
    return new ReindexSettings(
        URI.create(conf.get(SOLR_URL_KEY, DEFAULT_SOLR_URL)), core, conf.getInt(BATCH_SIZE_KEY, 0));
  }
}
