package io.picshare.batch.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LeastRecentlyUsedTest {
  @Test
  void forgetsTheLeastRecentlyReadOwnerBeyondCapacity() {
    Map<Long, String> names = new OwnerNames.LeastRecentlyUsed<>(2);
    names.put(1L, "ana");
    names.put(2L, "bob");
    assertThat(names.get(1L)).isEqualTo("ana"); // 2 is now the least recently used
    names.put(3L, "cy");

    assertThat(names).containsOnlyKeys(1L, 3L);
  }
}
