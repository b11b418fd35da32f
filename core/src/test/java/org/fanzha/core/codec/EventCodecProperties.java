package org.fanzha.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.ReportTarget;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TargetKind;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.core.id.Identifiers;

class EventCodecProperties {

  private final EventCodec codec = new EventCodec();

  @Provide
  Arbitrary<String> phones() {
    Arbitrary<String> mobile = Arbitraries.strings().numeric().ofLength(9).map(s -> "+8613" + s);
    return Arbitraries.oneOf(mobile, Arbitraries.of("95588", "96110", "+863756168120"));
  }

  @Provide
  Arbitrary<String> accounts() {
    Arbitrary<String> card =
        Arbitraries.strings()
            .numeric()
            .ofLength(17)
            .map(b -> "62" + b.substring(1) + Identifiers.luhnCheckDigit("62" + b.substring(1)));
    Arbitrary<String> pay =
        Arbitraries.strings()
            .alpha()
            .numeric()
            .ofMinLength(1)
            .ofMaxLength(20)
            .flatMap(v -> Arbitraries.of("alipay:", "wechat:", "cash:").map(s -> s + v));
    return Arbitraries.oneOf(card, pay);
  }

  @Provide
  Arbitrary<Long> times() {
    return Arbitraries.longs().between(946_684_800_000L, 4_102_444_800_000L);
  }

  @Provide
  Arbitrary<String> ids() {
    // Any storable text without white space at either end (TextCheck and the id rule).
    return storableText(1, 40)
        .filter(
            s ->
                !s.isBlank()
                    && !Character.isWhitespace(s.charAt(0))
                    && !Character.isWhitespace(s.charAt(s.length() - 1))
                    && s.chars().noneMatch(c -> c < 0x20));
  }

  private static Arbitrary<String> storableText(int min, int max) {
    // Every BMP character outside the surrogates and C0 controls, plus line breaks and tabs; pairs
    // come from emoji.
    Arbitrary<String> plain =
        Arbitraries.strings()
            .withCharRange('\u0020', '\uD7FF')
            .withCharRange('\uE000', '\uFFFD')
            .withChars('\n', '\t', '\r')
            .ofMinLength(min)
            .ofMaxLength(max);
    return Arbitraries.oneOf(plain, plain.map(s -> s + "\uD83D\uDE00"));
  }

  @Provide
  Arbitrary<Event> events() {
    Arbitrary<Event> call =
        Combinators.combine(
                ids(), times(), phones(), phones(), Arbitraries.integers().between(0, 7200))
            .as(
                (id, ts, a, b, d) ->
                    new CallEvent(
                        id, ts, null, a, b, d, "410400", null, "86" + Math.abs(d), null, null));
    Arbitrary<Event> sms =
        Combinators.combine(ids(), times(), phones(), phones(), storableText(0, 200))
            .as((id, ts, a, b, text) -> new SmsEvent(id, ts, "op-1", a, b, text, null));
    Arbitrary<Event> transfer =
        Combinators.combine(
                ids(),
                times(),
                accounts(),
                accounts(),
                Arbitraries.longs().between(1, 10_000_000_000L),
                Arbitraries.of(Channel.class).injectNull(0.2))
            .filter((id, ts, a, b, amount, ch) -> !a.equals(b))
            .as(
                (id, ts, a, b, amount, ch) ->
                    new TransferEvent(
                        id, ts, null, a, b, amount, "CNY", ch, null, "李四", null, "1.2.3.4", null));
    Arbitrary<Event> report =
        Combinators.combine(
                ids(),
                times(),
                phones(),
                Arbitraries.of(FraudType.class),
                Arbitraries.longs().between(0, 1_000_000_000L))
            .as(
                (id, ts, p, ft, loss) ->
                    new ReportEvent(
                        id,
                        ts,
                        null,
                        List.of(
                            new ReportTarget(TargetKind.PHONE, p),
                            new ReportTarget(TargetKind.URL, "http://a.b/c?d=e")),
                        null,
                        null,
                        ft,
                        "被骗了",
                        loss,
                        List.of("t-" + id)));
    return Arbitraries.oneOf(call, sms, transfer, report);
  }

  @Property
  void writeThenParse_returnsTheSameEvent(@ForAll("events") Event event) {
    ParseResult back = codec.parse(codec.write(event), 1);
    assertThat(back).isInstanceOf(ParseResult.Accepted.class);
    assertThat(((ParseResult.Accepted) back).event()).isEqualTo(event);
  }

  @Property
  void parse_neverThrowsOnArbitraryText(@ForAll String garbage) {
    ParseResult r = codec.parse(garbage, 3);
    assertThat(r.line()).isEqualTo(3);
  }

  @Property
  void parse_neverThrowsOnMutatedValidLines(
      @ForAll("events") Event event, @ForAll("cuts") int cut) {
    String line = codec.write(event);
    String broken = line.substring(0, Math.min(cut, line.length()));
    ParseResult r = codec.parse(broken, 9);
    if (broken.length() < line.length()) {
      assertThat(r).isInstanceOf(ParseResult.Rejected.class);
    }
  }

  @Provide
  Arbitrary<Integer> cuts() {
    return Arbitraries.integers().between(0, 400);
  }
}
