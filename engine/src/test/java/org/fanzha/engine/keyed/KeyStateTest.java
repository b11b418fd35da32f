package org.fanzha.engine.keyed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fanzha.engine.Scenario.DAY;
import static org.fanzha.engine.Scenario.T0;
import static org.fanzha.engine.Scenario.phone;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.Scenario;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.file.RuleFileException;
import org.fanzha.engine.scoring.Facts;
import org.fanzha.engine.scoring.Part;
import org.fanzha.engine.scoring.Request;
import org.fanzha.engine.scoring.Stage;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Tactic;
import org.fanzha.sim.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A key's state kept apart from its share (decisions 0038, 0040, 0041, 0042): a share of any stage
 * that hands every key back after each visit and takes it again before the next finds what a share
 * that keeps them finds, idle forgetting included.
 */
class KeyStateTest {

  /**
   * Runs {@code stage}'s parts of a city in an engine that keeps its keys and in one that hands
   * each key back after every visit and request, and takes it again before the next. The other
   * stages (none for the handsets', which reads nothing of them here) run once, and both take what
   * they found and the requests they asked.
   */
  @ParameterizedTest
  @EnumSource(Stage.class)
  void aShareThatKeepsNothingBetweenVisits_decidesAndHoldsWhatOneThatKeepsAllDoes(Stage stage)
      throws IOException {
    // a holder's share meets only openings, closings, labels, listings and requests: a larger city;
    // and people's, where a caller found out after a quiet episode is rare: the done-when world
    World world =
        World.generate(
            SimConfig.builder(
                    31,
                    switch (stage) {
                      case NODE -> 600;
                      case ACTOR -> 1000;
                      default -> 3000;
                    },
                    stage == Stage.PERSON ? 2 : 4)
                .tactics(Tactic.parse("all"))
                .build());
    // a day of idleness, so the sweeps forget much: the share that keeps nothing must forget alike
    EngineConfig config = EngineConfig.defaults().with("state.idle_days", 1);
    if (stage == Stage.PERSON) {
      // messages with a link are lures (the text module's model is not this module's): people
      // hold lures, and what they engage with names their episodes
      config =
          config.withContentClassifier(
              text ->
                  text.contains("http")
                      ? new ContentVerdict(
                          FraudType.INVESTMENT.wireName(), FraudType.INVESTMENT, 0.95, List.of())
                      : new ContentVerdict(ContentVerdict.NONE, null, 0.9, List.of()));
    }
    // the other stages run once, in one share each, and every request goes where it is asked: a
    // holder's stage reads what the handsets' stage found and hears from the numbers' stage, which
    // hears back from holders (dealers) and from people (victims' money)
    Map<Stage, Engine> others = new java.util.EnumMap<>(Stage.class);
    java.util.Deque<Request> pending = new java.util.ArrayDeque<>();
    if (stage != Stage.NODE) {
      for (Stage other : Stage.values()) {
        if (other != stage) {
          Engine e = new Engine(config);
          e.keyedShare(other, pending::add);
          others.put(other, e);
        }
      }
    }
    Twins twins = new Twins(config, stage);
    int visits = 0;
    int requests = 0;
    for (Event e : events(world)) {
      Facts facts = new Facts();
      for (Part.Visit v : Part.of(e)) {
        Stage at = v.part().stage();
        if (at == stage) {
          String key = v.part().key(e, v.index(), facts);
          if (key == null) {
            continue; // a payment whose paying person is unknown: no person's part
          }
          // a part every task runs (a site reported or listed) is about no key
          List<String> keys = Part.EVERY.equals(key) ? List.of() : List.of(key);
          twins.run(keys, facts, (engine, f) -> engine.visit(v.part(), v.index(), e, f));
          twins.passOn(pending);
          visits++;
        } else if (others.containsKey(at)) {
          others.get(at).visit(v.part(), v.index(), e, facts);
        }
      }
      while (!pending.isEmpty()) {
        Request r = pending.poll();
        if (r.stage() == stage) {
          // a request to every task needs the people it is about read back first (a caller's quiet
          // episodes)
          twins.run(
              Part.EVERY.equals(r.key()) ? twins.handsBack.keysFor(r) : List.of(r.key()),
              new Facts(),
              (engine, f) -> {
                engine.receive(r);
                return null;
              });
          twins.passOn(pending);
          requests++;
        } else if (others.containsKey(r.stage())) {
          others.get(r.stage()).receive(r);
        }
      }
    }
    assertThat(visits).isGreaterThan(stage == Stage.NODE ? 10_000 : 500);
    assertThat(twins.keepsDecisions.stream().filter(d -> !d.endsWith("|0")).count())
        .isGreaterThan(stage == Stage.NODE ? 100 : 50);
    assertThat(twins.handsBackDecisions).isEqualTo(twins.keepsDecisions);
    assertThat(twins.handsBackAsked).isEqualTo(twins.keepsAsked);
    assertThat(twins.handsBackWarnings).isEqualTo(twins.keepsWarnings);
    if (stage == Stage.HOLDER) {
      // a dealer's cards are marked from its lists, as kept apart and put back
      assertThat(twins.keepsAsked.stream().filter(r -> r.link() == Request.Link.PHONE_DEALER))
          .hasSizeGreaterThan(10);
    }
    if (stage == Stage.ACTOR) {
      // dealers' marks, mules' and victims' money reached the numbers and accounts kept apart
      assertThat(requests).isGreaterThan(50);
      assertThat(twins.keepsAsked.stream().filter(r -> r.link() == Request.Link.MULE_MONEY))
          .hasSizeGreaterThan(10);
    }
    if (stage == Stage.PERSON) {
      // people warned in their episodes, some only once their caller was found out, kept apart
      assertThat(twins.keepsWarnings).hasSizeGreaterThan(20);
      assertThat(twins.quietWarned).as("quiet episodes warned").isGreaterThan(0);
      assertThat(twins.keepsAsked.stream().filter(r -> r.link() == Request.Link.VICTIM_MONEY))
          .hasSizeGreaterThan(5);
      // a whole snapshot of the share that kept its people reads back the numbers they refer to
      ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
      twins.keeps.writeSnapshot(snapshot);
      Engine read = Engine.readSnapshot(new ByteArrayInputStream(snapshot.toByteArray()), config);
      read.keyedShare(stage, r -> {});
      long[] sweep = twins.keeps.clockAndSweep(); // kept apart from a whole snapshot by its runner
      read.resumeClock(sweep[0], sweep[1]);
      assertThat(read.exportGroup()).isEqualTo(twins.keeps.exportGroup());
      List<String> people = new ArrayList<>();
      twins.keeps.forEachKey(stage, people::add);
      assertThat(people).hasSizeGreaterThan(100);
      for (String person : people) {
        assertThat(read.exportKey(person)).as(person).isEqualTo(twins.keeps.exportKey(person));
      }
    }
    if (stage != Stage.HOLDER) {
      assertThat(twins.keeps.stats().forgottenIdle()).as("the sweeps forgot").isGreaterThan(100);
    }

    // what each still holds: the share's own entities, and what the other kept apart once restored
    Engine restored = new Engine(config);
    restored.keyedShare(stage, r -> {});
    // as a runner reads a key it kept apart: the sweeps it missed applied (decision 0027)
    long[] clock = twins.keeps.clockAndSweep();
    restored.resumeClock(clock[0], clock[1]);
    for (var k : twins.keptApart.entrySet()) {
      restored.restoreKey(k.getKey(), k.getValue());
      restored.forgetKeyIfIdle(k.getKey());
    }
    assertThat(risks(restored)).hasSizeGreaterThan(10).isEqualTo(risks(twins.keeps));
    // and the share that handed every key back holds nothing once what the keys left is let go
    twins.handsBack.letGoUnnamed(stage);
    assertThat(twins.handsBack.stats().entitiesTracked().values()).containsOnly(0);
  }

  /** An engine that keeps its keys, and one that keeps none between two visits of a key. */
  private static final class Twins {
    final Engine keeps;
    final Engine handsBack;
    final List<Request> keepsAsked = new ArrayList<>();
    final List<Request> handsBackAsked = new ArrayList<>();
    final List<String> keepsDecisions = new ArrayList<>();
    final List<String> handsBackDecisions = new ArrayList<>();
    final List<String> keepsWarnings = new ArrayList<>();
    final List<String> handsBackWarnings = new ArrayList<>();
    final Map<String, byte[]> keptApart = new TreeMap<>();

    /**
     * Warnings raised in a run for more than one key: quiet episodes whose caller was found out.
     */
    int quietWarned;

    private int passed;

    Twins(EngineConfig config, Stage stage) {
      keeps = new Engine(config);
      handsBack = new Engine(config);
      keeps.keyedShare(stage, keepsAsked::add);
      handsBack.keyedShare(stage, handsBackAsked::add);
    }

    /** Hands on what the share that keeps its keys asked since last time (the other's the same). */
    void passOn(java.util.Deque<Request> to) {
      to.addAll(keepsAsked.subList(passed, keepsAsked.size()));
      passed = keepsAsked.size();
    }

    /**
     * Runs {@code step} (a decision, or null) for {@code keys} in both, each with its own copy of
     * {@code facts}; both must find the same facts, which go on in {@code facts}.
     */
    void run(
        List<String> keys, Facts facts, java.util.function.BiFunction<Engine, Facts, Decision> step)
        throws IOException {
      Facts keptFacts = copy(facts);
      Facts backFacts = copy(facts);
      Decision kept = step.apply(keeps, keptFacts);
      for (String key : keys) {
        byte[] apart = keptApart.remove(key);
        if (apart != null) {
          handsBack.restoreKey(key, apart);
          // put back whole: written again, the same bytes
          assertThat(handsBack.exportKey(key)).as(key).isEqualTo(apart);
          handsBack.forgetKeyIfIdle(key);
        }
      }
      Decision back = step.apply(handsBack, backFacts);
      assertThat(bytes(backFacts)).as(keys.toString()).isEqualTo(bytes(keptFacts));
      facts.copyOf(keptFacts);
      if (kept != null && back != null) {
        keepsDecisions.add(line(kept));
        handsBackDecisions.add(line(back));
      }
      keeps.drainWarnings().forEach(w -> keepsWarnings.add(w.toString()));
      List<org.fanzha.engine.Warning> warned = handsBack.drainWarnings();
      warned.forEach(w -> handsBackWarnings.add(w.toString()));
      if (kept == null && !warned.isEmpty() && keys.size() > 0) {
        quietWarned += warned.size();
      }
      for (String key : keys) {
        byte[] now = handsBack.exportKey(key);
        if (now != null) {
          keptApart.put(key, now);
          handsBack.forgetKey(key);
        }
      }
    }
  }

  private static byte[] bytes(Facts f) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    f.write(new DataOutputStream(out));
    return out.toByteArray();
  }

  private static Facts copy(Facts f) {
    Facts c = new Facts();
    c.copyOf(f);
    return c;
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void onlyHolders_areNeverForgottenByTheIdleSweep(Stage stage) {
    // a holder is a registration (decision 0027); every other stage's keys come and go
    assertThat(org.fanzha.engine.scoring.KeyState.mayGoIdle(stage))
        .isEqualTo(stage != Stage.HOLDER);
  }

  @Test
  void aHolderPutBackInAnotherEngine_marksItsCardsHandsetAndNetworkWhenItTurnsDealer()
      throws IOException {
    List<Request> keptAsked = new ArrayList<>();
    Engine kept = share(keptAsked);
    List<Request> apartAsked = new ArrayList<>();
    String key = "holder:" + HOLDER_A;
    List<Event> openings =
        List.of(
            simOpening(T0, phone(1), HOLDER_A),
            simOpening(T0 + 60_000, phone(2), HOLDER_A),
            new OpeningEvent(
                "o3",
                T0 + 120_000,
                null,
                OpeningKind.BANK_ACCOUNT,
                "acct-1",
                HOLDER_A,
                phone(1),
                null,
                "imei-h",
                "10.0.0.7",
                null));
    byte[] bytes = null;
    for (Event o : openings) {
      kept.visit(Part.OPENING_HOLDER, 0, o, new Facts());
      Engine apart = share(apartAsked); // each visit in an engine made afresh, the holder put back
      if (bytes != null) {
        apart.restoreKey(key, bytes);
      }
      apart.visit(Part.OPENING_HOLDER, 0, o, new Facts());
      bytes = apart.exportKey(key);
    }
    Engine last = share(apartAsked);
    last.restoreKey(key, bytes);
    for (int i = 0; i < 2; i++) { // two of its cards found used for fraud: a dealer
      Request fraud = new Request(Request.Link.HOLDER_FRAUD, HOLDER_A, null, "r" + i, T0 + DAY);
      kept.receive(fraud);
      last.receive(fraud);
    }
    assertThat(apartAsked).isEqualTo(keptAsked);
    assertThat(keptAsked)
        .extracting(r -> r.link() + " " + r.target())
        .containsExactly(
            "PHONE_DEALER " + phone(2),
            "PHONE_DEALER " + phone(1),
            "ACCOUNT_DEALER acct-1",
            "DEVICE_DEALER imei-h",
            "IP_DEALER 10.0.0.7");
  }

  @Test
  void aCardAnotherHolderTookWhileItsFirstHolderWasAway_staysTheOthers() throws IOException {
    List<Request> asked = new ArrayList<>();
    Engine e = share(asked);
    e.visit(Part.OPENING_HOLDER, 0, simOpening(T0, phone(1), HOLDER_A), new Facts());
    e.visit(Part.OPENING_HOLDER, 0, simOpening(T0 + 1, phone(2), HOLDER_A), new Facts());
    byte[] a = e.exportKey("holder:" + HOLDER_A);
    e.forgetKey("holder:" + HOLDER_A);
    e.visit(Part.OPENING_HOLDER, 0, simOpening(T0 + 2, phone(1), HOLDER_B), new Facts());
    e.restoreKey("holder:" + HOLDER_A, a);
    for (String holder : List.of(HOLDER_A, HOLDER_B)) {
      for (int i = 0; i < 2; i++) {
        e.receive(new Request(Request.Link.HOLDER_FRAUD, holder, null, "r", T0 + DAY));
      }
    }
    assertThat(asked)
        .extracting(r -> r.link() + " " + r.target())
        .as("the first holder's dealer marks, then the second's")
        .containsExactly("PHONE_DEALER " + phone(2), "PHONE_DEALER " + phone(1));
  }

  /**
   * A number's bytes (slice, holder, pairs) cut short or run long are refused with the key, and
   * nothing of them is put back: not its row, not its holder's, not its pairs.
   */
  @Test
  void aNumbersBytesCutShort_areRefusedWithTheKey_andNothingOfThemIsPutBack() throws IOException {
    Engine e = new Engine(EngineConfig.defaults());
    e.keyedShare(Stage.ACTOR, r -> {});
    String caller = phone(1);
    e.visit(Part.OPENED_CARD, 0, simOpening(T0, caller, HOLDER_A), new Facts());
    for (int i = 0; i < 12; i++) {
      Event call =
          new org.fanzha.core.event.CallEvent(
              "c" + i,
              T0 + i * 60_000L,
              null,
              caller,
              phone(100 + i),
              0,
              null,
              null,
              null,
              null,
              null);
      e.visit(Part.CALLER, 0, call, new Facts());
    }
    String key = "phone:" + caller;
    byte[] whole = e.exportKey(key);
    e.forgetKey(key);
    e.letGoUnnamed(Stage.ACTOR);
    assertThat(e.stats().entitiesTracked().values()).containsOnly(0);
    for (int cut = 1; cut < whole.length; cut += 5) { // ends inside a slice, a name, the pairs
      byte[] part = java.util.Arrays.copyOf(whole, whole.length - cut);
      assertThatThrownBy(() -> e.restoreKey(key, part))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(key);
      e.letGoUnnamed(Stage.ACTOR);
      assertThat(e.stats().entitiesTracked().values()).as("cut by %d", cut).containsOnly(0);
    }
    byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 1);
    assertThatThrownBy(() -> e.restoreKey(key, longer)).hasMessageContaining(key);
    e.restoreKey(key, whole);
    assertThat(e.exportKey(key)).as("put back whole, its pairs among it").isEqualTo(whole);
  }

  @Test
  void aHoldersBytesCutShort_areRefusedWithTheKey_andNothingOfThemIsPutBack() throws IOException {
    Engine e = share(new ArrayList<>());
    e.visit(Part.OPENING_HOLDER, 0, simOpening(T0, phone(1), HOLDER_A), new Facts());
    e.visit(Part.OPENING_HOLDER, 0, simOpening(T0 + 1, phone(2), HOLDER_A), new Facts());
    String key = "holder:" + HOLDER_A;
    byte[] whole = e.exportKey(key);
    e.forgetKey(key);
    assertThat(e.stats().entitiesTracked().values()).containsOnly(0);
    for (int cut = 1; cut < whole.length; cut += 7) { // ends inside a slice, a name, a count
      byte[] part = java.util.Arrays.copyOf(whole, whole.length - cut);
      assertThatThrownBy(() -> e.restoreKey(key, part))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(key);
      assertThat(e.stats().entitiesTracked().values()).as("cut by %d", cut).containsOnly(0);
    }
    byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 1);
    assertThatThrownBy(() -> e.restoreKey(key, longer)).hasMessageContaining(key);
    assertThat(e.stats().entitiesTracked().values()).containsOnly(0);
    e.restoreKey(key, whole);
    assertThat(e.exportKey(key)).isEqualTo(whole);
  }

  private static final String HOLDER_A = "410403198505273527";
  private static final String HOLDER_B = "410403199002041745";

  private static Engine share() {
    return new Engine(EngineConfig.defaults());
  }

  private static Engine share(List<Request> asked) {
    Engine e = share();
    e.keyedShare(Stage.HOLDER, asked::add);
    return e;
  }

  private static OpeningEvent simOpening(long ts, String number, String holder) {
    return new OpeningEvent(
        "o-" + number + "-" + ts,
        ts,
        null,
        OpeningKind.SIM,
        number,
        holder,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void aReasonTravelsAsItsCode_toAnEngineThatGaveTheCodeAnotherBit()
      throws IOException, RuleFileException {
    World world =
        World.generate(SimConfig.builder(31, 600, 2).tactics(Tactic.parse("all")).build());
    Engine from = new Engine(EngineConfig.defaults());
    from.keyedShare(Stage.NODE, r -> {});
    events(world).forEach(from::process);
    String held =
        risks(from).keySet().stream()
            .filter(k -> k.startsWith("device:"))
            .findFirst()
            .orElseThrow();
    // an engine that first used a book with one more node rule ahead of the shipped ones gave
    // every shipped node code the next bit up
    Engine to = new Engine(EngineConfig.defaults().withRules(withANodeRuleFirst()));
    to.keyedShare(Stage.NODE, r -> {});
    to.useRules(RuleBook.defaults());
    to.restoreKey(held, from.exportKey(held));
    assertThat(risks(to).get(held)).isEqualTo(risks(from).get(held));
  }

  @Test
  void aKeyKeptApartWhileItsShareSwept_isForgottenOnItsReturnIfTheSweepWouldHaveForgottenIt()
      throws IOException {
    Engine e = new Engine(EngineConfig.defaults().with("state.idle_days", 1));
    e.keyedShare(Stage.NODE, r -> {});
    Scenario s = new Scenario(e);
    s.call(T0, phone(1), phone(2), 30, "idle-handset", null);
    byte[] idle = e.exportKey("device:idle-handset");
    e.forgetKey("device:idle-handset");
    // three days on, the day's first event sweeps: the handset, had it been held, would have gone
    s.call(T0 + 3 * DAY, phone(3), phone(4), 30, "busy-handset", null);
    byte[] busy = e.exportKey("device:busy-handset");
    e.forgetKey("device:busy-handset");
    long forgotten = e.stats().forgottenIdle();
    e.restoreKey("device:idle-handset", idle);
    e.restoreKey("device:busy-handset", busy);
    assertThat(e.forgetKeyIfIdle("device:idle-handset")).isTrue();
    assertThat(e.forgetKeyIfIdle("device:busy-handset")).isFalse();
    assertThat(e.exportKey("device:idle-handset")).isNull();
    assertThat(e.exportKey("device:busy-handset")).isEqualTo(busy);
    assertThat(e.stats().forgottenIdle()).isEqualTo(forgotten + 1);
  }

  @Test
  void aHandsetListedBeforeAnyEventNamesIt_keepsItsListingApartAndBack() throws IOException {
    EngineConfig config = EngineConfig.defaults();
    Engine e = new Engine(config);
    e.keyedShare(Stage.NODE, r -> {});
    new Scenario(e).listing(T0, ListName.BLACK, false, ListKind.DEVICE, "imei-listed");
    assertThat(e.holdsKey("device:imei-listed")).isTrue();
    byte[] kept = e.exportKey("device:imei-listed");
    assertThat(kept).isNotNull();
    e.forgetKey("device:imei-listed");
    assertThat(e.holdsKey("device:imei-listed")).isFalse();
    Engine other = new Engine(config);
    other.keyedShare(Stage.NODE, r -> {});
    other.restoreKey("device:imei-listed", kept);
    Scenario later = new Scenario(other);
    for (int i = 0; i < 3; i++) { // a handset is scored once it carries a few numbers
      later.call(T0 + 60_000 + i, phone(1 + i), phone(9), 30, "imei-listed", null);
    }
    assertThat(other.entity(EntityKind.DEVICE, "imei-listed").orElseThrow().reasons())
        .extracting(r -> r.code())
        .contains("DV_LISTED");
  }

  @Test
  void aSliceWrittenBeforeItsKindGainedWords_isWidenedWithTheRiskAtTheEnd() throws IOException {
    Engine e = new Engine(EngineConfig.defaults());
    e.keyedShare(Stage.NODE, r -> {});
    Scenario s = new Scenario(e);
    for (int i = 0; i < 3; i++) {
      s.call(T0 + i, phone(1 + i), phone(9), 30, "imei-a", null);
    }
    byte[] now = e.exportKey("device:imei-a");
    String held = e.entity(EntityKind.DEVICE, "imei-a").orElseThrow().toString();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(now));
    in.readByte();
    int words = in.readShort();
    int[] slice = new int[words];
    for (int i = 0; i < words; i++) {
      slice[i] = in.readInt();
    }
    byte[] rest = in.readAllBytes();
    // as a build with one feature word fewer wrote it: the last feature word (0 here) left out,
    // the trailer (score and roles, two mask words, the stamp) kept at the end
    int dropped = words - 4 - 1;
    assertThat(slice[dropped]).as("the word left out is 0").isZero();
    ByteArrayOutputStream older = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(older);
    out.writeByte(1);
    out.writeShort(words - 1);
    for (int i = 0; i < words; i++) {
      if (i != dropped) {
        out.writeInt(slice[i]);
      }
    }
    out.write(rest);
    e.forgetKey("device:imei-a");
    e.restoreKey("device:imei-a", older.toByteArray());
    assertThat(e.entity(EntityKind.DEVICE, "imei-a").orElseThrow().toString()).isEqualTo(held);
    assertThat(e.exportKey("device:imei-a")).isEqualTo(now);
  }

  @Test
  void bytesOfAnotherLayout_areRefusedWithTheKey() {
    Engine e = new Engine(EngineConfig.defaults());
    e.keyedShare(Stage.NODE, r -> {});
    // a slice of three words cannot hold a risk and a stamp; bytes that end early
    byte[] narrow = {1, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0};
    assertThatThrownBy(() -> e.restoreKey("device:d1", narrow))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("device:d1");
    assertThat(e.holdsKey("device:d1")).as("nothing half put back").isFalse();
    assertThatThrownBy(() -> e.restoreKey("device:d2", new byte[] {1, 0, 3, 0, 0}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("device:d2");
    // a whole slice, then the bytes end: the slice put back is taken out again
    new Scenario(e).call(T0, phone(1), phone(2), 30, "imei-cut", null);
    byte[] whole = e.exportKey("device:imei-cut");
    e.forgetKey("device:imei-cut");
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 2);
    assertThatThrownBy(() -> e.restoreKey("device:imei-cut", cut))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("device:imei-cut");
    assertThat(e.holdsKey("device:imei-cut")).isFalse();
    byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 1);
    assertThatThrownBy(() -> e.restoreKey("device:imei-cut", longer))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("device:imei-cut");
    assertThat(e.holdsKey("device:imei-cut")).isFalse();
    assertThatThrownBy(() -> e.exportKey("phone:+8613800000000"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Event> events(World world) {
    List<Event> out = new ArrayList<>();
    world.forEachEvent(out::add);
    return out;
  }

  private static RuleBook withANodeRuleFirst() throws RuleFileException {
    String shipped = RuleBook.defaultText();
    int rules = shipped.indexOf("\nrules:\n") + "\nrules:\n".length();
    return RuleBook.parse(
        shipped.substring(0, rules)
            + """
              - code: DV_NEVER
                applies_to: device
                weight: 10
                when: "features.holders >= 1000000"
                reason: {zh: "从不触发", en: "Never fires"}
            """
            + shipped.substring(rules));
  }

  private static Map<String, String> risks(Engine e) {
    Map<String, String> out = new TreeMap<>();
    e.forEachRisk(
        r ->
            out.put(
                r.entityKind().wireName() + ":" + r.entity(),
                r.score()
                    + "|"
                    + r.roles()
                    + "|"
                    + r.reasons().stream().map(x -> x.code()).toList()));
    return out;
  }

  private static String line(Decision d) {
    return d.entityKind().wireName() + ":" + d.entity() + "|" + d.action() + "|" + d.score();
  }
}
