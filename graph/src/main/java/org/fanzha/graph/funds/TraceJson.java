package org.fanzha.graph.funds;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.fanzha.core.event.Channel;
import org.fanzha.core.id.Identifiers;
import org.fanzha.core.money.Money;
import org.fanzha.core.time.Timestamps;
import org.fanzha.graph.funds.ForwardTrace.AccountFlow;
import org.fanzha.graph.funds.ForwardTrace.CashOut;
import org.fanzha.graph.funds.ForwardTrace.Edge;
import org.fanzha.graph.funds.ForwardTrace.Holding;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes traces as the JSON of EVENTS.md: {@code edges}, {@code holdings}, {@code cashed_out} and
 * {@code freeze_plan} with exactly the named fields, plus {@code seed}, {@code untraced}, {@code
 * accounts} (per-account tier) and a few more. Amounts are yuan strings, times ISO +08:00.
 */
public final class TraceJson {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private TraceJson() {}

  /** Returns the trace and its freeze plan as one JSON object (no newline). */
  public static String toJson(ForwardTrace trace, FreezePlan plan) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      write(trace, plan, g);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Returns a reverse trace as one JSON object (no newline). */
  public static String toJson(ReverseTrace trace) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      write(trace, g);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Writes the trace and its freeze plan as one JSON object. */
  public static void write(ForwardTrace t, FreezePlan plan, JsonGenerator g) {
    g.writeStartObject();
    ForwardTrace.Seed s = t.seed();
    g.writeName("seed");
    g.writeStartObject();
    g.writeStringProperty("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
    if (s.transferId() != null) {
      g.writeStringProperty("transfer", s.transferId());
    }
    g.writeStringProperty(
        s.kind() == ForwardTrace.SeedKind.TRANSFER ? "from" : "account", s.account());
    if (s.to() != null) {
      g.writeStringProperty("to", s.to());
    }
    g.writeStringProperty(
        s.kind() == ForwardTrace.SeedKind.TRANSFER ? "ts" : "after", Timestamps.format(s.ts()));
    g.writeStringProperty("amount", Money.formatYuan(s.amountFen()));
    g.writeStringProperty("window_end", Timestamps.format(s.windowEndTs()));
    g.writeEndObject();
    g.writeStringProperty("policy", t.settings().policy().wireName());
    g.writeNumberProperty("max_hops", t.settings().maxHops());

    g.writeArrayPropertyStart("edges");
    for (Edge e : t.edges()) {
      edge(g, e);
    }
    g.writeEndArray();

    g.writeArrayPropertyStart("holdings");
    for (Holding h : t.holdings()) {
      g.writeStartObject();
      g.writeStringProperty("account", h.account());
      g.writeStringProperty("amount", Money.formatYuan(h.amountFen()));
      g.writeNumberProperty("hop", h.hop());
      g.writeStringProperty("reason", h.reason().wireName());
      g.writeStringProperty("last_in_ts", Timestamps.format(h.lastInTs()));
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeArrayPropertyStart("cashed_out");
    for (CashOut c : t.cashedOut()) {
      g.writeStartObject();
      g.writeStringProperty("account", c.account());
      g.writeStringProperty("amount", Money.formatYuan(c.amountFen()));
      g.writeStringProperty("channel", cashChannel(c.channel(), c.to()));
      g.writeStringProperty("to", c.to());
      g.writeStringProperty("ts", Timestamps.format(c.ts()));
      g.writeNumberProperty("hop", c.hop());
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeStringProperty("untraced", Money.formatYuan(t.untracedFen()));
    g.writeStringProperty("held", Money.formatYuan(t.heldFen()));
    g.writeStringProperty("cashed_out_total", Money.formatYuan(t.cashedOutFen()));
    g.writeBooleanProperty("truncated", t.truncated());

    g.writeArrayPropertyStart("accounts");
    for (AccountFlow a : t.accounts()) {
      g.writeStartObject();
      g.writeStringProperty("account", a.account());
      g.writeNumberProperty("tier", a.tier());
      if (a.tier() > 0) {
        g.writeStringProperty("tier_zh", Tiers.nameZh(a.tier()));
      }
      g.writeStringProperty("received", Money.formatYuan(a.receivedFen()));
      g.writeStringProperty("sent", Money.formatYuan(a.sentFen()));
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeArrayPropertyStart("freeze_plan");
    for (FreezePlan.Item i : plan.items()) {
      g.writeStartObject();
      g.writeStringProperty("account", i.account());
      g.writeStringProperty("amount", Money.formatYuan(i.amountFen()));
      g.writeStringProperty("action", i.action().wireName());
      g.writeNumberProperty("tier", i.tier());
      g.writeStringProperty("tier_zh", i.tierZh());
      g.writeStringProperty("last_in_ts", Timestamps.format(i.lastInTs()));
      g.writeStringProperty("basis", i.basis().wireName());
      g.writeStringProperty("basis_zh", i.basis().textZh());
      if (i.statement() != null) {
        writeStatement(i.statement(), g);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayPropertyStart("freeze_plan_not_planned");
    for (FreezePlan.NotPlanned n : plan.notPlanned()) {
      g.writeStartObject();
      g.writeStringProperty("account", n.account());
      g.writeStringProperty("amount", Money.formatYuan(n.amountFen()));
      g.writeNumberProperty("tier", n.tier());
      g.writeStringProperty("last_in_ts", Timestamps.format(n.lastInTs()));
      g.writeStringProperty("reason_zh", n.reasonZh());
      g.writeStringProperty("reason_en", n.reasonEn());
      writeStatement(n.statement(), g);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberProperty("freeze_plan_below_minimum_accounts", plan.belowMinimumAccounts());
    g.writeStringProperty("freeze_plan_below_minimum", Money.formatYuan(plan.belowMinimumFen()));
    g.writeEndObject();
  }

  private static void writeStatement(Statement st, JsonGenerator g) {
    g.writeStringProperty("statement_in", Money.formatYuan(st.inFen()));
    g.writeStringProperty("statement_traced_in", Money.formatYuan(st.tracedInFen()));
    g.writeStringProperty("statement_quick_out", Money.formatYuan(st.quickOutFen()));
    g.writeNumberProperty("traced_share", Math.round(st.tracedShare() * 1000) / 1000.0);
    g.writeNumberProperty("pass_through_share", Math.round(st.passThroughShare() * 1000) / 1000.0);
  }

  /** Writes a reverse trace as one JSON object. */
  public static void write(ReverseTrace t, JsonGenerator g) {
    g.writeStartObject();
    g.writeStringProperty("account", t.account());
    g.writeStringProperty("from", Timestamps.format(t.fromTs()));
    g.writeStringProperty("to", Timestamps.format(t.toTs()));
    g.writeStringProperty("received", Money.formatYuan(t.receivedFen()));
    g.writeArrayPropertyStart("edges");
    for (Edge e : t.edges()) {
      edge(g, e);
    }
    g.writeEndArray();
    g.writeArrayPropertyStart("senders");
    for (ReverseTrace.Sender s : t.senders()) {
      g.writeStartObject();
      g.writeStringProperty("account", s.account());
      g.writeNumberProperty("hop", s.hop());
      g.writeStringProperty("amount", Money.formatYuan(s.amountFen()));
      g.writeNumberProperty("transfers", s.transfers());
      g.writeStringProperty("first_ts", Timestamps.format(s.firstTs()));
      g.writeStringProperty("last_ts", Timestamps.format(s.lastTs()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayPropertyStart("origins");
    for (ReverseTrace.Origin o : t.origins()) {
      g.writeStartObject();
      g.writeStringProperty("account", o.account());
      g.writeStringProperty("amount", Money.formatYuan(o.amountFen()));
      g.writeNumberProperty("hop", o.hop());
      g.writeStringProperty("reason", o.reason().name().toLowerCase(java.util.Locale.ROOT));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void edge(JsonGenerator g, Edge e) {
    g.writeStartObject();
    g.writeStringProperty("from", e.from());
    g.writeStringProperty("to", e.to());
    g.writeStringProperty("amount", Money.formatYuan(e.amountFen()));
    g.writeStringProperty("ts", Timestamps.format(e.ts()));
    g.writeNumberProperty("hop", e.hop());
    g.writeStringProperty("transfer_amount", Money.formatYuan(e.transferFen()));
    if (e.channel() != null) {
      g.writeStringProperty("channel", e.channel().wireName());
    }
    g.writeEndObject();
  }

  private static String cashChannel(@Nullable Channel c, String to) {
    if (c == Channel.ATM || c == Channel.CRYPTO_OTC) {
      return c.wireName();
    }
    // a cash: payee without one of the cash-out channels (e.g. a counter withdrawal)
    return c != null ? c.wireName() : Identifiers.isCashTerminal(to) ? "cash" : "unknown";
  }
}
