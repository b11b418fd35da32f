package org.fanzha.engine.scoring;

import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.FraudType;

/**
 * Names the kind of fraud a victim's episode is: fraud type ordinal + 1 in the low byte (0 when
 * nothing points anywhere) and, above it, how strong the evidence is, so an episode keeps the type
 * its strongest evidence named.
 */
final class EpisodeTypes {
  /** The account paid: one mule takes money from victims of many kinds of fraud. */
  static final int BY_PAYEE = 1 << 8;

  /** A message the person received whose content leans toward fraud without being sure of it. */
  static final int BY_HINT = 2 << 8;

  /** What the step suggests: a screen share, the number displayed, payments that keep doubling. */
  static final int BY_STEP = 3 << 8;

  /** The fraudulent message the person received, or engaged with. */
  static final int BY_LURE = 4 << 8;

  /**
   * What is known of the number that reached them: its labels, reports, the content of its
   * messages.
   */
  static final int BY_CONTACT = 5 << 8;

  private final EngineState s;

  EpisodeTypes(EngineState s) {
    this.s = s;
  }

  /**
   * The fraud type of a victim's episode step: what is known of the number that reached them
   * ({@code contactType}, 0 when none: its messages' content, labels, reports), else of the
   * fraudulent message they received, else what the step itself suggests ({@code prior}), else a
   * message they received that leans toward a kind of fraud, else what is known of the account they
   * pay ({@code payeeType}, 0 when none; last: one mule account takes money from victims of many
   * kinds of fraud, and on the tuning worlds it named the wrong one 18 times in 20).
   */
  int of(int victim, int contactType, int payeeType, int prior) {
    int t = contactType;
    if (t != 0) {
      return t | BY_CONTACT;
    }
    t = lure(victim);
    if (t != 0) {
      return t;
    }
    if (prior != 0) {
      return prior | BY_STEP;
    }
    t = s.victims.hintType(victim);
    if (t != 0) {
      return t | BY_HINT;
    }
    return payeeType == 0 ? 0 : payeeType | BY_PAYEE;
  }

  /**
   * The type of the lure the person holds (see {@link
   * org.fanzha.engine.correlation.VictimWatch#rememberLure}).
   */
  int lure(int victim) {
    int t = s.victims.lureType(victim);
    return t == 0 ? 0 : t | BY_LURE;
  }

  /**
   * What the number shown to the callee suggests: a 400 or 95 service line that is not the caller
   * poses as customer service; a fixed line (not a mobile number) poses as an authority, the police
   * or a court.
   */
  static int displayed(CallEvent c) {
    String shown = c.displayed();
    if (shown == null || shown.equals(c.caller())) {
      return 0;
    }
    if (shown.startsWith("400") || shown.startsWith("95")) {
      return code(FraudType.CUSTOMER_SERVICE);
    }
    return shown.startsWith("+86") && shown.length() > 3 && shown.charAt(3) != '1'
        ? code(FraudType.POLICE)
        : 0;
  }

  /**
   * What a victim's payment suggests ({@code before}: the episode's previous payment in yuan, 0
   * when none): a small sum came in first ({@code rebated}), the brushing gang's commission for the
   * first easy tasks (刷单返利); payments that keep doubling with nothing ever paid back, the fees a
   * fake loan asks one after another (手续费, 保证金, 解冻费).
   */
  static int paid(boolean rebated, long before, long yuan) {
    if (rebated) {
      return code(FraudType.BRUSHING);
    }
    return before > 0 && yuan >= 2 * before ? code(FraudType.LOAN) : 0;
  }

  /** Returns the code a fraud type is stored as (ordinal + 1, so 0 is "unknown"). */
  static int code(FraudType type) {
    return type.ordinal() + 1;
  }
}
