package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.engine.Scenario.DAY;
import static org.fanzha.engine.Scenario.HOUR;
import static org.fanzha.engine.Scenario.MINUTE;
import static org.fanzha.engine.Scenario.T0;
import static org.fanzha.engine.Scenario.account;
import static org.fanzha.engine.Scenario.holder;
import static org.fanzha.engine.Scenario.phone;

import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.TargetKind;
import org.fanzha.core.reason.Reason;
import org.junit.jupiter.api.Test;

/** One scenario per rule that the larger scenarios do not already exercise. */
class EngineRulesTest {

  private static List<String> codes(Scenario s, EntityKind kind, String id) {
    return s.engine()
        .entity(kind, id)
        .map(r -> r.reasons().stream().map(Reason::code).toList())
        .orElse(List.of());
  }

  /** A stand-in content model: {@code type} when the text contains {@code keyword}, else normal. */
  private static ContentClassifier keywordModel(String keyword, FraudType type) {
    return text ->
        text.contains(keyword)
            ? new ContentVerdict(type.wireName(), type, 0.95, List.of(keyword))
            : new ContentVerdict(ContentVerdict.NONE, null, 0.9, List.of());
  }

  @Test
  void phSpoofed_firesWhenTheDisplayedNumberIsNotTheCaller() {
    Scenario s = new Scenario();
    s.feed(
        new CallEvent(
            "c1", T0, null, phone(1), phone(2), 30, null, null, null, null, "+862161234567"));
    s.feed(
        new CallEvent(
            "c2", T0 + MINUTE, null, phone(3), phone(2), 30, null, null, null, null, phone(3)));
    assertThat(codes(s, EntityKind.PHONE, phone(1))).contains("PH_SPOOFED");
    assertThat(codes(s, EntityKind.PHONE, phone(3))).doesNotContain("PH_SPOOFED");
  }

  @Test
  void phFraudSms_usesTheContentClassifierAndMarksTheReceiver() {
    EngineConfig cfg =
        EngineConfig.defaults()
            .with("pairs.log2_bits", 12)
            .withContentClassifier(keywordModel("安全账户", FraudType.POLICE));
    Scenario s = new Scenario(new Engine(cfg));
    s.sms(T0, phone(10), phone(11), "您好，明天一起吃饭吗");
    assertThat(codes(s, EntityKind.PHONE, phone(10))).isEmpty();
    Decision d = s.sms(T0 + MINUTE, phone(12), phone(11), "您涉嫌洗钱，请将资金转入安全账户配合调查");
    assertThat(d.reasons()).extracting(Reason::code).contains("PH_FRAUD_SMS");
    // receiving it is not enough to make the receiver's payments victim money …
    s.transfer(T0 + 10 * MINUTE, account(11), account(98), 30_000, phone(11));
    assertThat(codes(s, EntityKind.ACCOUNT, account(98))).doesNotContain("AC_VICTIM_FUNDS");
    // … following its link is: the next payment to a new payee counts against the payee
    s.device(T0 + 20 * MINUTE, phone(11), DeviceSignal.URL_VISIT, "http://anquan.example/");
    s.transfer(T0 + HOUR, account(11), account(99), 30_000, phone(11));
    assertThat(codes(s, EntityKind.ACCOUNT, account(99))).contains("AC_VICTIM_FUNDS");
    assertThat(s.warnings()).extracting(Warning::victimPhone).contains(phone(11));
  }

  @Test
  void phCardApart_firesOnAnOldCardWorkedFromTwoHandsetsAtOnce_notOnOneMovedToANewPhone() {
    Scenario s = new Scenario();
    String rented = phone(80);
    String moved = phone(81);
    for (String p : List.of(rented, moved)) {
      s.opening(
          T0 - 3 * 365 * DAY, OpeningKind.SIM, p, holder(80), null, "440300", null, null, "营业厅");
    }
    for (int k = 0; k < 30; k++) {
      long ts = T0 + k * 10 * MINUTE;
      // the owner's own phone now and then, the gang's handset in between
      s.call(
          ts,
          rented,
          phone(9_000 + k),
          90,
          k % 3 == 0 ? "IMEI-OWN" : "IMEI-BOX",
          "CELL-" + (k % 3 == 0 ? 1 : 2));
      s.call(ts, moved, phone(9_500 + k), 90, k < 10 ? "IMEI-OLD" : "IMEI-NEW", "CELL-1");
    }
    assertThat(codes(s, EntityKind.PHONE, rented))
        .contains("PH_CARD_APART")
        .doesNotContain("PH_ESTABLISHED");
    assertThat(codes(s, EntityKind.PHONE, moved)).doesNotContain("PH_CARD_APART");
  }

  @Test
  void aLureThenALongCallFromAStrangerThenAnAppAtTheirWord_warnsNamingTheCaller() {
    EngineConfig cfg =
        EngineConfig.defaults()
            .with("pairs.log2_bits", 12)
            .withContentClassifier(keywordModel("做任务", FraudType.BRUSHING));
    Scenario s = new Scenario(new Engine(cfg));
    String lured = phone(40);
    String agent = phone(41);
    s.sms(T0, phone(42), lured, "在家动动手指做任务，一单一结");
    s.call(T0 + 5 * HOUR, agent, lured, 900); // hours later: not the click that follows a message
    s.device(T0 + 5 * HOUR + 20 * MINUTE, lured, DeviceSignal.APP_INSTALL, "com.jinrong.vipapp");
    assertThat(s.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.victimPhone()).isEqualTo(lured);
              assertThat(w.contact()).as("the stranger working the lure").isEqualTo(agent);
              assertThat(w.severity()).isEqualTo(Level.MEDIUM);
              assertThat(w.fraudType()).isEqualTo(FraudType.BRUSHING);
            });
    // the same call and app without a lure before them: a new colleague's meeting app
    s.call(T0 + 5 * HOUR, phone(51), phone(50), 900);
    s.device(
        T0 + 5 * HOUR + 20 * MINUTE, phone(50), DeviceSignal.APP_INSTALL, "com.jinrong.vipapp");
    // a lure, then the app long after the call
    s.sms(T0, phone(42), phone(60), "在家动动手指做任务，一单一结");
    s.call(T0 + 5 * HOUR, phone(61), phone(60), 900);
    s.device(T0 + 9 * HOUR, phone(60), DeviceSignal.APP_INSTALL, "com.jinrong.vipapp");
    assertThat(s.warnings()).extracting(Warning::victimPhone).containsExactly(lured);
  }

  @Test
  void report_withTextOnly_takesItsFraudTypeFromTheContentModel() {
    EngineConfig plain = EngineConfig.defaults().with("pairs.log2_bits", 12);
    EngineConfig withModel = plain.withContentClassifier(keywordModel("安全账户", FraudType.POLICE));
    assertThat(warningTypesAfterTextReports(withModel)).isNotEmpty().containsOnly(FraudType.POLICE);
    assertThat(warningTypesAfterTextReports(plain)).doesNotContain(FraudType.POLICE);
  }

  /**
   * Three people report a number in their own words only; the number then hooks a victim who pays.
   */
  private static List<FraudType> warningTypesAfterTextReports(EngineConfig cfg) {
    Scenario s = new Scenario(new Engine(cfg));
    String f = phone(930);
    for (int k = 0; k < 3; k++) {
      s.reportText(
          T0 - DAY + k * HOUR, phone(61_000 + k), TargetKind.PHONE, f, "他自称警察，说我涉案，让我把钱转到安全账户");
    }
    String victim = phone(931);
    s.victimReceivesCall(T0, f, victim, 1500);
    s.transfer(T0 + 40 * MINUTE, account(931), account(5), 50_000, victim);
    List<FraudType> types = new ArrayList<>();
    for (Warning w : s.warnings()) {
      assertThat(w.victimPhone()).isEqualTo(victim);
      types.add(w.fraudType());
    }
    return types;
  }

  @Test
  void acFanInAndFanOut_fireOnCollectAndScatter() {
    Scenario s = new Scenario();
    for (int k = 0; k < 6; k++) {
      s.transfer(T0 + k * MINUTE, account(100 + k), account(1), 3_000, null);
    }
    for (int k = 0; k < 6; k++) {
      s.transfer(T0 + HOUR + k * MINUTE, account(1), account(200 + k), 2_900, null);
    }
    assertThat(codes(s, EntityKind.ACCOUNT, account(1)))
        .contains("AC_FAN_IN", "AC_FAN_OUT", "AC_PASS_THROUGH");
  }

  @Test
  void acSharedDevice_firesWhenOneDeviceOperatesManyAccounts() {
    Scenario s = new Scenario();
    for (int k = 0; k < 5; k++) {
      s.transferFrom(
          T0 + k * MINUTE, account(300 + k), account(400 + k), 500, "DEV-FARM", "10.9.9.9");
    }
    assertThat(codes(s, EntityKind.ACCOUNT, account(304))).contains("AC_SHARED_DEVICE");
    assertThat(codes(s, EntityKind.ACCOUNT, account(300))).doesNotContain("AC_SHARED_DEVICE");
  }

  @Test
  void hoSharedOpening_firesForBatchOpeningThroughOneDevice() {
    Scenario s = new Scenario();
    for (int k = 0; k < 5; k++) {
      s.opening(
          T0 + k * HOUR,
          OpeningKind.BANK_ACCOUNT,
          account(500 + k),
          holder(600 + k),
          null,
          "410400",
          "DEV-AGENT",
          null,
          "代理点");
    }
    assertThat(codes(s, EntityKind.HOLDER, holder(604))).contains("HO_SHARED_OPENING");
    assertThat(codes(s, EntityKind.DEVICE, "DEV-AGENT")).contains("DV_MANY_HOLDERS");
  }

  @Test
  void phServiceLine_keepsABankLineCallingThousandsBelowHigh() {
    Scenario s = new Scenario();
    for (int k = 0; k < 400; k++) {
      s.call(T0 + k * 30_000L, "95588", phone(10_000 + k), k % 3 == 0 ? 0 : 15);
    }
    int score = s.engine().entity(EntityKind.PHONE, "95588").map(EntityRisk::score).orElse(0);
    assertThat(score).isLessThan(40);
    assertThat(codes(s, EntityKind.PHONE, "95588")).contains("PH_SERVICE_LINE");
  }

  @Test
  void urlVisitToAReportedSite_warnsTheVisitor() {
    Scenario s = new Scenario();
    s.report(
        T0, phone(700), TargetKind.URL, "http://licai-vip.example/app", FraudType.INVESTMENT, 0);
    s.device(T0 + HOUR, phone(701), DeviceSignal.URL_VISIT, "http://licai-vip.example/app");
    s.device(T0 + HOUR, phone(702), DeviceSignal.URL_VISIT, "http://news.example/");
    assertThat(s.warnings()).extracting(Warning::victimPhone).containsExactly(phone(701));
  }

  @Test
  void payingASuspectedMule_warnsThePayer_unlessItPaysOnMoneyThatCameInLately() {
    Scenario s = new Scenario();
    s.label(T0, EntityKind.ACCOUNT, account(900), org.fanzha.core.event.Role.MULE);
    // nothing came in: paying a known mule a sizeable sum, a victim whose contact nobody saw
    s.transfer(T0 + HOUR, account(901), account(900), 8_000, phone(901));
    // 20,000 came in, and a day later a part of it goes on to the mule: a slow mule's next hop (压卡)
    s.transfer(T0 + 2 * HOUR, account(903), account(902), 20_000, phone(903));
    s.transfer(T0 + 28 * HOUR, account(902), account(900), 6_000, phone(902));
    // long after the money came in, the same account pays like anyone else
    s.transfer(T0 + 6 * Scenario.DAY, account(904), account(905), 20_000, phone(904));
    s.transfer(T0 + 10 * Scenario.DAY, account(905), account(900), 6_000, phone(905));
    // a friend of the holder (they talk on the phone) pays the rented-out card: not a victim
    s.opening(
        T0 + 2 * HOUR,
        OpeningKind.BANK_ACCOUNT,
        account(900),
        holder(900),
        phone(900),
        null,
        null,
        null,
        "counter");
    s.call(T0 + 3 * HOUR, phone(906), phone(900), 240);
    s.transfer(T0 + 4 * HOUR, account(906), account(900), 6_000, phone(906));
    assertThat(s.warnings())
        .extracting(Warning::victimPhone)
        .containsExactly(phone(901), phone(905));
  }

  @Test
  void acCashOut_firesOnWithdrawalOfTaintedMoney() {
    Scenario s = new Scenario();
    s.label(T0, EntityKind.ACCOUNT, account(800), org.fanzha.core.event.Role.MULE);
    s.transfer(T0 + 10 * MINUTE, account(801), account(800), 20_000, null);
    s.transfer(T0 + 15 * MINUTE, account(800), account(802), 19_800, null);
    s.cashOut(T0 + 25 * MINUTE, account(802), 19_000);
    assertThat(codes(s, EntityKind.ACCOUNT, account(802))).contains("AC_FROM_MULE", "AC_CASH_OUT");
  }

  @Test
  void acCollection_shopSettlingTheDaysTakings_staysBelowHigh() {
    Scenario s = new Scenario();
    String shop = "wechat:mch_shop1";
    // a new shop (so only the collection pattern can keep it below high), paying a different
    // account each night
    s.opening(
        T0 - 5 * Scenario.DAY,
        OpeningKind.PAYMENT_ACCOUNT,
        shop,
        holder(77),
        null,
        null,
        null,
        null,
        "app");
    Decision last = null;
    for (int day = 0; day < 3; day++) {
      long start = T0 + day * Scenario.DAY;
      for (int k = 0; k < 30; k++) { // thirty customers, 09:00-20:07
        s.transfer(start + k * 23 * MINUTE, account(1000 + day * 100 + k), shop, 20 + k, null);
      }
      last =
          s.transfer(
              start + 11 * HOUR + 20 * MINUTE,
              shop,
              account(2000 + day),
              30 * 20 + 435,
              null); // at 20:20
    }
    assertThat(last.reasons())
        .extracting(Reason::code)
        .contains("AC_FAST_IN_OUT_MANY", "AC_COLLECTION");
    assertThat(s.engine().entity(EntityKind.ACCOUNT, shop).orElseThrow().level())
        .isLessThan(Level.HIGH);
  }

  @Test
  void acUnlinked_fastPassThroughWithoutAFraudLinkIsBelowHighButANewAccountIsHigh() {
    Scenario s = new Scenario();
    String parent = account(500);
    String newcomer = account(600);
    s.opening(
        T0 - 3 * Scenario.DAY,
        OpeningKind.PAYMENT_ACCOUNT,
        newcomer,
        holder(600),
        null,
        null,
        null,
        null,
        "app");
    for (int day = 0; day < 3; day++) {
      long ts = T0 + day * Scenario.DAY;
      for (String a : List.of(parent, newcomer)) {
        s.transfer(ts, account(700 + day), a, 10_000, null);
        s.transfer(ts + 5 * MINUTE, a, account(800 + day), 9_950, null);
      }
    }
    assertThat(codes(s, EntityKind.ACCOUNT, parent)).contains("AC_FAST_IN_OUT_MANY", "AC_UNLINKED");
    assertThat(s.engine().entity(EntityKind.ACCOUNT, parent).orElseThrow().level())
        .isLessThan(Level.HIGH);
    assertThat(codes(s, EntityKind.ACCOUNT, newcomer))
        .contains("AC_NEW_ACCOUNT")
        .doesNotContain("AC_UNLINKED");
    assertThat(s.engine().entity(EntityKind.ACCOUNT, newcomer).orElseThrow().level())
        .isGreaterThanOrEqualTo(Level.HIGH);
  }

  @Test
  void phEstablished_doesNotMitigateAnOldCardThatNobodyAnswers() {
    Scenario s = new Scenario();
    String hook = phone(900);
    s.opening(
        T0 - 400 * Scenario.DAY, OpeningKind.SIM, hook, holder(900), null, null, null, null, "营业厅");
    for (int k = 0; k < 40; k++) {
      s.call(
          T0 + k * 10 * MINUTE,
          hook,
          phone(10_000 + k),
          k % 5 == 0 ? 15 : 0,
          "IMEI-900",
          "CELL-900");
    }
    assertThat(codes(s, EntityKind.PHONE, hook))
        .contains("PH_LOW_ANSWER")
        .doesNotContain("PH_ESTABLISHED");
    assertThat(s.engine().entity(EntityKind.PHONE, hook).orElseThrow().level())
        .isGreaterThanOrEqualTo(Level.HIGH);
  }

  @Test
  void acKnownPayees_forwardingToTheSamePayeeStaysBelowHighWhereNewPayeesEachTimeIsHigh() {
    Scenario s = new Scenario();
    String parent = account(520);
    String mule = account(530);
    for (String a : List.of(parent, mule)) { // both new, so only the payees tell them apart
      s.opening(
          T0 - 5 * Scenario.DAY,
          OpeningKind.PAYMENT_ACCOUNT,
          a,
          holder(a.hashCode() & 0xFF),
          null,
          null,
          null,
          null,
          "app");
    }
    for (int day = 0; day < 3; day++) {
      long ts = T0 + day * Scenario.DAY;
      s.transfer(ts, account(540 + day), parent, 10_000, null);
      s.transfer(ts + 5 * MINUTE, parent, account(521), 9_950, null); // the same child every time
      s.transfer(ts, account(550 + day), mule, 10_000, null);
      s.transfer(ts + 5 * MINUTE, mule, account(560 + day), 9_950, null); // a new payee every time
    }
    assertThat(s.engine().entity(EntityKind.ACCOUNT, parent).orElseThrow().level())
        .isLessThan(Level.HIGH);
    assertThat(s.engine().entity(EntityKind.ACCOUNT, mule).orElseThrow().level())
        .isGreaterThanOrEqualTo(Level.HIGH);
  }
}
