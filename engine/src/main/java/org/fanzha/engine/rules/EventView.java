package org.fanzha.engine.rules;

import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.core.time.Millis;
import org.fanzha.engine.features.RuleField;
import org.jspecify.annotations.Nullable;

/**
 * The event being scored, as rules read it ({@code event.<field>}). A reusable flyweight: the
 * engine points it at each event in turn. A field the event lacks is missing: NaN for a number,
 * null for a string, and any comparison with it is false (EVENTS.md names the fields; amounts are
 * in yuan).
 */
public final class EventView {

  private @Nullable Event event;

  /** Points this view at {@code e}; returns this view. */
  public EventView set(@Nullable Event e) {
    this.event = e;
    return this;
  }

  @RuleField(
      name = "type",
      meaning = "The event type: call, sms, transfer, opening, device, report or label")
  public @Nullable String type() {
    return event == null ? null : event.type().wireName();
  }

  @RuleField(name = "hour", meaning = "The hour of the event in Beijing time, 0–23")
  public double hour() {
    return event == null
        ? Double.NaN
        : Math.floorMod(Math.floorDiv(event.ts(), Millis.HOUR) + 8, 24L);
  }

  @RuleField(
      name = "weekday",
      meaning = "The day of the week in Beijing time, 1 (Monday) to 7 (Sunday)")
  public double weekday() {
    // 1970-01-01 was a Thursday (4).
    return event == null
        ? Double.NaN
        : Math.floorMod(Math.floorDiv(event.ts() + 8 * Millis.HOUR, Millis.DAY) + 3, 7L) + 1;
  }

  @RuleField(name = "amount", meaning = "A transfer's amount in yuan")
  public double amount() {
    return event instanceof TransferEvent t ? t.amountFen() / 100.0 : Double.NaN;
  }

  @RuleField(name = "currency", meaning = "A transfer's currency (ISO 4217, CNY unless said)")
  public @Nullable String currency() {
    return event instanceof TransferEvent t ? t.currency() : null;
  }

  @RuleField(
      name = "channel",
      meaning =
          "A transfer's channel (mobile, online, atm, counter, pos, third_party, crypto_otc) or an opening's channel")
  public @Nullable String channel() {
    if (event instanceof TransferEvent t) {
      return t.channel() == null ? null : t.channel().wireName();
    }
    return event instanceof OpeningEvent o ? o.channel() : null;
  }

  @RuleField(name = "duration_s", meaning = "A call's duration in seconds (0: not answered)")
  public double durationS() {
    return event instanceof CallEvent c ? c.durationS() : Double.NaN;
  }

  @RuleField(
      name = "kind",
      meaning =
          "An opening's kind (sim, bank_account, payment_account, internet_account) or a device signal's (app_install, url_visit, screen_share, remote_control)")
  public @Nullable String kind() {
    if (event instanceof OpeningEvent o) {
      return o.kind().wireName();
    }
    return event instanceof DeviceEvent d ? d.kind().wireName() : null;
  }

  @RuleField(name = "target", meaning = "A device signal's target: the app package or URL")
  public @Nullable String target() {
    return event instanceof DeviceEvent d ? d.target() : null;
  }

  @RuleField(name = "fraud_type", meaning = "A report's or label's fraud type")
  public @Nullable String fraudType() {
    if (event instanceof ReportEvent r) {
      return r.fraudType() == null ? null : r.fraudType().wireName();
    }
    return event instanceof LabelEvent l && l.fraudType() != null ? l.fraudType().wireName() : null;
  }

  @RuleField(
      name = "region",
      meaning = "The region code (GB/T 2260) of a transfer, opening or report")
  public @Nullable String region() {
    if (event instanceof TransferEvent t) {
      return t.region();
    }
    if (event instanceof OpeningEvent o) {
      return o.region();
    }
    return event instanceof ReportEvent r ? r.region() : null;
  }

  @RuleField(name = "loss", meaning = "A report's stated loss in yuan")
  public double loss() {
    return event instanceof ReportEvent r && r.lossFen() > 0 ? r.lossFen() / 100.0 : Double.NaN;
  }
}
