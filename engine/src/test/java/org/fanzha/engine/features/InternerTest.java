package org.fanzha.engine.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

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
    assertThat(t.find("\u0000never"))
        .isEqualTo(names.contains("\u0000never") ? t.find("\u0000never") : -1);
  }

  @Test
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
    ref.forEach(
        (n, id) -> {
          assertThat(t.find(n)).isEqualTo(id);
          // a String decoded from UTF-8 equals the original unless it holds unpaired surrogates
          if (n.equals(new String(n.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))) {
            assertThat(t.name(id)).isEqualTo(n);
          }
        });
  }

  @Test
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

  @Test
  void approxBytes_forAMillionPhones_isAboutTwentyBytesEach() {
    Interner t = new Interner(16);
    for (int i = 0; i < 1_000_000; i++) {
      t.intern("+86139" + (10_000_000 + i));
    }
    // a phone number is packed into its id's 8-byte entry (no arena record); the hash table is 8
    // bytes a slot at 8/15..4/5 load; slack
    assertThat(t.approxBytes() / 1_000_000.0).isBetween(18.0, 26.0);
    assertThat(t.arenaBytes() / 1_000_000.0).as("no phone in the arena").isLessThan(8.5);
  }

  @Test
  void intern_twoPhonesWithEqualStringHashes_getTwoIds() {
    // random numbers until two share String.hashCode (a birthday search: ~2^16 of them)
    java.util.Map<Integer, String> byHash = new java.util.HashMap<>();
    java.util.Random random = new java.util.Random(7);
    String a;
    String b;
    while (true) {
      String p = "+86" + (13_000_000_000L + (random.nextLong() & Long.MAX_VALUE) % 6_000_000_000L);
      String before = byHash.putIfAbsent(p.hashCode(), p);
      if (before != null && !before.equals(p)) {
        a = before;
        b = p;
        break;
      }
    }
    Interner t = new Interner(4);
    int ia = t.intern(a);
    int ib = t.intern(b);
    assertThat(ib).as("%s and %s share a hash", a, b).isNotEqualTo(ia);
    assertThat(t.find(new String(a))).isEqualTo(ia);
    assertThat(t.find(new String(b))).isEqualTo(ib);
    assertThat(t.remove(ia)).isTrue();
    assertThat(t.find(b)).isEqualTo(ib);
  }

  @Test
  void intern_aPackedNameAndAnArenaNameWithEqualStringHashes_getTwoIdsEitherWayRound() {
    // "10" packs; "0O" (a letter O) does not: 31·'1' + '0' = 31·'0' + 'O'
    assertThat("0O".hashCode()).isEqualTo("10".hashCode());
    for (String[] order : new String[][] {{"10", "0O"}, {"0O", "10"}}) {
      Interner t = new Interner(4);
      int first = t.intern(order[0]);
      int second = t.intern(new String(order[1]));
      assertThat(second).as("%s after %s", order[1], order[0]).isNotEqualTo(first);
      assertThat(t.find(new String(order[0]))).isEqualTo(first);
      assertThat(t.find(new String(order[1]))).isEqualTo(second);
      assertThat(t.name(first)).isEqualTo(order[0]);
      assertThat(t.name(second)).isEqualTo(order[1]);
    }
  }

  /**
   * Names near the packed form: digits, '+' and '-', with now and then a character that packs too
   * (',', '.', '/') or one just outside ('*', ':'), a letter or a non-ASCII one, of lengths around
   * the 15 that still pack.
   */
  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<List<String>> nearlyNumbers() {
    return net.jqwik.api.Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(40, net.jqwik.api.Arbitraries.of('0', '1', '5', '9', '+', '-')),
            net.jqwik.api.Tuple.of(
                1, net.jqwik.api.Arbitraries.of(',', '.', '/', ':', '*', 'x', '号')))
        .list()
        .ofMaxSize(18)
        .map(cs -> cs.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining()))
        .list()
        .ofMaxSize(200);
  }

  @Property(tries = 300)
  void intern_packedAndArenaNames_agreeWithAHashMap_andComeBackWhole(
      @ForAll("nearlyNumbers") List<String> names) {
    Interner t = new Interner(2);
    java.util.Map<String, Integer> ref = new java.util.HashMap<>();
    for (String n : names) {
      int id = t.intern(new String(n)); // a fresh object, as each event brings
      Integer expected = ref.putIfAbsent(n, ref.size());
      assertThat(id).isEqualTo(expected == null ? ref.size() - 1 : expected);
    }
    ref.forEach(
        (n, id) -> {
          assertThat(t.find(n)).isEqualTo(id);
          assertThat(t.name(id)).isEqualTo(n);
          assertThat(t.firstByte(id))
              .isEqualTo(n.isEmpty() ? -1 : n.getBytes(StandardCharsets.UTF_8)[0] & 0xFF);
          assertThat(written(t, id)).as("as a snapshot writes it").isEqualTo(written(n));
        });
    // removing every other name moves the rest of their runs; all are still found
    ref.forEach(
        (n, id) -> {
          if (id % 2 == 0) {
            assertThat(t.remove(id)).isTrue();
          }
        });
    ref.forEach((n, id) -> assertThat(t.find(n)).isEqualTo(id % 2 == 0 ? -1 : id));
  }

  /** Returns what {@link Interner#writeName} writes for {@code id}. */
  private static byte[] written(Interner t, int id) {
    var bytes = new ByteArrayOutputStream();
    try {
      t.writeName(new DataOutputStream(bytes), id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Returns a name as a length-prefixed UTF-8 run, the form {@link Interner#writeName} writes. */
  private static byte[] written(String name) {
    var bytes = new ByteArrayOutputStream();
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    try {
      var out = new DataOutputStream(bytes);
      out.writeInt(utf8.length);
      out.write(utf8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * One step of a random history: intern a name drawn from a small pool, or remove one (pool small:
   * names return).
   */
  record Step(boolean remove, int name) {}

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<List<Step>> histories() {
    net.jqwik.api.Arbitrary<Step> step =
        net.jqwik.api.Combinators.combine(
                net.jqwik.api.Arbitraries.integers().between(0, 9).map(k -> k < 3),
                net.jqwik.api.Arbitraries.integers().between(0, 60))
            .as(Step::new);
    return step.list().ofMaxSize(600);
  }

  @Property(tries = 200)
  void remove_agreesWithAMapOfLiveNames_andReusesFreedIds(@ForAll("histories") List<Step> history) {
    Interner t = new Interner(2);
    java.util.Map<String, Integer> ref = new java.util.HashMap<>();
    java.util.Set<Integer> freed = new java.util.HashSet<>();
    // one String object per name, as the steps of one event pass the same object again and again
    String[] pool = new String[61];
    for (int k = 0; k < pool.length; k++) {
      pool[k] = "+86138" + k + "x".repeat(k % 7 * 40); // some long enough to force compaction
    }
    for (Step s : history) {
      String n = pool[s.name()];
      if (s.remove()) {
        Integer id = ref.remove(n);
        assertThat(t.remove(id == null ? t.size() + 5 : id)).isEqualTo(id != null);
        if (id != null) {
          freed.add(id);
          assertThat(t.isLive(id)).isFalse();
        }
      } else {
        int id = t.intern(n);
        Integer before = ref.putIfAbsent(n, id);
        if (before != null) {
          assertThat(id).isEqualTo(before);
        } else if (!freed.isEmpty()) {
          assertThat(freed.remove(id))
              .as("a new name takes a freed id while there is one")
              .isTrue();
        }
      }
      assertThat(t.live()).isEqualTo(ref.size());
    }
    ref.forEach(
        (n, id) -> {
          assertThat(t.find(n)).isEqualTo(id);
          assertThat(t.name(id)).isEqualTo(n);
          assertThat(t.isLive(id)).isTrue();
        });
    for (int k = 0; k <= 60; k++) {
      String n = "+86138" + k + "x".repeat(k % 7 * 40);
      if (!ref.containsKey(n)) {
        assertThat(t.find(n)).isEqualTo(-1);
      }
    }
  }

  @Test
  void restore_putsNamesBackUnderTheirIds_andHandsOutTheFreeIdsInTheirOrder() {
    Interner t = new Interner(4);
    t.restore(0, "a");
    t.restore(3, "b");
    t.restoreFree(5, new int[] {4, 2, 1});
    assertThat(t.find("a")).isZero();
    assertThat(t.find("b")).isEqualTo(3);
    assertThat(t.isLive(1)).isFalse();
    assertThat(t.live()).isEqualTo(2);
    assertThat(t.intern("c")).isEqualTo(1);
    assertThat(t.intern("d")).isEqualTo(2);
    assertThat(t.intern("e")).isEqualTo(4);
    assertThat(t.intern("f")).isEqualTo(5);
  }

  @Test
  void remove_mostOfALargeTable_rewritesTheArena_andKeepsTheRest() {
    Interner t = new Interner(16);
    for (int i = 0; i < 20_000; i++) {
      t.intern("device:" + i + "-".repeat(40));
    }
    long before = t.arenaBytes();
    for (int i = 0; i < 20_000; i++) {
      if (i % 5 != 0) {
        assertThat(t.remove(i)).isTrue();
      }
    }
    assertThat(t.arenaBytes()).as("dead records dropped from the arena").isLessThan(before / 2);
    for (int i = 0; i < 20_000; i++) {
      assertThat(t.find("device:" + i + "-".repeat(40))).isEqualTo(i % 5 == 0 ? i : -1);
    }
    assertThat(t.live()).isEqualTo(4_000);
  }
}
