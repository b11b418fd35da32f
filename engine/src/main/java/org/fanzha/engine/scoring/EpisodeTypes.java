package org.fanzha.engine.scoring;

import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.FraudType;

/** Names the kind of fraud a victim's episode is (as fraud type ordinal + 1; 0 when nothing points anywhere). */
final class EpisodeTypes {
  private final EngineState s;

  EpisodeTypes(EngineState s) {
    this.s = s;
  }

  /**
   * The fraud type of a victim's episode step: what is known of the number that reached them (its
   * messages' content, labels, reports), else of the fraudulent message they received, else what the
   * step itself suggests ({@code prior}), else what is known of the account they pay (last: one mule
   * account takes money from victims of many kinds of fraud).
   */
  int of(int victim, int fraudPhone, int payee, int prior) {
    int t = fraudPhone >= 0 ? s.phones.fraudType(fraudPhone) : 0;
    if (t == 0) {
      t = s.victims.lureType(victim);
    }
    if (t == 0) {
      t = prior;
    }
    return t == 0 && payee >= 0 ? s.accounts.fraudType(payee) : t;
  }

  /**
   * What the number shown to the callee suggests: a 400 or 95 service line that is not the caller poses as customer
   * service; a fixed line (not a mobile number) poses as an authority, the police or a court.
   */
  static int displayed(CallEvent c) {
    String shown = c.displayed();
    if (shown == null || shown.equals(c.caller())) {
      return 0;
    }
    if (shown.startsWith("400") || shown.startsWith("95")) {
      return code(FraudType.CUSTOMER_SERVICE);
    }
    return shown.startsWith("+86") && shown.length() > 3 && shown.charAt(3) != '1' ? code(FraudType.POLICE) : 0;
  }

  /** Returns the code a fraud type is stored as (ordinal + 1, so 0 is "unknown"). */
  static int code(FraudType type) {
    return type.ordinal() + 1;
  }
}
