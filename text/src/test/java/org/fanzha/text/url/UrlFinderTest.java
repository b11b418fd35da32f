package org.fanzha.text.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlFinderTest {

  @Test
  void find_urlsGluedToChineseText() {
    String text = "请登录icbc-bank.com.cn.xyz/login核实，或点http://t.cn/A6abc。";
    assertThat(UrlFinder.find(text))
        .extracting(UrlSpan::url)
        .containsExactly("icbc-bank.com.cn.xyz/login", "http://t.cn/A6abc");
    UrlSpan first = UrlFinder.find(text).get(0);
    assertThat(text.substring(first.start(), first.end())).isEqualTo(first.url());
  }

  @Test
  void find_rawIp() {
    assertThat(UrlFinder.find("打开 192.168.10.2:8080/pay 付款"))
        .extracting(UrlSpan::url)
        .containsExactly("192.168.10.2:8080/pay");
  }

  @Test
  void find_notNumbersOrMasks() {
    assertThat(UrlFinder.find("价格3.5元，x.x大屏，版本v1.2")).isEmpty();
    assertThat(UrlFinder.containsUrl("今天天气很好。明天见.")).isFalse();
  }
}
