package org.fanzha.server.regions;

import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.store.EventJournal;
import org.fanzha.store.JournalEntry;
import org.jspecify.annotations.Nullable;

/**
 * Finds where a person lives from the journal: the newest of their events that names their region
 * (a call's caller or callee region, an SMS sender's region, the region of the SIM's opening, a
 * transfer from their phone); and where an account was opened or is used from (its opening, a
 * transfer out of it).
 */
public final class PersonRegions {
  private static final int LOOK_BACK = 50;

  private final EventJournal journal;

  public PersonRegions(EventJournal journal) {
    this.journal = journal;
  }

  public @Nullable String of(@Nullable String phone) {
    if (phone == null) {
      return null;
    }
    for (JournalEntry e : journal.recent(EntityKind.PHONE, phone, LOOK_BACK)) {
      String r = regionOf(phone, e.event());
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  /**
   * Returns the region of an account: where it was opened, or whence money last left it; null if
   * none says.
   */
  public @Nullable String ofAccount(String account) {
    for (JournalEntry e : journal.recent(EntityKind.ACCOUNT, account, LOOK_BACK)) {
      if (e.event() instanceof OpeningEvent o
          && o.kind() != OpeningKind.SIM
          && account.equals(o.account())
          && o.region() != null) {
        return o.region();
      }
      if (e.event() instanceof TransferEvent t && account.equals(t.from()) && t.region() != null) {
        return t.region();
      }
    }
    return null;
  }

  static @Nullable String regionOf(String phone, Event e) {
    if (e instanceof CallEvent c) {
      return phone.equals(c.callee())
          ? c.calleeRegion()
          : phone.equals(c.caller()) ? c.callerRegion() : null;
    } else if (e instanceof SmsEvent s) {
      return phone.equals(s.sender()) ? s.senderRegion() : null;
    } else if (e instanceof OpeningEvent o) {
      return o.kind() == OpeningKind.SIM && phone.equals(o.account()) ? o.region() : null;
    } else if (e instanceof TransferEvent t) {
      return phone.equals(t.fromPhone()) ? t.region() : null;
    }
    return null;
  }
}
