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

  @Property(tries = 100)
  void intern_agreesWithAHashMapForAnyStrings(@ForAll @Size(max = 400) List<String> names) {
    Interner t = new Interner(2);
    java.util.Map<String, Integer> ref = new java.util.HashMap<>();
    for (String n : names) {
      int id = t.intern(n);
      Integer expected = ref.putIfAbsent(n, ref.size());
      assertThat(id).isEqualTo(expected == null ? ref.size() - 1 : expected);
    }
    ref.forEach((n, id) -> {
      assertThat(t.find(n)).isEqualTo(id);
      // a String decoded from UTF-8 equals the original unless it holds unpaired surrogates
      if (n.equals(new String(n.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          java.nio.charset.StandardCharsets.UTF_8))) {
        assertThat(t.name(id)).isEqualTo(n);
      }
    });
  }

  @org.junit.jupiter.api.Test
  void intern_nonAsciiAndLongIdentifiers_roundTripAndStayApart() {
    Interner t = new Interner(4);
    String longId = "x".repeat(300);
    String[] names = {"alipay:张三", "alipay:张", "", "a", longId, longId + "y", "é", "e\u0301"};
    for (int i = 0; i < names.length; i++) {
      assertThat(t.intern(names[i])).isEqualTo(i);
    }
    for (int i = 0; i < names.length; i++) {
      assertThat(t.find(names[i])).isEqualTo(i);
      assertThat(t.name(i)).isEqualTo(names[i]);
    }
    assertThat(t.firstByte(2)).isEqualTo(-1);
    assertThat(t.firstByte(3)).isEqualTo('a');
    assertThat(t.find("x".repeat(299))).isEqualTo(-1);
  }

  @org.junit.jupiter.api.Test
  void approxBytes_forAMillionPhones_isAboutFortyBytesEach() {
    Interner t = new Interner(16);
    for (int i = 0; i < 1_000_000; i++) {
      t.intern("+86139" + (10_000_000 + i));
    }
    // record 5 + 14 bytes, id table 4, hash table 8 a slot at 1/2..3/4 load, plus growth slack
    assertThat(t.approxBytes() / 1_000_000.0).isBetween(30.0, 60.0);
  }
}
