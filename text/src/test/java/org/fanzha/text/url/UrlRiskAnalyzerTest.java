package org.fanzha.text.url;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.IDN;
import org.fanzha.core.reason.Reason;
import org.junit.jupiter.api.Test;

class UrlRiskAnalyzerTest {

  private final UrlRiskAnalyzer urls = UrlRiskAnalyzer.withDefaults();

  private static boolean has(UrlAssessment a, String code) {
    return a.reasons().stream().map(Reason::code).anyMatch(code::equals);
  }

  @Test
  void assess_officialDomainAndItsSubdomainsScoreZero() {
    assertThat(urls.assess("https://www.icbc.com.cn/login").score()).isZero();
    assertThat(urls.assess("mybank.icbc.com.cn").score()).isZero();
    assertThat(urls.assess("http://www.mps.gov.cn/n2254314/").score()).isZero();
  }

  @Test
  void assess_bankBrandInsideForeignHost() {
    UrlAssessment a = urls.assess("http://icbc-bank.com.cn.xyz/verify");
    assertThat(a.host()).isEqualTo("icbc-bank.com.cn.xyz");
    assertThat(a.imitated()).isEqualTo("icbc.com.cn");
    assertThat(has(a, "url.brand_in_host")).isTrue();
    assertThat(has(a, "url.buried_suffix")).isTrue();
    assertThat(has(a, "url.suspicious_tld")).isTrue();
    assertThat(a.score()).isGreaterThan(0.85);
  }

  @Test
  void assess_digitOneForLetterL() {
    UrlAssessment a = urls.assess("paypa1.com");
    assertThat(has(a, "url.homoglyph")).isTrue();
    assertThat(a.imitated()).isEqualTo("paypal.com");
    assertThat(a.score()).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void assess_punycodeWithCyrillicLetters() {
    String spoof = IDN.toASCII("pаypal.com"); // Cyrillic а (U+0430)
    assertThat(spoof).startsWith("xn--");
    UrlAssessment a = urls.assess("https://" + spoof + "/signin");
    assertThat(has(a, "url.punycode")).isTrue();
    assertThat(has(a, "url.mixed_script")).isTrue();
    assertThat(has(a, "url.homoglyph")).isTrue();
    assertThat(a.unicodeHost()).isEqualTo("pаypal.com");
    assertThat(a.score()).isGreaterThan(0.9);
  }

  @Test
  void assess_unicodeHostGivenRawIsConvertedToo() {
    UrlAssessment a = urls.assess("аlipay.com"); // Cyrillic а
    assertThat(a.host()).startsWith("xn--");
    assertThat(a.imitated()).isEqualTo("alipay.com");
  }

  @Test
  void assess_typoWithinEditDistance() {
    UrlAssessment a = urls.assess("www.alipy.com");
    assertThat(has(a, "url.typosquat")).isTrue();
    assertThat(a.imitated()).isEqualTo("alipay.com");
  }

  @Test
  void assess_rawIpShortLinkAndUserinfo() {
    assertThat(has(urls.assess("http://103.45.67.89:8080/pay"), "url.raw_ip")).isTrue();
    assertThat(has(urls.assess("http://3232235777/"), "url.raw_ip")).isTrue();
    assertThat(has(urls.assess("t.cn/A6xyz12"), "url.short_link")).isTrue();
    UrlAssessment u = urls.assess("http://www.icbc.com.cn@evil-site.top/");
    assertThat(has(u, "url.userinfo")).isTrue();
    assertThat(u.host()).isEqualTo("evil-site.top");
    assertThat(u.score()).isGreaterThan(0.6);
  }

  @Test
  void assess_governmentImitation() {
    UrlAssessment a = urls.assess("www.gov-cn.top/ga");
    assertThat(has(a, "url.gov_imitation")).isTrue();
    UrlAssessment b = urls.assess("pbccrc-gov.cn.xyz");
    assertThat(b.score()).isGreaterThan(0.7);
  }

  @Test
  void assess_ordinaryDomainScoresLow() {
    assertThat(urls.assess("https://www.example.org/about").score()).isZero();
    assertThat(urls.assess("www.zhihu.com").score()).isZero();
  }

  @Test
  void withBlockList_flagsListedDomainsAndTheirSubdomains() {
    UrlRiskAnalyzer blocked = urls.withBlockList(DomainList.of("fraud-pay.com"));
    assertThat(has(blocked.assess("https://m.fraud-pay.com/x"), "url.blocklisted")).isTrue();
    assertThat(has(blocked.assess("notfraud-pay.com"), "url.blocklisted")).isFalse();
  }

  @Test
  void registrable_followsThePublicSuffixList() {
    assertThat(UrlRiskAnalyzer.registrable("www.bank.co.nz")).isEqualTo("bank.co.nz");
    assertThat(UrlRiskAnalyzer.registrable("phish.someone.github.io"))
        .isEqualTo("someone.github.io");
    assertThat(UrlRiskAnalyzer.registrable("pay.gov.cn")).isEqualTo("pay.gov.cn");
    assertThat(UrlRiskAnalyzer.registrable("10.0.0.1")).isEqualTo("10.0.0.1");
    assertThat(UrlRiskAnalyzer.registrable("localhost")).isEqualTo("localhost");
  }

  @Test
  void registrable_usesMultiLabelSuffixes() {
    assertThat(UrlRiskAnalyzer.registrable("a.b.icbc.com.cn")).isEqualTo("icbc.com.cn");
    assertThat(UrlRiskAnalyzer.registrable("x.example.com")).isEqualTo("example.com");
    assertThat(UrlRiskAnalyzer.registrable("icbc-bank.com.cn.xyz")).isEqualTo("cn.xyz");
  }
}
