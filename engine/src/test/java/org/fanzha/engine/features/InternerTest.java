package org.fanzha.engine.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class InternerTest {

  @Property(tries = 100)
  void intern_givesDenseStableIdsAndNamesBack(@ForAll @Size(max = 300) List<String> names) {
    Interner t = new Interner(4);
    for (String n : names) {
      int id = t.intern(n);
      assertThat(t.name(id)).isEqualTo(n);
      assertThat(t.intern(n)).isEqualTo(id);
      assertThat(t.find(n)).isEqualTo(id);
    }
    assertThat(t.size()).isEqualTo((int) names.stream().distinct().count());
    assertThat(t.find("\u0000never")).isEqualTo(names.contains("\u0000never") ? t.find("\u0000never") : -1);
  }

  @org.junit.jupiter.api.Test
  void intern_aMillionPhoneNumbers_getAMillionDistinctIdsThatFindThemBack() {
    Interner t = new Interner(16);
    for (int i = 0; i < 1_000_000; i++) {
      assertThat(t.intern(String.format("+86138%08d", i))).isEqualTo(i);
    }
    for (int i = 0; i < 1_000_000; i += 997) {
      String p = String.format("+86138%08d", i);
      assertThat(t.find(p)).isEqualTo(i);
      assertThat(t.name(i)).isEqualTo(p);
    }
    assertThat(t.find("+8613900000000")).isEqualTo(-1);
  }
}
