package org.fanzha.text.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainListTest {

  private final DomainList list = DomainList.of("example.com", "*.bad.cn", ".gov.cn", "# comment");

  @Test
  void match_entryAndSubdomains() {
    assertThat(list.match("example.com")).isEqualTo("example.com");
    assertThat(list.match("A.B.Example.COM.")).isEqualTo("example.com");
    assertThat(list.match("x.bad.cn")).isEqualTo("bad.cn");
    assertThat(list.match("www.mps.gov.cn")).isEqualTo("gov.cn");
  }

  @Test
  void match_notLookAlikesOrEmbeddings() {
    assertThat(list.matches("badexample.com")).isFalse();
    assertThat(list.matches("example.com.evil.xyz")).isFalse();
    assertThat(list.matches("gov.cn.top")).isFalse();
  }

  @Test
  void of_skipsCommentsAndBlanks() {
    assertThat(list.size()).isEqualTo(3);
  }
}
