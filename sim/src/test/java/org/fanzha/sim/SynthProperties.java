package org.fanzha.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.fanzha.core.id.Identifiers;

class SynthProperties {

  @Property
  void phone_isCanonicalMainlandMobile(
      @ForAll long seed, @ForAll @LongRange(min = 0, max = 60_000_000) long k) {
    String p = new Synth(seed).phone(k);
    assertThat(Identifiers.phone(p)).isEqualTo(p);
    assertThat(Identifiers.isMainlandMobile(p)).isTrue();
  }

  @Property
  void residentId_passesGb11643AndKeepsItsRegion(
      @ForAll long seed, @ForAll @LongRange(min = 0, max = 18_000_000) long k) {
    String region = Regions.CODES[(int) Math.floorMod(k, (long) Regions.CODES.length)];
    String id = new Synth(seed).residentId(k, region);
    assertThat(Identifiers.residentId(id)).isEqualTo(id);
    assertThat(id).startsWith(region);
  }

  @Property
  void card_isLuhnValid19Digits(
      @ForAll long seed, @ForAll @LongRange(min = 0, max = 40_000_000) long k) {
    String card = new Synth(seed).card(k);
    assertThat(card).hasSize(19);
    assertThat(Identifiers.luhnValid(card)).isTrue();
    assertThat(Identifiers.account(card)).isEqualTo(card);
  }

  @Property
  void imei_isLuhnValid15Digits(@ForAll @LongRange(min = 0, max = 7_999_999) long k) {
    String imei = new Synth(1).imei(k);
    assertThat(imei).hasSize(15).containsOnlyDigits();
    assertThat(Identifiers.luhnValid(imei)).isTrue();
  }

  @Property
  void wallets_areCanonicalPaymentAccounts(
      @ForAll long seed, @ForAll @LongRange(min = 0, max = 40_000_000) long k) {
    Synth s = new Synth(seed);
    assertThat(Identifiers.account(s.alipay(k)))
        .isEqualTo(s.alipay(k))
        .startsWith("alipay:2088")
        .hasSize(23);
    assertThat(Identifiers.account(s.wechat(k))).isEqualTo(s.wechat(k)).startsWith("wechat:wxid_");
    assertThat(Identifiers.account(s.merchantWallet(k))).isEqualTo(s.merchantWallet(k));
  }

  @Property(tries = 20)
  void identifiers_areUniqueOverARangeOfIndexes(
      @ForAll long seed, @ForAll @LongRange(min = 0, max = 30_000_000) long from) {
    Synth s = new Synth(seed);
    Set<String> phones = new HashSet<>();
    Set<String> ids = new HashSet<>();
    Set<String> cards = new HashSet<>();
    for (long k = from; k < from + 5_000; k++) {
      assertThat(phones.add(s.phone(k))).isTrue();
      assertThat(cards.add(s.card(k))).isTrue();
      if (k < 18_000_000) {
        assertThat(ids.add(s.residentId(k, "410402"))).isTrue();
      }
    }
  }

  @Property
  void regionCodes_areValidDivisionCodes(@ForAll @LongRange(min = 0, max = 21) long i) {
    String code = Regions.CODES[(int) i];
    assertThat(Identifiers.region(code)).isEqualTo(code);
  }
}
