package org.fanzha.engine.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.Action;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Level;
import org.fanzha.engine.features.AccountFeatures;
import org.fanzha.engine.features.HolderFeatures;
import org.fanzha.engine.features.NodeFeatures;
import org.fanzha.engine.features.NodeTable;
import org.fanzha.engine.features.PhoneFeatures;
import org.fanzha.engine.features.PhoneTable;
import org.fanzha.engine.model.EntityModel;
import org.fanzha.engine.model.Models;
import org.fanzha.engine.rules.EventView;
import org.fanzha.engine.rules.RuleCodes;
import org.fanzha.engine.rules.Verdict;
import org.fanzha.engine.rules.file.RuleSpec;
import org.jspecify.annotations.Nullable;

/**
 * Runs an entity's rules on its features as they stand, stores the held risk, offers the entity to
 * the event's decision and hands a verdict that crosses a propagation threshold to {@link
 * Propagation}. Evaluation fills a reusable feature view; nothing is allocated per call.
 */
public final class Evaluation {
  private final EngineState s;
  private final RulesInForce r;
  private final DecisionTally tally;
  private final Propagation propagation;
  private final PhoneFeatures pf = new PhoneFeatures();
  private final AccountFeatures af = new AccountFeatures();
  private final HolderFeatures hf = new HolderFeatures();
  private final NodeFeatures nf = new NodeFeatures();
  private final Verdict verdict = new Verdict();

  /** Scratch for a phone held again without its lapsed victim links. */
  private final Verdict relinked = new Verdict();

  /** What an entity keeps of an evaluation whose event-only rules fired ({@code scope: event}). */
  private final Verdict keptPart = new Verdict();

  private final EventView ev = new EventView();

  /** Whether the last holder evaluated was held by a rule of scope event (an opening refused). */
  private boolean refusedByEventRule;

  /**
   * How often each lasting rule bit fired, per kind (PHONE, ACCOUNT, HOLDER, DEVICE): for
   * back-tests, shadows, metrics.
   */
  private final long[][] hits = new long[RuleSpec.Kind.values().length][64];

  /** Sees each phone and account as its rules see it; for training models (none in production). */
  public interface Tap {
    void phone(String phone, PhoneFeatures features, long now);

    void account(String account, AccountFeatures features, long now);
  }

  private @Nullable Tap tap;

  public Evaluation(EngineState s, RulesInForce r, DecisionTally tally) {
    this.s = s;
    this.r = r;
    this.tally = tally;
    this.propagation = new Propagation(s, r, tally, this);
  }

  private Models models = Models.none();

  /** Scores with the trained models {@code m} from the next evaluation on. */
  public void useModels(Models m) {
    models = m;
    pf.useModel(m.phone());
    af.useModel(m.account());
  }

  /** Returns the trained models in force. */
  public Models models() {
    return models;
  }

  /**
   * Returns the model of {@code kind} with the features of entity {@code id} as they stand at
   * {@code now}, in a new flyweight (a query never disturbs the event path's), or null when there
   * is no model for the kind.
   */
  public @Nullable ModelQuery model(EntityKind kind, int id, long now) {
    if (kind == EntityKind.PHONE && models.phone() != null) {
      PhoneTable phones = s.phones;
      PhoneFeatures f = new PhoneFeatures().useModel(models.phone());
      f.load(phones, id, now, 0);
      return new ModelQuery(models.phone(), f, f.modelScore());
    }
    if (kind == EntityKind.ACCOUNT && models.account() != null) {
      AccountFeatures f = new AccountFeatures().useModel(models.account());
      f.load(s.accounts, id, now);
      return new ModelQuery(models.account(), f, f.modelScore());
    }
    return null;
  }

  /**
   * Returns {@code d} with the two inputs that moved the model most appended to its reasons when it
   * is at least medium and this event first held its party on a rule raising the score on the
   * model's. Later decisions about the party name the rule only (the entity API explains it at any
   * time): a TreeSHAP walk costs tens of microseconds, and a busy number is decided on at every
   * call. What is explained follows from the held reasons, which snapshots keep, so both runners
   * and a restored engine explain the same decisions.
   */
  public Decision withModelReasons(Decision d, long now) {
    EntityKind kind = tally.decidedKind();
    if (kind == null || d.level().compareTo(Level.MEDIUM) < 0 || !tally.decidedNewlyOnModel()) {
      return d;
    }
    ModelQuery q = model(kind, tally.decidedId(), now);
    if (q == null) {
      return d;
    }
    List<Reason> reasons = new ArrayList<>(d.reasons());
    for (EntityModel.Contribution c : q.reasons(2)) {
      reasons.add(c.reason());
    }
    return new Decision(
        d.eventId(), d.entityKind(), d.entity(), d.score(), d.level(), d.action(), reasons);
  }

  /** A model asked about one entity: its score and the features it was computed from. */
  public record ModelQuery(EntityModel model, Object features, double score) {

    /** Returns the {@code top} inputs that moved the score most (TreeSHAP), largest first. */
    public List<EntityModel.Contribution> reasons(int top) {
      return model.reasons(features, top);
    }
  }

  /** Shows every later evaluation to {@code t} ({@code null}: to nobody). */
  public void tap(@Nullable Tap t) {
    tap = t;
  }

  /** Shows {@code event} to the rules that read event fields. */
  public void begin(Event event) {
    ev.set(event);
  }

  /**
   * Scores a phone as the party that acts (calls, sends, is reported, opened): its own calling, its
   * card, its links; not the victim stage of its owner, which {@link #person} scores.
   */
  /**
   * Number {@code p}'s held risk is about to change outside {@link #phone} (a list or label drops
   * it).
   */
  void numberChanging(int p) {
    propagation.numberScored(p, 0);
  }

  int phone(int p, long now) {
    PhoneTable phones = s.phones;
    propagation.numberScored(p, now);
    r.phoneRules.evaluate(pf.load(phones, p, now, 0), ev, verdict);
    if (tap != null) {
      tap.phone(phones.name(p), pf, now);
    }
    int score = verdict.score();
    Role role = verdict.role();
    int before = phones.score(p);
    boolean linkedBefore = r.linksPhone(phones.reasonMask(p));
    long mask = RuleCodes.toBits(verdict.mask(), r.phoneBits);
    count(RuleSpec.Kind.PHONE, mask);
    long heldBefore = phones.reasonMask(p);
    tally.consider(
        EntityKind.PHONE,
        p,
        score,
        mask,
        role); // the event's decision; the number keeps what follows
    Verdict k = r.phoneRules.kept(verdict, keptPart);
    score = k.score();
    role = k.role();
    mask = RuleCodes.toBits(k.mask(), r.phoneBits);
    if (r.victimLinksLapsed(heldBefore, mask, phones.victimLinks(p), phones.longFirstContacts(p))) {
      // held risk is a peak kept on purpose (evidence seen once stays), except chance victim links:
      // the number is
      // held again on the reasons it has now and the others it held, without them
      long kept = r.phoneRuleIndexes(heldBefore & ~r.phoneVictimLinkBits) | k.mask();
      r.phoneRules.combine(kept, relinked);
      phones.setRisk(p, relinked.score(), RuleCodes.toBits(kept, r.phoneBits), relinked.roleBits());
    } else {
      phones.raise(p, score, mask, k.roleBits());
    }
    noteModel(EntityKind.PHONE, p, heldBefore, phones.reasonMask(p));
    if (role == Role.FRAUD_NUMBER) {
      boolean linked = r.linksPhone(mask);
      boolean nowSuspect = before < r.params.suspect && score >= r.params.suspect;
      boolean nowLinked = !linkedBefore && linked && phones.score(p) >= r.params.suspect;
      if (nowSuspect || nowLinked) {
        propagation.callerSuspected(p, now);
      }
      if (score >= r.params.propagate && linked) {
        // a number suspected for how it calls alone does not make its holder a card dealer's name
        propagation.fraudNumberToHolder(p, now);
      }
    }
    return score;
  }

  /**
   * Scores a phone as a person who may be being defrauded now: the phone rules read the victim
   * stage of the person's episode, their list standing, and nothing of the phone's own calling
   * (decision 0023: a keyed runner keeps people apart from the numbers that act). The held risk
   * keeps the higher of the two.
   */
  int person(int v, long now) {
    PhoneTable phones = s.phones;
    // a quiet episode (nothing warned yet) does not make its subject a victim
    int stage =
        (phones.flags(v) & PhoneTable.FLAG_EPISODE) != 0 ? s.victims.warnedStage(v, now) : 0;
    r.phoneRules.evaluate(pf.loadPerson(phones, v, stage), ev, verdict);
    int score = verdict.score();
    long mask = RuleCodes.toBits(verdict.mask(), r.phoneBits);
    count(RuleSpec.Kind.PHONE, mask);
    Verdict k = r.phoneRules.kept(verdict, keptPart);
    s.persons.raise(v, k.score(), RuleCodes.toBits(k.mask(), r.phoneBits), k.roleBits());
    tally.consider(EntityKind.PHONE, v, score, mask, verdict.role());
    return score;
  }

  int account(int a, long now) {
    r.accountRules.evaluate(af.load(s.accounts, a, now), ev, verdict);
    if (tap != null) {
      tap.account(s.accounts.name(a), af, now);
    }
    int score = verdict.score();
    Role role = verdict.role();
    long mask = RuleCodes.toBits(verdict.mask(), r.accountBits);
    count(RuleSpec.Kind.ACCOUNT, mask);
    long heldBefore = s.accounts.reasonMask(a);
    tally.consider(
        EntityKind.ACCOUNT,
        a,
        score,
        mask,
        role); // the event's decision; the account keeps what follows
    Verdict k = r.accountRules.kept(verdict, keptPart);
    score = k.score();
    role = k.role();
    s.accounts.raise(a, score, RuleCodes.toBits(k.mask(), r.accountBits), k.roleBits());
    noteModel(EntityKind.ACCOUNT, a, heldBefore, s.accounts.reasonMask(a));
    if (score >= r.params.propagate && role == Role.MULE) {
      propagation.muleToHolder(a, now);
    }
    return score;
  }

  int holder(int h, long now) {
    r.holderRules.evaluate(hf.load(s.holders, h, now), ev, verdict);
    int score = verdict.score();
    Role role = verdict.role();
    long mask = RuleCodes.toBits(verdict.mask(), r.holderBits);
    count(RuleSpec.Kind.HOLDER, mask);
    Verdict k = r.holderRules.kept(verdict, keptPart);
    // kept() hands back the verdict itself unless a rule of scope event fired
    // refused by the event's own rules: held with them, not held by what the holder keeps
    refusedByEventRule = k != verdict && holds(score, role) && !holds(k.score(), k.role());
    s.holders.raise(h, k.score(), RuleCodes.toBits(k.mask(), r.holderBits), k.roleBits());
    tally.consider(EntityKind.HOLDER, h, score, mask, role);
    if (propagation.isDealer(h)) {
      propagation.dealerToCards(h, now);
    }
    return score;
  }

  private static boolean holds(int score, @Nullable Role role) {
    return ActionPolicy.action(EntityKind.HOLDER, score, role, EventType.OPENING) == Action.HOLD;
  }

  /**
   * Returns whether the holder evaluated last was held (refused) by a rule of scope event, such as
   * the card limit: the opening it decided is not made.
   */
  boolean refusedByEventRule() {
    return refusedByEventRule;
  }

  int node(NodeTable t, EntityKind kind, int n, long now) {
    r.nodeRules.evaluate(nf.load(t, n, now), ev, verdict);
    int score = verdict.score();
    long mask = RuleCodes.toBits(verdict.mask(), r.nodeBits);
    count(RuleSpec.Kind.DEVICE, mask);
    Verdict k = r.nodeRules.kept(verdict, keptPart);
    t.raise(n, k.score(), RuleCodes.toBits(k.mask(), r.nodeBits), k.roleBits());
    tally.consider(kind, n, score, mask, verdict.role());
    return score;
  }

  /**
   * Follows the links the event's evaluations asked for (holders, a dealer's cards, quiet episodes
   * of a caller now suspected), after its decision: they reach entities the event does not name.
   */
  public void settle() {
    propagation.settle();
  }

  /** Sends requests to other keys to {@code outbox} (a keyed runner's share; decision 0023). */
  public void outbox(java.util.function.Consumer<Request> outbox) {
    propagation.outbox(outbox);
  }

  /** Carries out a request another key's step made, and what follows from it. */
  public void receive(Request request) {
    propagation.receive(request);
  }

  /** Returns where steps ask for what reaches entities their event does not name. */
  Propagation links() {
    return propagation;
  }

  /** Returns whether a holder is a suspected card dealer strongly enough to mark what it opened. */
  boolean isDealer(int h) {
    return propagation.isDealer(h);
  }

  /**
   * Tells the tally when the model's rules just entered an entity's held reasons: that decision
   * gets explained.
   */
  private void noteModel(EntityKind kind, int id, long heldBefore, long heldAfter) {
    long bits = r.modelBits(kind);
    if ((heldAfter & bits) != 0 && (heldBefore & bits) == 0) {
      tally.newlyOnModel(kind, id);
    }
  }

  private void count(RuleSpec.Kind kind, long mask) {
    long[] k = hits[kind.ordinal()];
    for (long m = mask; m != 0; m &= m - 1) {
      k[Long.numberOfTrailingZeros(m)]++;
    }
  }

  /**
   * Returns how many times each rule code fired since the engine started, counting every entity the
   * rule fired for on every event.
   */
  public Map<String, Long> ruleHits() {
    Map<String, Long> out = new TreeMap<>();
    for (RuleSpec.Kind k : RuleSpec.Kind.scored()) {
      long[] counts = hits[k.ordinal()];
      for (int b = 0; b < 64; b++) {
        String code = s.codes.code(k, b);
        if (code != null) {
          out.put(code, counts[b]);
        }
      }
    }
    return out;
  }
}
