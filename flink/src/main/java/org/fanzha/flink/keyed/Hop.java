package org.fanzha.flink.keyed;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What travels between the keyed stages (decision 0023): a part of an event for the key it runs
 * for, what a part found (for the event's assembler), or a request for another key. Serialised by
 * {@link HopSerializer}; its fields stay those of a POJO, so state an earlier build wrote with
 * Flink's POJO serialiser can be read. Only {@link #replyTo} may be null. Its byte arrays are never
 * written once it is made: a hop made from another shares them (an event's parts share its bytes).
 */
@TypeInfo(HopTypeInfo.Factory.class)
public final class Hop {
  /**
   * A part of an event to run at {@link #key}: {@link #part}, {@link #index}, {@link #event},
   * {@link #facts}.
   */
  public static final byte PART = 1;

  /**
   * What a part found, for the event's assembler ({@link #key} is the event id): {@link #facts},
   * the decision ({@link #payload}; empty when it could change nothing: scored zero, asking for
   * nothing).
   */
  public static final byte DONE = 2;

  /** A request to run at {@link #key} (its bytes in {@link #payload}). */
  public static final byte REQUEST = 3;

  /**
   * The rest of an event, for the assembler of the next stage ({@link #key} is the event id): the
   * event, the facts merged so far, how many parts' {@link #DONE}s to wait for ({@link #index}),
   * the decision so far ({@link #payload}, empty when none) and the strongest action so far ({@link
   * #action}).
   */
  public static final byte CARRIER = 4;

  /** An event's decision ({@link #payload}), from the last assembler. */
  public static final byte DECISION = 5;

  /**
   * A risk a stage holds for the entity of {@link #key} ({@link HopCodec#risk}), to be merged with
   * the others'.
   */
  public static final byte RISK = 6;

  /**
   * A published rule file ({@link #payload}, UTF-8) for the engine of {@link #key}'s key group at
   * {@link #stage}; {@link #eventId} says where it was published ({@code partition:offset}).
   */
  public static final byte RULES = 7;

  /**
   * A question for the number {@link #eventId} (its subscriber score) to the {@code ACTOR} stage
   * that holds it ({@link #key}), answered to {@link #replyTo}.
   */
  public static final byte QUERY = 8;

  public byte kind;

  /** The stage that runs it ({@code Stage} ordinal): a part's, or the one a request is for. */
  public int stage;

  /** Where it goes: an entity key ({@code kind:id}) or, for {@link #DONE}, the event id. */
  public String key = "";

  public String eventId = "";

  /**
   * The event's place among the accepted events of its input (on carriers and decisions: a replay
   * writes by it).
   */
  public long seq;

  /**
   * The input's time when the event entered (the latest event time read by then; an event dated in
   * the past enters at the present), carried by its parts and the requests they cause: a replay
   * paces its input on it.
   */
  public long at;

  public int part;
  public int index;

  /** The event in its binary form ({@code EventBinary}). */
  public byte[] event = new byte[0];

  /** What the event's parts have found so far ({@code Facts.write}). */
  public byte[] facts = new byte[0];

  /** A part's decision ({@link HopCodec#decision}) or a request ({@link HopCodec#request}). */
  public byte[] payload = new byte[0];

  /** The strongest action asked so far ({@code Action} name), on a {@link #CARRIER}. */
  public String action = "ALLOW";

  /**
   * On a carrier, a decision and a question: the correlation id of a caller waiting for the answer
   * (a server's decide or query), or null.
   */
  public @org.jspecify.annotations.Nullable String replyTo;

  public Hop() {}

  static Hop of(byte kind, String key, String eventId) {
    Hop h = new Hop();
    h.kind = kind;
    h.key = key;
    h.eventId = eventId;
    return h;
  }
}
