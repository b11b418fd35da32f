package org.fanzha.server.entities;

import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.ClosingEvent;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.ListingEvent;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.ReportTarget;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.core.id.Masking;
import org.fanzha.server.system.Masks;
import org.jspecify.annotations.Nullable;

/**
 * Returns a copy of an event with every personal identifier masked and free text replaced by its
 * length, for callers who may not see personal data. App names, URLs, amounts and times stay, as
 * they are what makes an event understandable and are not personal.
 */
final class EventMasking {

  private EventMasking() {}

  static Event mask(Event e) {
    if (e instanceof CallEvent c) {
      return new CallEvent(
          c.id(),
          c.ts(),
          c.source(),
          number(c.caller()),
          number(c.callee()),
          c.durationS(),
          c.callerRegion(),
          c.calleeRegion(),
          device(c.callerImei()),
          c.cell(),
          phone(c.displayed()));
    }
    if (e instanceof SmsEvent s) {
      return new SmsEvent(
          s.id(),
          s.ts(),
          s.source(),
          number(s.sender()),
          number(s.receiver()),
          text(s.text()),
          s.senderRegion());
    }
    if (e instanceof TransferEvent t) {
      return new TransferEvent(
          t.id(),
          t.ts(),
          t.source(),
          Masking.account(t.from()),
          Masking.account(t.to()),
          t.amountFen(),
          t.currency(),
          t.channel(),
          phone(t.fromPhone()),
          name(t.toName()),
          device(t.device()),
          ip(t.ip()),
          t.region());
    }
    if (e instanceof OpeningEvent o) {
      return new OpeningEvent(
          o.id(),
          o.ts(),
          o.source(),
          o.kind(),
          card(o.kind(), o.account()),
          Masking.residentId(o.holder()),
          phone(o.phone()),
          o.region(),
          device(o.device()),
          ip(o.ip()),
          o.channel());
    }
    if (e instanceof ClosingEvent c) {
      return new ClosingEvent(
          c.id(),
          c.ts(),
          c.source(),
          c.kind(),
          card(c.kind(), c.account()),
          Masking.residentId(c.holder()),
          c.channel());
    }
    if (e instanceof DeviceEvent d) {
      return new DeviceEvent(
          d.id(), d.ts(), d.source(), Masking.phone(d.subscriber()), d.kind(), d.target());
    }
    if (e instanceof ReportEvent r) {
      List<ReportTarget> targets = new ArrayList<>(r.targets().size());
      for (ReportTarget t : r.targets()) {
        String v =
            switch (t.kind()) {
              case PHONE -> Masking.phone(t.value());
              case ACCOUNT -> Masking.account(t.value());
              case SOCIAL -> Masks.entity(EntityKind.DEVICE, t.value());
              default -> t.value();
            };
        targets.add(new ReportTarget(t.kind(), v));
      }
      return new ReportEvent(
          r.id(),
          r.ts(),
          r.source(),
          targets,
          phone(r.reporter()),
          r.region(),
          r.fraudType(),
          r.text() == null ? null : text(r.text()),
          r.lossFen(),
          r.transferIds());
    }
    if (e instanceof ListingEvent l) {
      EntityKind k = l.kind().entityKind();
      return new ListingEvent(
          l.id(),
          l.ts(),
          l.source(),
          l.list(),
          l.lift(),
          l.kind(),
          k == null ? l.entity() : Masks.entity(k, l.entity()),
          l.role(),
          l.fraudType(),
          l.entry());
    }
    LabelEvent l = (LabelEvent) e;
    return new LabelEvent(
        l.id(),
        l.ts(),
        l.source(),
        l.entityKind(),
        Masks.entity(l.entityKind(), l.entity()),
        l.role(),
        l.fraudType());
  }

  private static String number(String p) {
    return Masking.phone(p);
  }

  /** A card or account opened or closed: a phone number, an internet account or a bank's. */
  private static String card(OpeningKind kind, String account) {
    return kind == OpeningKind.SIM
        ? Masking.phone(account)
        : kind == OpeningKind.INTERNET_ACCOUNT
            ? Masks.entity(EntityKind.DEVICE, account)
            : Masking.account(account);
  }

  private static @Nullable String phone(@Nullable String p) {
    return p == null ? null : Masking.phone(p);
  }

  private static @Nullable String device(@Nullable String d) {
    return d == null ? null : Masks.entity(EntityKind.DEVICE, d);
  }

  private static @Nullable String ip(@Nullable String ip) {
    return ip == null ? null : Masks.entity(EntityKind.IP, ip);
  }

  private static @Nullable String name(@Nullable String n) {
    return n == null || n.isEmpty()
        ? n
        : n.substring(0, 1) + "*".repeat(Math.max(1, n.length() - 1));
  }

  private static String text(String t) {
    return "[" + t.codePointCount(0, t.length()) + " chars hidden]";
  }
}
