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
}
