package io.picshare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TitleWordsTest {
  private final TitleWords titles = new TitleWords(1);

  @Test
  void theSameSeedGivesTheSameTitlesAndAnotherSeedOthers() {
    assertThat(new TitleWords(1).title(42)).isEqualTo(titles.title(42));
    Set<String> first = new HashSet<>();
    Set<String> other = new HashSet<>();
    for (int n = 0; n < 100; n++) {
      first.add(titles.title(n));
      other.add(new TitleWords(2).title(n));
    }
    assertThat(first).isNotEqualTo(other);
    assertThat(first.size()).as("mostly distinct titles").isGreaterThan(90);
  }

  @Test
  void titlesReadLikeTitles() {
    for (int n = 0; n < 1000; n++) {
      String title = titles.title(n);
      assertThat(title).matches("[A-Z][A-Za-z :]+[a-z]");
      assertThat(title.split(" ")).hasSizeBetween(2, 8);
    }
  }

  @Test
  void queriesAreOneOrTwoWordsOfATitle() {
    SplittableRandom random = new SplittableRandom(7);
    int twoWords = 0;
    for (int i = 0; i < 2000; i++) {
      String query = titles.query(1000, random);
      String[] words = query.split(" ");
      assertThat(words).hasSizeBetween(1, 2);
      boolean inSomeTitle = false;
      for (int n = 0; n < 1000 && !inSomeTitle; n++) {
        inSomeTitle = TitleWords.searchWords(titles.title(n)).containsAll(List.of(words));
      }
      assertThat(inSomeTitle).as(query).isTrue();
      twoWords += words.length == 2 ? 1 : 0;
    }
    assertThat(twoWords).isBetween(700, 1100);
  }

  @Test
  void commonWordsAreInManyTitlesAndRareOnesInFew() {
    Map<String, Integer> titlesWith = new HashMap<>();
    for (int n = 0; n < 10_000; n++) {
      for (String word : new HashSet<>(TitleWords.searchWords(titles.title(n)))) {
        titlesWith.merge(word, 1, Integer::sum);
      }
    }
    assertThat(titlesWith.get("sunset")).isGreaterThan(10 * titlesWith.get("volcano"));
  }

  @Test
  void searchWordsDropLinkWordsAndPunctuation() {
    assertThat(TitleWords.searchWords("Lisbon: golden sunset over the harbour again"))
        .containsExactly("lisbon", "golden", "sunset", "over", "harbour");
  }

  @Test
  void rawSolrQueryIsTheApisQuery() {
    URI uri =
        new SolrSearchRequests(
                URI.create("http://127.0.0.1:8983/solr/photos"), java.time.Duration.ofSeconds(1))
            .uri("Beach Sunset", 20);
    assertThat(uri.toString())
        .startsWith("http://127.0.0.1:8983/solr/photos/select?")
        .contains("fl=id,owner_id", "rows=20", "cursorMark=*", "q=beach+sunset")
        .contains("sort=score+desc%2Ccreated_at+desc%2Cid+desc");
  }
}
