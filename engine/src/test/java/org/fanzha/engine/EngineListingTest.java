package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.engine.Scenario.DAY;
import static org.fanzha.engine.Scenario.HOUR;
import static org.fanzha.engine.Scenario.MINUTE;
import static org.fanzha.engine.Scenario.T0;
import static org.fanzha.engine.Scenario.account;
import static org.fanzha.engine.Scenario.holder;
import static org.fanzha.engine.Scenario.phone;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.reason.Reason;
import org.junit.jupiter.api.Test;

/** List entries take effect for the next event and stop at once when lifted (issue 10). */
class EngineListingTest {

  private static List<String> codes(Decision d) {
    return d.reasons().stream().map(Reason::code).toList();
  }

  @Test
  void blackAccount_nextTransferToItIsHeld_liftedItIsNot() {
    Scenario s = new Scenario();
    String payee = account(7001);
    assertThat(s.transfer(T0, account(7002), payee, 800, phone(7002)).action())
        .isEqualTo(Action.ALLOW);

    s.listing(T0 + MINUTE, ListName.BLACK, false, ListKind.ACCOUNT, payee);
    Decision held = s.transfer(T0 + 2 * MINUTE, account(7003), payee, 800, phone(7003));
    assertThat(held.action()).isEqualTo(Action.HOLD);
    assertThat(codes(held)).contains("AC_LISTED");
    assertThat(s.engine().lists().listing(EntityKind.ACCOUNT, payee)).isPresent();

    s.listing(T0 + 3 * MINUTE, ListName.BLACK, true, ListKind.ACCOUNT, payee);
    Decision after = s.transfer(T0 + 4 * MINUTE, account(7004), payee, 800, phone(7004));
    assertThat(after.action()).isEqualTo(Action.ALLOW);
    assertThat(codes(after)).doesNotContain("AC_LISTED");
    assertThat(s.engine().lists().listing(EntityKind.ACCOUNT, payee)).isEmpty();
  }

  @Test
  void greyPhone_raisesWithoutBlocking() {
    Scenario s = new Scenario();
    String p = phone(7101);
    s.call(T0 - HOUR, p, phone(7109), 30); // known to the engine: the listing scores it at once
    Decision d = s.listing(T0, ListName.GREY, false, ListKind.PHONE, p);
    assertThat(d.level()).isEqualTo(Level.MEDIUM);
    Decision call = s.call(T0 + MINUTE, p, phone(7102), 30);
    assertThat(codes(call)).contains("PH_GREY");
    assertThat(call.action()).isNotEqualTo(Action.HOLD);

    s.listing(T0 + HOUR, ListName.GREY, true, ListKind.PHONE, p);
    assertThat(codes(s.call(T0 + HOUR + MINUTE, p, phone(7103), 30))).doesNotContain("PH_GREY");
  }

  @Test
  void whiteEntry_mitigatesAndLiftingItEndsThat() {
    Scenario s = new Scenario();
    String payee = account(7201);
    int plain = s.transfer(T0, account(7209), account(7208), 100, null).score();
    s.listing(T0, ListName.GREY, false, ListKind.ACCOUNT, payee);
    int grey = s.transfer(T0 + MINUTE, account(7202), payee, 100, null).score();
    assertThat(grey).isGreaterThan(plain);

    s.listing(T0 + HOUR, ListName.WHITE, false, ListKind.ACCOUNT, payee);
    assertThat(s.engine().lists().isCleared(EntityKind.ACCOUNT, payee)).isTrue();
    assertThat(s.transfer(T0 + HOUR + MINUTE, account(7203), payee, 100, null).score())
        .isLessThan(grey);

    s.listing(T0 + 2 * HOUR, ListName.WHITE, true, ListKind.ACCOUNT, payee);
    assertThat(s.engine().lists().isCleared(EntityKind.ACCOUNT, payee)).isFalse();
    assertThat(s.transfer(T0 + 2 * HOUR + MINUTE, account(7204), payee, 100, null).score())
        .isEqualTo(grey);
  }

  @Test
  void dishonestHolder_openingRefusedOnline_checkedAtACounter_freeOnceLifted() {
    Scenario s = new Scenario();
    String h = holder(7301);
    s.listing(T0, ListName.DISHONEST, false, ListKind.HOLDER, h);
    Decision online =
        s.opening(T0 + MINUTE, OpeningKind.SIM, phone(7301), h, null, null, null, null, "online");
    assertThat(codes(online)).contains("HO_DISHONEST");
    assertThat(online.action()).isEqualTo(Action.HOLD);
    Decision counter =
        s.opening(
            T0 + 2 * MINUTE,
            OpeningKind.BANK_ACCOUNT,
            account(7301),
            h,
            null,
            null,
            null,
            null,
            "counter");
    assertThat(codes(counter)).contains("HO_DISHONEST_COUNTER").doesNotContain("HO_DISHONEST");

    s.listing(T0 + DAY, ListName.DISHONEST, true, ListKind.HOLDER, h);
    Decision later =
        s.opening(
            T0 + DAY + MINUTE, OpeningKind.SIM, phone(7302), h, null, null, null, null, "online");
    assertThat(codes(later)).doesNotContain("HO_DISHONEST", "HO_DISHONEST_COUNTER");
    assertThat(later.action()).isEqualTo(Action.ALLOW);
  }

  @Test
  void blackDomain_aVisitToAPageOnItWarnsHigh() {
    Scenario s = new Scenario();
    s.listing(T0, ListName.BLACK, false, ListKind.DOMAIN, "Fake-Bank.example");
    s.device(
        T0 + MINUTE,
        phone(7401),
        DeviceSignal.URL_VISIT,
        "https://login.fake-bank.example/pay?x=1");
    assertThat(s.warnings())
        .anySatisfy(
            w -> {
              assertThat(w.victimPhone()).isEqualTo(phone(7401));
              assertThat(w.severity()).isEqualTo(Level.HIGH);
            });
    s.device(
        T0 + 2 * MINUTE, phone(7402), DeviceSignal.URL_VISIT, "https://fake-bank.example.org/");
    assertThat(s.warnings()).noneSatisfy(w -> assertThat(w.victimPhone()).isEqualTo(phone(7402)));
  }

  @Test
  void snapshot_keepsGreyDishonestAndListedTargets() throws IOException {
    Scenario s = new Scenario();
    s.listing(T0, ListName.GREY, false, ListKind.PHONE, phone(7501));
    s.listing(T0, ListName.DISHONEST, false, ListKind.HOLDER, holder(7501));
    s.listing(T0, ListName.BLACK, false, ListKind.APP, "com.fake.loan");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.engine().writeSnapshot(out);
    Engine back =
        Engine.readSnapshot(new ByteArrayInputStream(out.toByteArray()), EngineConfig.defaults());
    assertThat(back.lists().isGrey(EntityKind.PHONE, phone(7501))).isTrue();
    assertThat(back.lists().isDishonest(holder(7501))).isTrue();
    assertThat(back.lists().targetListed("COM.FAKE.LOAN")).isTrue();
    assertThat(back.stats().eventsByType())
        .containsEntry(org.fanzha.core.event.EventType.LISTING, 3L);
  }

  @Test
  void anonymousPortalReports_countAsOneReporter_partnerReportsEach() {
    Scenario s = new Scenario();
    for (int i = 0; i < 5; i++) {
      s.feed(
          new org.fanzha.core.event.ReportEvent(
              "pr-" + i,
              T0 + i * MINUTE,
              "portal",
              List.of(
                  new org.fanzha.core.event.ReportTarget(
                      org.fanzha.core.event.TargetKind.PHONE, phone(7601))),
              null,
              null,
              null,
              "骗子",
              0,
              List.of()));
      s.feed(
          new org.fanzha.core.event.ReportEvent(
              "bank-" + i,
              T0 + i * MINUTE,
              "bank-01",
              List.of(
                  new org.fanzha.core.event.ReportTarget(
                      org.fanzha.core.event.TargetKind.PHONE, phone(7602))),
              null,
              null,
              null,
              "骗子",
              0,
              List.of()));
    }
    int portal = s.engine().entity(EntityKind.PHONE, phone(7601)).map(EntityRisk::score).orElse(0);
    int partner = s.engine().entity(EntityKind.PHONE, phone(7602)).map(EntityRisk::score).orElse(0);
    assertThat(portal)
        .as("one person sending five anonymous reports cannot list a number")
        .isLessThan(partner);
  }

  @Test
  void unseenEntity_listedWithoutAFeatureSlice_flaggedWhenAnEventNamesIt() {
    Scenario s = new Scenario();
    String p = phone(7701);
    int phonesBefore = s.engine().stats().entitiesTracked().getOrDefault(EntityKind.PHONE, 0);
    assertThat(s.listing(T0, ListName.BLACK, false, ListKind.PHONE, p).isNone()).isTrue();
    assertThat(s.engine().stats().entitiesTracked().getOrDefault(EntityKind.PHONE, 0))
        .as("no feature slice for a number never seen")
        .isEqualTo(phonesBefore);
    assertThat(s.engine().lists().mightBeListed(EntityKind.PHONE, p)).isTrue();
    Decision call = s.call(T0 + MINUTE, p, phone(7702), 30);
    assertThat(codes(call)).contains("PH_LISTED");
    assertThat(call.level()).isEqualTo(Level.CRITICAL);
  }

  @Test
  void blackDeviceWithoutARole_isListed_andDishonestDecidesOnlyOpenings() {
    Scenario s = new Scenario();
    s.call(T0 - HOUR, phone(7801), phone(7802), 30, "imei-7801", null);
    Decision d = s.listing(T0, ListName.BLACK, false, ListKind.DEVICE, "imei-7801");
    assertThat(codes(d)).contains("DV_LISTED");
    assertThat(s.engine().lists().mightBeListed(EntityKind.DEVICE, "imei-7801")).isTrue();

    String h = holder(7801);
    s.opening(T0, OpeningKind.SIM, phone(7803), h, null, null, null, null, "online");
    Decision listed = s.listing(T0 + MINUTE, ListName.DISHONEST, false, ListKind.HOLDER, h);
    assertThat(codes(listed))
        .as("the listing itself decides no opening")
        .doesNotContain("HO_DISHONEST");
    assertThat(s.engine().entity(EntityKind.PHONE, phone(7803)).map(EntityRisk::score).orElse(0))
        .as("the cards the person holds are not marked")
        .isZero();
  }
}
