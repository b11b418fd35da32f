package org.fanzha.engine.scoring;

import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.ClosingEvent;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.ListingEvent;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TransferEvent;
import org.jspecify.annotations.Nullable;

/**
 * Every kind of event's steps, cut into the {@link Part}s a keyed runner sends to the key each runs
 * for (decision 0023): the embedded engine runs all of an event's parts in {@link Part#of} order on
 * its one state.
 */
public final class Steps {
  private final ContactSteps contacts;
  private final TransferSteps transfers;
  private final OpeningSteps openings;
  private final HandsetSteps handsets;
  private final ReportSteps reports;
  private final LabelSteps labels;
  private final ListingSteps listings;

  public Steps(
      EngineState state,
      RulesInForce rules,
      Evaluation eval,
      DecisionTally tally,
      @Nullable ContentClassifier classifier) {
    this.contacts = new ContactSteps(state, rules, eval, tally, classifier);
    this.transfers = new TransferSteps(state, rules, eval, tally);
    this.openings = new OpeningSteps(state, eval, tally);
    this.handsets = new HandsetSteps(state, rules, eval, tally);
    this.reports = new ReportSteps(state, eval, tally, classifier);
    this.labels = new LabelSteps(state, eval, tally);
    this.listings = new ListingSteps(state, eval, tally);
  }

  /**
   * Runs every part of a call, message or transfer, in {@link Part.Visits#fill}'s order, by direct
   * calls, and returns true; returns false for the other kinds, whose parts the caller runs one by
   * one. The one-state engine's commonest events thus skip the buffer of parts and the switch by
   * part, about 4% of its time (decision 0046). The keyed engines run every part one by one; {@code
   * EngineStepsInOneGoTest} holds the two orders to each other.
   */
  public boolean runWhole(Event e, Facts f) {
    if (e instanceof CallEvent c) {
      if (c.callerImei() != null) {
        contacts.callHandset(c, f);
      }
      if (c.cell() != null) {
        contacts.callCell(c, f);
      }
      contacts.caller(c, f);
      contacts.callee(c);
      contacts.callerTalked(c);
      contacts.calledPerson(c, f);
    } else if (e instanceof SmsEvent m) {
      contacts.sender(m, f);
      contacts.receiver(m, f);
    } else if (e instanceof TransferEvent t) {
      if (t.device() != null) {
        transfers.handset(t, f);
      }
      if (t.ip() != null) {
        transfers.network(t, f);
      }
      transfers.payee(t, f);
      transfers.payer(t, f);
      transfers.payingPerson(t, f);
    } else {
      return false;
    }
    return true;
  }

  /** Runs one part of an event's steps for the key it names ({@link Part#key}). */
  public void run(Part part, int index, Event e, Facts f) {
    switch (part) {
      case CALL_HANDSET -> contacts.callHandset((CallEvent) e, f);
      case CALL_CELL -> contacts.callCell((CallEvent) e, f);
      case CALLER -> contacts.caller((CallEvent) e, f);
      case CALLEE -> contacts.callee((CallEvent) e);
      case CALLER_TALKED -> contacts.callerTalked((CallEvent) e);
      case CALLED_PERSON -> contacts.calledPerson((CallEvent) e, f);
      case SENDER -> contacts.sender((SmsEvent) e, f);
      case RECEIVER -> contacts.receiver((SmsEvent) e, f);
      case TRANSFER_HANDSET -> transfers.handset((TransferEvent) e, f);
      case TRANSFER_NETWORK -> transfers.network((TransferEvent) e, f);
      case PAYER -> transfers.payer((TransferEvent) e, f);
      case PAYEE -> transfers.payee((TransferEvent) e, f);
      case PAYING_PERSON -> transfers.payingPerson((TransferEvent) e, f);
      case SIGNAL -> handsets.device((DeviceEvent) e);
      case OPENING_HANDSET -> openings.handset((OpeningEvent) e, f);
      case OPENING_NETWORK -> openings.network((OpeningEvent) e, f);
      case OPENING_HOLDER -> openings.holder((OpeningEvent) e, f);
      case OPENED_CARD -> openings.card((OpeningEvent) e, f);
      case CLOSING_HOLDER -> openings.closed((ClosingEvent) e);
      case REPORTED -> reports.target((ReportEvent) e, index);
      case REPORTED_SITES -> reports.sites((ReportEvent) e);
      case REPORTER -> reports.reporter((ReportEvent) e);
      case LABEL_NODE, LABEL_HOLDER, LABEL_ACTOR, LABEL_PERSON ->
          labels.label((LabelEvent) e, part.stage());
      case LISTING_NODE, LISTING_HOLDER, LISTING_ACTOR, LISTING_PERSON, LISTED_SITE ->
          listings.listing((ListingEvent) e, part.stage());
    }
  }
}
