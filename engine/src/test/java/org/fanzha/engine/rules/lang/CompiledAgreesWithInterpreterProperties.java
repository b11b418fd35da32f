package org.fanzha.engine.rules.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.Channel;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.engine.rules.Conditions;
import org.fanzha.engine.rules.EventView;
import org.fanzha.engine.rules.RuleCompilerAccess;

/**
 * The compiled form of the rule language means what the interpreter means: random well-typed
 * expressions (numbers, strings, flags, missing event fields, params, functions, lists, choices),
 * compiled together into one class, give the interpreter's answer on random features and events.
 */
class CompiledAgreesWithInterpreterProperties {

  // ---- expression text, typed by construction

  @Provide
  Arbitrary<List<String>> conditionSets() {
    return bool(3).list().ofMinSize(1).ofMaxSize(64);
  }

  private Arbitrary<String> bool(int depth) {
    Arbitrary<String> leaf =
        Arbitraries.oneOf(
            Arbitraries.of(
                "true",
                "false",
                "features.listed",
                "event.channel == null",
                "event.amount != null",
                "null == event.type",
                "features.label.startsWith('a')",
                "event.type.endsWith('er')",
                "event.channel.contains('o')"),
            Combinators.combine(num(0), Arbitraries.of("<", "<=", ">", ">=", "==", "!="), num(0))
                .as((a, op, b) -> a + " " + op + " " + b),
            Combinators.combine(str(), Arbitraries.of("==", "!="), str())
                .as((a, op, b) -> a + " " + op + " " + b),
            num(0).map(n -> n + " in [0, 1, 2.5, 20, -3]"),
            str().map(s -> s + " in ['a', 'transfer', 'online', '']"));
    if (depth == 0) {
      return leaf;
    }
    return Arbitraries.oneOf(
        leaf,
        Combinators.combine(
                num(depth - 1), Arbitraries.of("<", "<=", ">", ">=", "==", "!="), num(depth - 1))
            .as((a, op, b) -> "(" + a + " " + op + " " + b + ")"),
        bool(depth - 1).map(b -> "!(" + b + ")"),
        Combinators.combine(bool(depth - 1), Arbitraries.of("&&", "||"), bool(depth - 1))
            .as((a, op, b) -> "(" + a + " " + op + " " + b + ")"),
        Combinators.combine(bool(depth - 1), bool(depth - 1), bool(depth - 1))
            .as((t, a, b) -> "(" + t + " ? " + a + " : " + b + ")"));
  }

  private Arbitrary<String> num(int depth) {
    Arbitrary<String> leaf =
        Arbitraries.oneOf(
            Arbitraries.of("0", "1", "2.5", "20", "0.35", "-3", "1e3"),
            Arbitraries.of(
                "features.calls",
                "features.rate",
                "event.amount",
                "event.duration_s",
                "event.hour",
                "params.x",
                "params.phone.min_calls"));
    if (depth == 0) {
      return leaf;
    }
    return Arbitraries.oneOf(
        leaf,
        Combinators.combine(num(depth - 1), Arbitraries.of("+", "-", "*", "/", "%"), num(depth - 1))
            .as((a, op, b) -> "(" + a + " " + op + " " + b + ")"),
        num(depth - 1).map(n -> "-(" + n + ")"),
        Combinators.combine(Arbitraries.of("max", "min"), num(depth - 1), num(depth - 1))
            .as((f, a, b) -> f + "(" + a + ", " + b + ")"),
        num(depth - 1).map(n -> "abs(" + n + ")"),
        Combinators.combine(bool(depth - 1), num(depth - 1), num(depth - 1))
            .as((t, a, b) -> "(" + t + " ? " + a + " : " + b + ")"));
  }

  private static Arbitrary<String> str() {
    return Arbitraries.of(
        "'a'",
        "'transfer'",
        "''",
        "features.label",
        "event.channel",
        "event.type",
        "event.currency");
  }

  // ---- the world they are evaluated on

  record Sample(TestFeatures features, Event event) {}

  @Provide
  Arbitrary<List<Sample>> samples() {
    Arbitrary<TestFeatures> features =
        Combinators.combine(
                Arbitraries.of(0.0, 1.0, 2.0, 2.5, 3.0, 20.0, 21.0, -3.0),
                Arbitraries.of(0.0, 0.35, 0.5, 1.0),
                Arbitraries.of(true, false),
                Arbitraries.of("", "a", "ab", "b", "transfer"))
            .as(
                (c, r, l, label) -> {
                  TestFeatures f = new TestFeatures();
                  f.calls = c;
                  f.rate = r;
                  f.listed = l;
                  f.label = label;
                  return f;
                });
    Arbitrary<Event> events =
        Arbitraries.oneOf(
            Combinators.combine(
                    Arbitraries.longs().between(1, 5_000_000),
                    Arbitraries.of(Channel.class).injectNull(0.3),
                    Arbitraries.longs().between(1_795_000_000_000L, 1_795_100_000_000L))
                .as(
                    (fen, ch, ts) ->
                        new TransferEvent(
                            "t",
                            ts,
                            null,
                            "alipay:a",
                            "alipay:b",
                            fen,
                            "CNY",
                            ch,
                            null,
                            null,
                            null,
                            null,
                            null)),
            Combinators.combine(
                    Arbitraries.integers().between(0, 2000),
                    Arbitraries.longs().between(1_795_000_000_000L, 1_795_100_000_000L))
                .as(
                    (d, ts) ->
                        new CallEvent(
                            "c",
                            ts,
                            null,
                            "+8613800138000",
                            "+8613900139000",
                            d,
                            null,
                            null,
                            null,
                            null,
                            null)),
            Arbitraries.longs()
                .between(1_795_000_000_000L, 1_795_100_000_000L)
                .map(ts -> new SmsEvent("s", ts, null, "95588", "+8613800138000", "hi", null)));
    return Combinators.combine(features, events).as(Sample::new).list().ofSize(40);
  }

  @Property(tries = 25)
  void compiledSet_givesTheInterpretersAnswerForEveryRule(
      @ForAll("conditionSets") List<String> texts, @ForAll("samples") List<Sample> samples)
      throws ExpressionException {
    List<Node> nodes = new ArrayList<>();
    for (String t : texts) {
      nodes.add(Checker.check(t, TestScopes.scope()));
    }
    Conditions compiled = RuleCompilerAccess.compile(TestFeatures.class, nodes);
    EventView view = new EventView();
    for (Sample s : samples) {
      view.set(s.event());
      long mask = compiled.test(s.features(), view);
      for (int i = 0; i < nodes.size(); i++) {
        boolean expected = Interpreter.test(nodes.get(i), s.features(), view);
        assertThat((mask >>> i & 1) == 1)
            .as("%s on %s / %s", texts.get(i), s.features().label, s.event())
            .isEqualTo(expected);
      }
    }
  }
}
