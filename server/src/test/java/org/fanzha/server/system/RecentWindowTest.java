package org.fanzha.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RecentWindowTest {

  @Property(tries = 200)
  void keepsExactlyTheLastCapacityDistinctKeysPut(
      @ForAll @Size(max = 300) List<@IntRange(max = 80) Integer> keys,
      @ForAll @IntRange(min = 1, max = 40) int capacity) {
    RecentWindow<Integer, Integer> w = new RecentWindow<>(capacity);
    java.util.LinkedHashMap<Integer, Integer> order =
        new java.util.LinkedHashMap<>(); // insertion order, as put
    for (int i = 0; i < keys.size(); i++) {
      w.put(keys.get(i), i);
      if (!order.containsKey(keys.get(i))) {
        order.put(keys.get(i), i);
        if (order.size() > capacity) {
          order.remove(order.keySet().iterator().next());
        }
      } else {
        order.put(keys.get(i), i); // a key put again keeps its place and takes the new value
      }
    }
    for (int k = 0; k <= 80; k++) {
      assertThat(w.get(k)).isEqualTo(java.util.Optional.ofNullable(order.get(k)));
      assertThat(w.contains(k)).isEqualTo(order.containsKey(k));
    }
  }

  @org.junit.jupiter.api.Test
  void theNewestKeyIsKeptWhenFull_whereAFrequencyCacheMightTurnItAway() {
    RecentWindow<String, String> w = new RecentWindow<>(3);
    for (int round = 0; round < 100; round++) {
      w.get("old"); // asked for often
    }
    w.put("old", "o");
    w.put("a", "a");
    w.put("b", "b");
    w.put("new", "n");
    assertThat(w.get("new")).contains("n");
    assertThat(w.contains("old")).isFalse();
  }

  @org.junit.jupiter.api.Test
  void refusesAnEmptyWindow() {
    assertThatThrownBy(() -> new RecentWindow<>(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
