package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.engine.Scenario.HOUR;
import static org.fanzha.engine.Scenario.MINUTE;
import static org.fanzha.engine.Scenario.T0;
import static org.fanzha.engine.Scenario.account;
import static org.fanzha.engine.Scenario.phone;

import java.util.List;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;
import org.junit.jupiter.api.Test;

/**
 * The fraud type a victim's warning names when the number that reached them has none (labelled a
 * fraud number, kind unknown): what the payments suggest, and messages whose content only leans
 * toward a kind of fraud.
 */
class EpisodeTypeTest {

  private static final String FRAUD_NUMBER = phone(700);
  private static final String VICTIM = phone(701);

  /**
   * A fraud number of unknown kind calls the victim at length; the victim then pays a new account
   * three times.
   */
  private static Scenario hooked(Scenario s, long... yuan) {
    s.label(T0 - HOUR, EntityKind.PHONE, FRAUD_NUMBER, Role.FRAUD_NUMBER);
    s.victimReceivesCall(T0, FRAUD_NUMBER, VICTIM, 1500);
    for (int k = 0; k < yuan.length; k++) {
      s.transfer(T0 + (40 + 20 * k) * MINUTE, account(701), account(900), yuan[k], VICTIM);
    }
    return s;
  }

  private static FraudType lastType(Scenario s) {
    List<Warning> warnings = s.warnings();
    assertThat(warnings)
        .isNotEmpty()
        .allSatisfy(w -> assertThat(w.victimPhone()).isEqualTo(VICTIM));
    return warnings.get(warnings.size() - 1).fraudType();
  }

  @Test
  void feesThatKeepDoublingWithNothingPaidBack_areAFakeLoan() {
    assertThat(lastType(hooked(new Scenario(), 1_000, 2_100, 4_500))).isEqualTo(FraudType.LOAN);
  }

  @Test
  void aSmallSumComingInBeforeThePayments_isTheBrushingGangsCommission() {
    Scenario s = new Scenario();
    s.transfer(
        T0 + 20 * MINUTE,
        account(800),
        account(701),
        48,
        null); // the "commission" for the first tasks
    assertThat(lastType(hooked(s, 1_000, 2_100, 4_500))).isEqualTo(FraudType.BRUSHING);
  }

  @Test
  void paymentsThatDoNotGrow_nameNothingByThemselves() {
    assertThat(lastType(hooked(new Scenario(), 20_000, 18_000)))
        .isNotIn(FraudType.LOAN, FraudType.BRUSHING);
  }

  @Test
  void aMessageThatOnlyLeansTowardFraud_namesTheEpisodeButAccusesNobody() {
    Engine engine =
        new Engine(
            EngineConfig.defaults()
                .with("pairs.log2_bits", 12)
                .withContentClassifier(
                    text ->
                        text.contains("保本")
                            ? new ContentVerdict(
                                FraudType.INVESTMENT.wireName(),
                                FraudType.INVESTMENT,
                                0.5,
                                List.of("保本"))
                            : new ContentVerdict(ContentVerdict.NONE, null, 0.9, List.of())));
    Scenario s = new Scenario(engine);
    String sender = phone(702);
    s.sms(T0 - 2 * HOUR, sender, VICTIM, "养老项目认购中，年化收益35%，保本保息");
    assertThat(s.warnings()).as("a message alone warns nobody").isEmpty();
    assertThat(lastType(hooked(s, 20_000, 18_000))).isEqualTo(FraudType.INVESTMENT);
    assertThat(
            engine
                .entity(EntityKind.PHONE, sender)
                .map(r -> r.reasons().stream().map(Reason::code).toList())
                .orElse(List.of()))
        .as("below the content threshold: no evidence against the sender")
        .doesNotContain("PH_FRAUD_SMS", "PH_FRAUD_SMS_MANY");
  }
}
