package org.fanzha.store;

import java.util.LinkedHashSet;
import java.util.Set;
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
import org.jspecify.annotations.Nullable;

/** Names the entities an event concerns, for the journal's per-entity index. */
final class EventParties {

  /**
   * An entity named by an event: {@code kind} is an entity kind's wire name, or {@code url} or
   * {@code app} for what a report points at (not entities the engine scores, but what the public
   * portal counts reports on).
   */
  record Party(String kind, String entity) {}

  private EventParties() {}

  static Set<Party> of(Event e) {
    Set<Party> out = new LinkedHashSet<>(6);
    if (e instanceof CallEvent c) {
      add(out, EntityKind.PHONE, c.caller());
      add(out, EntityKind.PHONE, c.callee());
      add(out, EntityKind.DEVICE, c.callerImei());
    } else if (e instanceof SmsEvent s) {
      add(out, EntityKind.PHONE, s.sender());
      add(out, EntityKind.PHONE, s.receiver());
    } else if (e instanceof TransferEvent t) {
      add(out, EntityKind.ACCOUNT, t.from());
      add(out, EntityKind.ACCOUNT, t.to());
      add(out, EntityKind.PHONE, t.fromPhone());
      add(out, EntityKind.DEVICE, t.device());
      add(out, EntityKind.IP, t.ip());
    } else if (e instanceof OpeningEvent o) {
      addCard(out, o.kind(), o.account(), o.holder());
      add(out, EntityKind.PHONE, o.phone());
      add(out, EntityKind.DEVICE, o.device());
      add(out, EntityKind.IP, o.ip());
    } else if (e instanceof ClosingEvent c) {
      addCard(out, c.kind(), c.account(), c.holder());
    } else if (e instanceof DeviceEvent d) {
      add(out, EntityKind.PHONE, d.subscriber());
    } else if (e instanceof ReportEvent r) {
      for (ReportTarget t : r.targets()) {
        switch (t.kind()) {
          case PHONE -> add(out, EntityKind.PHONE, t.value());
          case ACCOUNT -> add(out, EntityKind.ACCOUNT, t.value());
          case URL -> add(out, "url", t.value());
          case APP -> add(out, "app", t.value());
          default -> {} // social accounts: neither scored nor counted
        }
      }
      add(out, EntityKind.PHONE, r.reporter());
    } else if (e instanceof LabelEvent l) {
      add(out, l.entityKind(), l.entity());
    } else if (e instanceof ListingEvent l && l.kind().entityKind() != null) {
      add(out, l.kind().entityKind(), l.entity());
    }
    return out;
  }

  /** A card or account opened or closed, and its holder (an internet account is not kept). */
  private static void addCard(Set<Party> out, OpeningKind kind, String account, String holder) {
    if (kind == OpeningKind.SIM) {
      add(out, EntityKind.PHONE, account);
    } else if (kind != OpeningKind.INTERNET_ACCOUNT) {
      add(out, EntityKind.ACCOUNT, account);
    }
    add(out, EntityKind.HOLDER, holder);
  }

  private static void add(Set<Party> out, EntityKind kind, @Nullable String value) {
    add(out, kind.wireName(), value);
  }

  private static void add(Set<Party> out, String kind, @Nullable String value) {
    if (value != null && !value.isEmpty() && value.length() <= 256) {
      out.add(new Party(kind, value));
    }
  }
}
