package io.picshare.batch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class ReindexSettingsTest {
  @Test
  void roundTripsThroughTheJobConfiguration() {
    ReindexSettings settings =
        new ReindexSettings(URI.create("http://solr1:8983/solr/"), "photos_v2", 250);
    Configuration conf = new Configuration(false);
    settings.writeTo(conf);

    assertThat(ReindexSettings.from(conf)).isEqualTo(settings);
    assertThat(settings.coreUrl()).isEqualTo(URI.create("http://solr1:8983/solr/photos_v2"));
  }

  @Test
  void solrUrlComesFromTheOptionThenTheConfigurationThenTheDefault() {
    Configuration conf = new Configuration(false);
    assertThat(ReindexSettings.solrUrl(null, conf))
        .isEqualTo(URI.create("http://127.0.0.1:8983/solr"));
    conf.set(ReindexSettings.SOLR_URL_KEY, " http://127.0.0.1:40001/solr ");
    assertThat(ReindexSettings.solrUrl(null, conf))
        .isEqualTo(URI.create("http://127.0.0.1:40001/solr"));
    assertThat(ReindexSettings.solrUrl("https://search:8984/solr", conf))
        .isEqualTo(URI.create("https://search:8984/solr"));
  }

  @Test
  void refusesWhatCouldNotWork() {
    URI solr = URI.create("http://127.0.0.1:8983/solr");
    assertThatThrownBy(() -> new ReindexSettings(URI.create("ftp://x/solr"), "photos", 500))
        .hasMessageContaining("http(s)");
    assertThatThrownBy(() -> new ReindexSettings(solr, "photos/../admin", 500))
        .hasMessageContaining("core");
    assertThatThrownBy(() -> new ReindexSettings(solr, "photos", 0))
        .hasMessageContaining("batch size");
    assertThatThrownBy(() -> ReindexSettings.from(new Configuration(false)))
        .isInstanceOf(IllegalStateException.class);
  }
}
