package org.fanzha.engine.scoring;

import static org.fanzha.core.time.Millis.HOUR;

import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.rules.EngineParams;
import org.fanzha.engine.rules.Rule;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.RuleCodes;
import org.fanzha.engine.rules.RuleSet;
import org.fanzha.engine.rules.file.RuleSpec;

/**
 * The rule book in force and what the per-event path reads from it: each kind's compiled rules, the
 * lasting bits their codes were given, and the book's engine parameters. Every part shares one
 * instance; {@link #adopt} replaces all of it together, between two events.
 */
public final class RulesInForce {
  private static final String MODEL_SCORE = "model_score";
  private static final String VICTIM_LINKS = "victim_links";
  private final RuleCodes codes;
  private RuleBook book;
  RuleSet phoneRules;
  RuleSet accountRules;
  RuleSet holderRules;
  RuleSet nodeRules;
  long[] phoneBits = new long[0];
  long[] accountBits = new long[0];
  long[] holderBits = new long[0];
  long[] nodeBits = new long[0];

  /** The lasting bits of the phone rules marked {@code evidence: link}. */
  long phoneLinkBits;

  /**
   * The lasting bits of the phone rules that raise a score on its victim links (weight above 0).
   */
  long phoneVictimLinkBits;

  /**
   * The lasting bits of the phone and account rules that raise a score on the trained model's
   * (weight above 0).
   */
  long phoneModelBits;

  long accountModelBits;
  EngineParams params;

  /** Adopts {@code first} with the codes of {@code codes} (a restored engine's, or empty). */
  public RulesInForce(RuleCodes codes, RuleBook first) {
    this.codes = codes;
    adopt(first);
  }

  /**
   * Makes {@code next} the book in force.
   *
   * @throws IllegalArgumentException when the book would need more rule codes than the engine can
   *     tell apart (see {@link RuleCodes}); the rules in force are then unchanged
   */
  public void adopt(RuleBook next) {
    Map<RuleSpec.Kind, long[]> bits = codes.adopt(next);
    EngineParams p = new EngineParams(next);
    book = next;
    phoneRules = next.rules(RuleSpec.Kind.PHONE);
    accountRules = next.rules(RuleSpec.Kind.ACCOUNT);
    holderRules = next.rules(RuleSpec.Kind.HOLDER);
    nodeRules = next.rules(RuleSpec.Kind.DEVICE);
    phoneBits = Objects.requireNonNull(bits.get(RuleSpec.Kind.PHONE));
    accountBits = Objects.requireNonNull(bits.get(RuleSpec.Kind.ACCOUNT));
    holderBits = Objects.requireNonNull(bits.get(RuleSpec.Kind.HOLDER));
    nodeBits = Objects.requireNonNull(bits.get(RuleSpec.Kind.DEVICE));
    phoneLinkBits = bits(phoneRules, phoneBits, Rule::links);
    phoneVictimLinkBits =
        bits(
            phoneRules, phoneBits, r -> r.weight() > 0 && r.condition().readsFeature(VICTIM_LINKS));
    Predicate<Rule> raisesOnModel = r -> r.weight() > 0 && r.condition().readsFeature(MODEL_SCORE);
    phoneModelBits = bits(phoneRules, phoneBits, raisesOnModel);
    accountModelBits = bits(accountRules, accountBits, raisesOnModel);
    params = p;
  }

  private static long bits(RuleSet set, long[] bitOfIndex, Predicate<Rule> which) {
    long out = 0;
    for (int i = 0; i < set.rules().size(); i++) {
      if (which.test(set.rules().get(i))) {
        out |= bitOfIndex[i];
      }
    }
    return out;
  }

  /**
   * Returns whether a phone's reasons (lasting bits) include one that ties it to fraud itself: a
   * victim, a report, fraudulent content, a listing, a dealer, a shared handset. A number suspected
   * for how it calls alone is not.
   */
  boolean linksPhone(long lastingMask) {
    return (lastingMask & phoneLinkBits) != 0;
  }

  /**
   * Returns whether a phone holds victim-link reasons that its rules no longer grant and that
   * chance explains: it has placed more than {@code victim.link_lapse} long first calls per link,
   * the strangers it keeps calling at length having lost nothing.
   */
  boolean victimLinksLapsed(
      long heldMask, long currentMask, int victimLinks, int longFirstContacts) {
    return (heldMask & phoneVictimLinkBits) != 0
        && (currentMask & phoneVictimLinkBits) == 0
        && longFirstContacts > (long) victimLinks * params.linkLapseContacts;
  }

  /**
   * Returns the rule indexes (a bit each) of the phone rules whose lasting bits are in {@code
   * lastingMask}.
   */
  long phoneRuleIndexes(long lastingMask) {
    long out = 0;
    for (int i = 0; i < phoneBits.length; i++) {
      if ((lastingMask & phoneBits[i]) != 0) {
        out |= 1L << i;
      }
    }
    return out;
  }

  /**
   * Returns the lasting bits of the rules of {@code kind} that raise a score on the model's (none
   * for others).
   */
  long modelBits(EntityKind kind) {
    return kind == EntityKind.PHONE
        ? phoneModelBits
        : kind == EntityKind.ACCOUNT ? accountModelBits : 0;
  }

  /** Returns the book in force. */
  public RuleBook book() {
    return book;
  }

  /** Returns the book's engine parameters (windows, thresholds). */
  public EngineParams params() {
    return params;
  }

  /** Returns whether {@code ts} falls in the book's night hours, Beijing time. */
  boolean night(long ts) {
    int hour = (int) Math.floorMod(Math.floorDiv(ts, HOUR) + 8, 24L);
    return hour >= params.nightStart && hour < params.nightEnd;
  }
}
