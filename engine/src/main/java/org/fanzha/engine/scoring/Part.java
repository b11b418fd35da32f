package org.fanzha.engine.scoring;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.ClosingEvent;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.ListingEvent;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TargetKind;
import org.fanzha.core.event.TransferEvent;
import org.jspecify.annotations.Nullable;

/**
 * One step of one kind of event, run for one key at one {@link Stage} (decision 0023). {@link #of}
 * lists an event's parts in the order they run; {@link #key} names the key each runs for, so a
 * keyed runner can send it to the task that owns that key ({@link #EVERY}: every task of the
 * stage).
 */
public enum Part {
  CALL_HANDSET(Stage.NODE, CallEvent.class),
  CALL_CELL(Stage.NODE, CallEvent.class),
  CALLER(Stage.ACTOR, CallEvent.class),
  CALLEE(Stage.ACTOR, CallEvent.class),
  CALLER_TALKED(Stage.PERSON, CallEvent.class),
  CALLED_PERSON(Stage.PERSON, CallEvent.class),
  SENDER(Stage.ACTOR, SmsEvent.class),
  RECEIVER(Stage.PERSON, SmsEvent.class),
  TRANSFER_HANDSET(Stage.NODE, TransferEvent.class),
  TRANSFER_NETWORK(Stage.NODE, TransferEvent.class),
  PAYEE(Stage.ACTOR, TransferEvent.class),
  PAYER(Stage.ACTOR, TransferEvent.class),
  PAYING_PERSON(Stage.PERSON, TransferEvent.class),
  SIGNAL(Stage.PERSON, DeviceEvent.class),
  OPENING_HANDSET(Stage.NODE, OpeningEvent.class),
  OPENING_NETWORK(Stage.NODE, OpeningEvent.class),
  OPENING_HOLDER(Stage.HOLDER, OpeningEvent.class),
  OPENED_CARD(Stage.ACTOR, OpeningEvent.class),
  REPORTED(Stage.ACTOR, ReportEvent.class),
  REPORTED_SITES(Stage.PERSON, ReportEvent.class),
  REPORTER(Stage.PERSON, ReportEvent.class),
  LABEL_NODE(Stage.NODE, LabelEvent.class),
  LABEL_HOLDER(Stage.HOLDER, LabelEvent.class),
  LABEL_ACTOR(Stage.ACTOR, LabelEvent.class),
  LABEL_PERSON(Stage.PERSON, LabelEvent.class),
  LISTING_NODE(Stage.NODE, ListingEvent.class),
  LISTING_HOLDER(Stage.HOLDER, ListingEvent.class),
  LISTING_ACTOR(Stage.ACTOR, ListingEvent.class),
  LISTING_PERSON(Stage.PERSON, ListingEvent.class),
  LISTED_SITE(Stage.PERSON, ListingEvent.class),
  CLOSING_HOLDER(Stage.HOLDER, ClosingEvent.class);

  /**
   * The key of a part every task of its stage runs (sites reported or listed: every person may
   * visit them).
   */
  public static final String EVERY = "*";

  /** For each kind of event, the stages any of its parts can run at. */
  private static final Map<Class<? extends Event>, Set<Stage>> STAGES_OF = stagesOf();

  private final Stage stage;
  private final Class<? extends Event> event;

  Part(Stage stage, Class<? extends Event> event) {
    this.stage = stage;
    this.event = event;
  }

  public Stage stage() {
    return stage;
  }

  /** Returns the kind of event this is a part of. */
  public Class<? extends Event> event() {
    return event;
  }

  /**
   * Returns whether an event of kind {@code type} can have a part at {@code stage}: when not, a
   * keyed runner passes it by that stage unread.
   */
  public static boolean anyAt(Class<? extends Event> type, Stage stage) {
    Set<Stage> stages = STAGES_OF.get(type);
    return stages != null && stages.contains(stage);
  }

  private static Map<Class<? extends Event>, Set<Stage>> stagesOf() {
    Map<Class<? extends Event>, Set<Stage>> m = new HashMap<>();
    for (Part p : values()) {
      m.computeIfAbsent(p.event, t -> EnumSet.noneOf(Stage.class)).add(p.stage);
    }
    return m;
  }

  /**
   * One part for one key: {@code index} picks the report target {@link #REPORTED} runs for (0
   * otherwise).
   */
  public record Visit(Part part, int index) {}

  /** Returns the parts of {@code event} in the order they run (stage by stage). */
  public static List<Visit> of(Event event) {
    Visits v = new Visits();
    v.fill(event);
    List<Visit> out = new ArrayList<>(v.size);
    for (int i = 0; i < v.size; i++) {
      out.add(new Visit(v.parts[i], v.indexes[i]));
    }
    return out;
  }

  /**
   * An event's parts in a reusable buffer: the embedded engine fills one per event without
   * allocating.
   */
  public static final class Visits {
    Part[] parts = new Part[8];
    int[] indexes = new int[8];
    int size;

    /** Returns how many parts the event filled last has. */
    public int size() {
      return size;
    }

    /** Returns the {@code i}th part. */
    public Part part(int i) {
      return parts[i];
    }

    /** Returns the {@code i}th part's index (the report target it runs for). */
    public int index(int i) {
      return indexes[i];
    }

    /**
     * Fills this buffer with the parts of {@code event}, in the order they run. {@link
     * Steps#runWhole} repeats the order of a call's, message's and transfer's parts
     * (EngineStepsInOneGoTest holds the two alike).
     */
    public void fill(Event event) {
      size = 0;
      if (event instanceof CallEvent c) {
        add(CALL_HANDSET, c.callerImei() != null);
        add(CALL_CELL, c.cell() != null);
        add(CALLER, true);
        add(CALLEE, true);
        add(CALLER_TALKED, true);
        add(CALLED_PERSON, true);
      } else if (event instanceof SmsEvent) {
        add(SENDER, true);
        add(RECEIVER, true);
      } else if (event instanceof TransferEvent t) {
        add(TRANSFER_HANDSET, t.device() != null);
        add(TRANSFER_NETWORK, t.ip() != null);
        add(
            PAYEE,
            true); // first: of a payee and a payer held alike, the decision is about the payee
        add(PAYER, true);
        add(PAYING_PERSON, true);
      } else if (event instanceof DeviceEvent) {
        add(SIGNAL, true);
      } else if (event instanceof OpeningEvent o) {
        add(OPENING_HANDSET, o.device() != null);
        add(OPENING_NETWORK, o.ip() != null);
        add(OPENING_HOLDER, true);
        add(OPENED_CARD, true);
      } else if (event instanceof ClosingEvent) {
        add(CLOSING_HOLDER, true);
      } else if (event instanceof ReportEvent r) {
        boolean sites = false;
        for (int i = 0; i < r.targets().size(); i++) {
          TargetKind k = r.targets().get(i).kind();
          if (k == TargetKind.PHONE || k == TargetKind.ACCOUNT) {
            add(REPORTED, i);
          } else {
            sites = true;
          }
        }
        add(REPORTED_SITES, sites);
        add(REPORTER, r.reporter() != null && r.lossFen() > 0);
      } else if (event instanceof LabelEvent l) {
        byKind(l.entityKind(), LABEL_NODE, LABEL_HOLDER, LABEL_ACTOR, LABEL_PERSON);
      } else if (event instanceof ListingEvent l) {
        EntityKind kind = l.kind().entityKind();
        if (kind == null) {
          add(LISTED_SITE, true);
        } else {
          byKind(kind, LISTING_NODE, LISTING_HOLDER, LISTING_ACTOR, LISTING_PERSON);
        }
      }
    }

    private void add(Part p, boolean when) {
      if (when) {
        add(p, 0);
      }
    }

    private void add(Part p, int index) {
      if (size == parts.length) {
        parts = java.util.Arrays.copyOf(parts, size * 2);
        indexes = java.util.Arrays.copyOf(indexes, size * 2);
      }
      parts[size] = p;
      indexes[size++] = index;
    }

    private void byKind(EntityKind kind, Part node, Part holder, Part actor, Part person) {
      switch (kind) {
        case PHONE -> {
          add(actor, 0);
          add(person, 0);
        }
        case ACCOUNT -> add(actor, 0);
        case HOLDER -> add(holder, 0);
        default -> add(node, 0);
      }
    }
  }

  /**
   * Returns the key this part of {@code event} runs for ({@code kind:id}, {@link #EVERY}), or
   * {@code null} when it has none (a transfer whose paying person is unknown); {@code facts} holds
   * what the earlier stages found.
   */
  public @Nullable String key(Event event, int index, Facts facts) {
    return switch (this) {
      case CALL_HANDSET -> key(EntityKind.DEVICE, ((CallEvent) event).callerImei());
      case CALL_CELL -> "cell:" + ((CallEvent) event).cell();
      case CALLER, CALLER_TALKED -> key(EntityKind.PHONE, ((CallEvent) event).caller());
      case CALLEE, CALLED_PERSON -> key(EntityKind.PHONE, ((CallEvent) event).callee());
      case SENDER -> key(EntityKind.PHONE, ((SmsEvent) event).sender());
      case RECEIVER -> key(EntityKind.PHONE, ((SmsEvent) event).receiver());
      case TRANSFER_HANDSET -> key(EntityKind.DEVICE, ((TransferEvent) event).device());
      case TRANSFER_NETWORK -> key(EntityKind.IP, ((TransferEvent) event).ip());
      case PAYER -> key(EntityKind.ACCOUNT, ((TransferEvent) event).from());
      case PAYEE -> key(EntityKind.ACCOUNT, ((TransferEvent) event).to());
      case PAYING_PERSON ->
          facts.payerPhone == null ? null : key(EntityKind.PHONE, facts.payerPhone);
      case SIGNAL -> key(EntityKind.PHONE, ((DeviceEvent) event).subscriber());
      case OPENING_HANDSET -> key(EntityKind.DEVICE, ((OpeningEvent) event).device());
      case OPENING_NETWORK -> key(EntityKind.IP, ((OpeningEvent) event).ip());
      case OPENING_HOLDER -> key(EntityKind.HOLDER, ((OpeningEvent) event).holder());
      case CLOSING_HOLDER -> key(EntityKind.HOLDER, ((ClosingEvent) event).holder());
      case OPENED_CARD -> {
        OpeningEvent o = (OpeningEvent) event;
        yield key(
            o.kind() == org.fanzha.core.event.OpeningKind.SIM
                ? EntityKind.PHONE
                : EntityKind.ACCOUNT,
            o.account());
      }
      case REPORTED -> {
        var t = ((ReportEvent) event).targets().get(index);
        yield key(t.kind() == TargetKind.PHONE ? EntityKind.PHONE : EntityKind.ACCOUNT, t.value());
      }
      case REPORTER -> key(EntityKind.PHONE, ((ReportEvent) event).reporter());
      case REPORTED_SITES, LISTED_SITE -> EVERY;
      case LABEL_NODE, LABEL_HOLDER, LABEL_ACTOR, LABEL_PERSON -> {
        LabelEvent l = (LabelEvent) event;
        yield key(l.entityKind(), l.entity());
      }
      case LISTING_NODE, LISTING_HOLDER, LISTING_ACTOR, LISTING_PERSON -> {
        ListingEvent l = (ListingEvent) event;
        yield key(
            Objects.requireNonNull(l.kind().entityKind()),
            l.entity()); // listings of entities only reach parts
      }
    };
  }

  private static String key(EntityKind kind, @Nullable String id) {
    return kind.wireName() + ":" + id;
  }
}
