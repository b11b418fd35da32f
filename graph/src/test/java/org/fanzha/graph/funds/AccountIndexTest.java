package org.fanzha.graph.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class AccountIndexTest {

  @Test
  void intern_sameNameSameIdAndDenseIds() {
    AccountIndex ix = new AccountIndex();

    assertThat(ix.intern("6222020200112233445")).isZero();
    assertThat(ix.intern("alipay:张三")).isEqualTo(1);
    assertThat(ix.intern("6222020200112233445")).isZero();
    assertThat(ix.size()).isEqualTo(2);
    assertThat(ix.name(1)).isEqualTo("alipay:张三");
  }

  @Test
  void find_neverInterned_minusOne() {
    AccountIndex ix = new AccountIndex();
    ix.intern("6222020200112233445");

    assertThat(ix.find("6222020200112233446")).isEqualTo(-1);
    assertThat(ix.find("6222020200112233445")).isZero();
  }

  @Test
  void name_longerThan127Bytes_twoByteLengthRoundTrips() {
    AccountIndex ix = new AccountIndex();
    String longName = "wallet:" + "x".repeat(200); // 207 bytes: the length takes two varint bytes
    String after = "6217000010001234567";
    ix.intern(longName);
    ix.intern(after);

    assertThat(ix.name(0)).isEqualTo(longName);
    assertThat(ix.name(1)).isEqualTo(after);
    assertThat(ix.find(longName)).isZero();
    assertThat(ix.find("wallet:" + "x".repeat(199))).isEqualTo(-1);
  }

  @Test
  void name_outOfRange_refused() {
    AccountIndex ix = new AccountIndex();
    ix.intern("a");

    assertThatThrownBy(() -> ix.name(1))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("no account 1");
  }

  @Test
  void intern_afterTrimmingToOneAccount_grows() {
    AccountIndex ix = new AccountIndex();
    ix.intern("a");
    ix.trim();

    assertThat(ix.intern("b")).isEqualTo(1);
    assertThat(ix.intern("c")).isEqualTo(2);
    assertThat(ix.name(2)).isEqualTo("c");
  }

  @Property(tries = 100)
  void intern_agreesWithHashMapThroughRehashesAndTrim(
      @ForAll @Size(max = 3000) List<@StringLength(max = 300) String> names) {
    AccountIndex ix = new AccountIndex();
    Map<String, Integer> expected = new HashMap<>();
    List<String> byId = new ArrayList<>();
    for (String n : names) {
      int id = ix.intern(n);
      Integer prev = expected.putIfAbsent(n, byId.size());
      if (prev == null) {
        byId.add(n);
      }
      assertThat(id).isEqualTo(expected.get(n));
    }
    ix.trim();

    assertThat(ix.size()).isEqualTo(byId.size());
    for (int id = 0; id < byId.size(); id++) {
      assertThat(ix.name(id)).isEqualTo(byId.get(id));
      assertThat(ix.find(byId.get(id))).isEqualTo(id);
    }
  }
}
