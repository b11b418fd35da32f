package org.fanzha.core.codec;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.Channel;
import org.fanzha.core.event.ClosingEvent;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
import org.fanzha.core.event.ListingEvent;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.ReportTarget;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TargetKind;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.core.id.Identifiers;
import org.fanzha.core.id.InvalidIdentifierException;
import org.fanzha.core.money.Money;
import org.fanzha.core.time.EventTimeWindow;
import org.fanzha.core.time.Timestamps;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Reads and writes events in the NDJSON contract of EVENTS.md. Reading validates and normalises
 * every field; a bad event becomes a {@link Rejection} naming its field and reason, never an
 * exception. Unknown fields are ignored. Thread-safe.
 *
 * <p>Two kinds. An {@link #EventCodec(EventTimeWindow) input codec} reads what comes from outside
 * (the API, files) and applies every rule: each string of a known field passes one text check
 * ({@link TextCheck}: no NUL, no other control character outside free text, no unpaired surrogate)
 * so every database accepts exactly the events it accepts; ids and amounts must be JSON strings and
 * ids have no surrounding white space; payment accounts hold no markup characters; event times lie
 * in its {@link EventTimeWindow}. The {@link #stored() stored-data codec} reads back what this
 * system once accepted (the journal) and applies only the structure and identifier rules: a rule
 * added later must never make an accepted event unreadable, or recovery would stop at it.
 */
public final class EventCodec {

  /** The field named in a rejection for JSON that does not parse. */
  public static final String JSON_FIELD = "(json)";

  /**
   * The field named in a rejection when reading the event failed unexpectedly (a bug, not the
   * sender's fault).
   */
  public static final String EVENT_FIELD = "(event)";

  /** Receives each event of a body in order; returns false to stop reading the body. */
  @FunctionalInterface
  public interface BodyVisitor {
    boolean visit(ParseResult result);
  }

  private static final int MAX_TEXT = 4096;

  // One parser per line: the default shared pool of buffers (a concurrent deque) cost ~8% of replay
  // time in
  // acquire/release; a per-thread recycler has no contention.
  private final JsonFactory json =
      JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build();
  private final @Nullable EventTimeWindow window; // null: the stored-data codec

  /** An input codec accepting event times in {@link EventTimeWindow#SANE} (2000–2100). */
  public EventCodec() {
    this(EventTimeWindow.SANE);
  }

  /**
   * An input codec accepting only event times inside {@code window} (live intake, replay of files).
   */
  public EventCodec(EventTimeWindow window) {
    this.window = window;
  }

  private EventCodec(@SuppressWarnings("unused") boolean storedData) {
    this.window = null;
  }

  /**
   * Returns a codec for reading back events this system accepted before, under whatever rules held
   * then.
   */
  public static EventCodec stored() {
    return new EventCodec(true);
  }

  private boolean strict() {
    return window != null;
  }

  /** Decodes one NDJSON line given as UTF-8 bytes. */
  public ParseResult parse(byte[] utf8, int offset, int length, long line) {
    try (JsonParser p = json.createParser(ObjectReadContext.empty(), utf8, offset, length)) {
      return parseOne(p, line, true);
    } catch (JacksonException e) {
      return rejected(line, null, JSON_FIELD, jsonProblem(e));
    }
  }

  /** Decodes one NDJSON line. */
  public ParseResult parse(String jsonLine, long line) {
    byte[] b = jsonLine.getBytes(StandardCharsets.UTF_8);
    return parse(b, 0, b.length, line);
  }

  /**
   * Decodes a request body: a JSON array of events, or NDJSON (one per line). Positions in
   * rejections are 1-based array indexes or line numbers. Malformed JSON in an array rejects the
   * rest of the body, as its structure cannot be trusted past that point.
   */
  public List<ParseResult> parseBody(byte[] utf8) {
    List<ParseResult> out = new ArrayList<>();
    forEachInBody(utf8, out::add);
    return out;
  }

  /**
   * Decodes a request body as {@link #parseBody} does, handing each result to the visitor as soon
   * as it is read, so a caller can bound what it keeps; stops when the visitor returns false.
   */
  public void forEachInBody(byte[] utf8, BodyVisitor visitor) {
    int i = 0;
    while (i < utf8.length
        && (utf8[i] == ' ' || utf8[i] == '\n' || utf8[i] == '\r' || utf8[i] == '\t')) {
      i++;
    }
    if (i < utf8.length && utf8[i] == '[') {
      long index = 0;
      try (JsonParser p = json.createParser(ObjectReadContext.empty(), utf8, i, utf8.length - i)) {
        p.nextToken();
        while (true) {
          JsonToken t = p.nextToken();
          if (t == JsonToken.END_ARRAY || t == null) {
            break;
          }
          index++;
          if (!visitor.visit(parseOne(p, index, false))) {
            return;
          }
        }
      } catch (JacksonException e) {
        visitor.visit(rejected(index + 1, null, JSON_FIELD, jsonProblem(e)));
      }
      return;
    }
    boolean[] stopped = {false};
    NdjsonLines.forEach(
        utf8,
        0,
        utf8.length,
        (buf, off, len, line) -> {
          if (!stopped[0] && !visitor.visit(parse(buf, off, len, line))) {
            stopped[0] = true;
          }
        });
  }

  private ParseResult parseOne(JsonParser p, long line, boolean fresh) {
    JsonToken t = fresh ? p.nextToken() : p.currentToken();
    if (t != JsonToken.START_OBJECT) {
      if (!fresh) {
        p.skipChildren();
      }
      return rejected(line, null, JSON_FIELD, "each event must be a JSON object");
    }
    RawEvent raw = new RawEvent(strict());
    readObject(p, raw);
    if (fresh && p.nextToken() != null) {
      return rejected(line, raw.id, JSON_FIELD, "unexpected content after the event object");
    }
    try {
      if (raw.structural != null) {
        throw raw.structural;
      }
      return new ParseResult.Accepted(line, toEvent(raw));
    } catch (FieldException e) {
      return rejected(line, raw.id, e.field, Objects.toString(e.getMessage(), e.toString()));
    } catch (RuntimeException e) {
      // A validator bug must cost one event, never the batch or the stream it came in.
      return rejected(
          line,
          raw.id,
          EVENT_FIELD,
          "could not be read ("
              + e.getClass().getSimpleName()
              + "); this is a fault of the reader, please report it with the event");
    }
  }

  private static void readObject(JsonParser p, RawEvent raw) {
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (v) {
        case VALUE_STRING -> {
          String text = p.getString();
          if (raw.set(name, text)) {
            checkText(raw, name, text);
          }
        }
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          if (raw.set(name, p.getString())) {
            if (name.equals("ts")) {
              raw.tsIsNumber = true;
            } else if (raw.strict && STRING_ONLY.contains(name)) {
              raw.fail(
                  new FieldException(
                      name,
                      "must be a JSON string (such as \"5000.00\" or \"t-1\"), not a number"));
            }
          }
        }
        case VALUE_TRUE, VALUE_FALSE -> {
          if (raw.set(name, null)) {
            raw.fail(new FieldException(name, "must be a string, not a boolean"));
          }
        }
        case VALUE_NULL -> raw.set(name, null);
        case START_ARRAY -> readArray(p, name, raw);
        case START_OBJECT -> {
          if (raw.set(name, null)) {
            raw.fail(new FieldException(name, "must be a string, not an object"));
          }
          p.skipChildren();
        }
        default -> p.skipChildren();
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new IllegalStateException("unexpected token " + t);
    }
  }

  private static void readArray(JsonParser p, String name, RawEvent raw) {
    if (name.equals("transfer_ids")) {
      List<@Nullable String> ids = raw.transferIds();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t == JsonToken.VALUE_STRING) {
          String id = p.getString();
          checkText(raw, "transfer_ids[" + ids.size() + "]", id);
          ids.add(id);
        } else {
          p.skipChildren();
          ids.add(null);
        }
      }
    } else if (name.equals("targets")) {
      List<String @Nullable []> targets = raw.targets();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t != JsonToken.START_OBJECT) {
          p.skipChildren();
          targets.add(null);
          continue;
        }
        String[] kv = new String[2];
        for (JsonToken f = p.nextToken(); f == JsonToken.PROPERTY_NAME; f = p.nextToken()) {
          String key = p.currentName();
          JsonToken v = p.nextToken();
          if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT) {
            if (key.equals("kind")) {
              kv[0] = p.getString();
            } else if (key.equals("value")) {
              kv[1] = p.getString();
              checkText(raw, "targets[" + targets.size() + "].value", kv[1]);
            }
          } else {
            p.skipChildren();
          }
        }
        targets.add(kv);
      }
    } else {
      if (raw.set(name, null)) {
        raw.fail(new FieldException(name, "must be a string, not an array"));
      }
      p.skipChildren();
    }
  }

  /**
   * Fields whose contract type is a string; a JSON number there is refused rather than guessed at.
   */
  private static final java.util.Set<String> STRING_ONLY =
      java.util.Set.of("id", "source", "amount", "loss", "text");

  /** Free-text fields, where line breaks and tabs are part of the content. */
  private static final java.util.Set<String> FREE_TEXT =
      java.util.Set.of("text", "target", "to_name");

  private static void checkText(RawEvent raw, String field, String value) {
    if (!raw.strict) {
      return;
    }
    String problem = TextCheck.problem(value, FREE_TEXT.contains(field));
    if (problem != null) {
      raw.fail(new FieldException(field, problem));
    }
  }

  private Event toEvent(RawEvent r) {
    String typeName = required("type", r.type);
    EventType type = EventType.fromWire(typeName);
    if (type == null) {
      throw new FieldException(
          "type", "unknown event type '" + typeName + "'; expected " + EventType.allowed());
    }
    String id = required("id", r.id);
    if (id.isEmpty() || id.length() > 128) {
      throw new FieldException("id", "must have 1–128 characters, not " + id.length());
    }
    if (strict()
        && (id.isBlank()
            || Character.isWhitespace(id.charAt(0))
            || Character.isWhitespace(id.charAt(id.length() - 1)))) {
      throw new FieldException("id", "must not be blank or begin or end with white space");
    }
    long ts = timestamp(r);
    String source = optionalText("source", r.source, 64);
    return switch (type) {
      case CALL ->
          new CallEvent(
              id,
              ts,
              source,
              phone("caller", r.caller),
              phone("callee", r.callee),
              nonNegativeInt("duration_s", r.durationS),
              region("caller_region", r.callerRegion),
              region("callee_region", r.calleeRegion),
              token("caller_imei", r.callerImei),
              token("cell", r.cell),
              r.displayed == null ? null : phone("displayed", r.displayed));
      case SMS ->
          new SmsEvent(
              id,
              ts,
              source,
              phone("sender", r.sender),
              phone("receiver", r.receiver),
              text("text", required("text", r.text)),
              region("sender_region", r.senderRegion));
      case TRANSFER -> transfer(r, id, ts, source);
      case OPENING -> opening(r, id, ts, source);
      case DEVICE ->
          new DeviceEvent(
              id,
              ts,
              source,
              phone("subscriber", r.subscriber),
              wire("kind", r.kind, DeviceSignal.fromWire(r.kind), DeviceSignal.allowed()),
              text("target", required("target", r.target)));
      case REPORT -> report(r, id, ts, source);
      case LABEL -> label(r, id, ts, source);
      case LISTING -> listing(r, id, ts, source);
      case CLOSING -> closing(r, id, ts, source);
    };
  }

  private TransferEvent transfer(RawEvent r, String id, long ts, @Nullable String source) {
    String from = account("from", r.from);
    String to = account("to", r.to);
    if (from.equals(to)) {
      throw new FieldException("to", "must differ from the paying account");
    }
    long amount = money("amount", required("amount", r.amount));
    String currency =
        r.currency == null ? "CNY" : r.currency.trim().toUpperCase(java.util.Locale.ROOT);
    if (currency.length() != 3) {
      throw new FieldException("currency", "must be a 3-letter ISO 4217 code such as CNY");
    }
    Channel channel =
        r.channel == null
            ? null
            : wire("channel", r.channel, Channel.fromWire(r.channel), Channel.allowed());
    return new TransferEvent(
        id,
        ts,
        source,
        from,
        to,
        amount,
        currency,
        channel,
        r.fromPhone == null ? null : phone("from_phone", r.fromPhone),
        optionalText("to_name", r.toName, 128),
        token("device", r.device),
        token("ip", r.ip),
        region("region", r.region));
  }

  private OpeningEvent opening(RawEvent r, String id, long ts, @Nullable String source) {
    OpeningKind kind = wire("kind", r.kind, OpeningKind.fromWire(r.kind), OpeningKind.allowed());
    return new OpeningEvent(
        id,
        ts,
        source,
        kind,
        cardOf(kind, r.account),
        holder(r.holder),
        r.phone == null ? null : phone("phone", r.phone),
        region("region", r.region),
        token("device", r.device),
        token("ip", r.ip),
        optionalText("channel", r.channel, 128));
  }

  private ClosingEvent closing(RawEvent r, String id, long ts, @Nullable String source) {
    OpeningKind kind = wire("kind", r.kind, OpeningKind.fromWire(r.kind), OpeningKind.allowed());
    return new ClosingEvent(
        id,
        ts,
        source,
        kind,
        cardOf(kind, r.account),
        holder(r.holder),
        optionalText("channel", r.channel, 128));
  }

  /** The card or account of an opening or closing: a phone number for a SIM card. */
  private String cardOf(OpeningKind kind, @Nullable String account) {
    return kind == OpeningKind.SIM
        ? phone("account", account)
        : kind == OpeningKind.INTERNET_ACCOUNT
            ? text("account", required("account", account))
            : account("account", account);
  }

  private static String holder(@Nullable String raw) {
    try {
      return Identifiers.residentId(required("holder", raw));
    } catch (InvalidIdentifierException e) {
      throw new FieldException("holder", Objects.toString(e.getMessage(), e.toString()));
    }
  }

  private ReportEvent report(RawEvent r, String id, long ts, @Nullable String source) {
    if (r.targets == null || r.targets.isEmpty()) {
      throw new FieldException("targets", "is required: at least one {\"kind\",\"value\"}");
    }
    List<ReportTarget> targets = new ArrayList<>(r.targets.size());
    for (int i = 0; i < r.targets.size(); i++) {
      String[] kv = r.targets.get(i);
      String field = "targets[" + i + "]";
      if (kv == null || kv[0] == null || kv[1] == null) {
        throw new FieldException(field, "must be an object with string kind and value");
      }
      TargetKind kind =
          wire(field + ".kind", kv[0], TargetKind.fromWire(kv[0]), TargetKind.allowed());
      String value =
          switch (kind) {
            case PHONE -> phone(field + ".value", kv[1]);
            case ACCOUNT -> account(field + ".value", kv[1]);
            default -> text(field + ".value", kv[1]);
          };
      targets.add(new ReportTarget(kind, value));
    }
    List<String> transferIds = new ArrayList<>();
    if (r.transferIds != null) {
      for (int i = 0; i < r.transferIds.size(); i++) {
        String t = r.transferIds.get(i);
        if (t == null || t.isEmpty() || t.length() > 128) {
          throw new FieldException(
              "transfer_ids[" + i + "]", "must be an event id of 1–128 characters");
        }
        transferIds.add(t);
      }
    }
    return new ReportEvent(
        id,
        ts,
        source,
        targets,
        r.reporter == null ? null : phone("reporter", r.reporter),
        region("region", r.region),
        r.fraudType == null
            ? null
            : wire("fraud_type", r.fraudType, FraudType.fromWire(r.fraudType), FraudType.allowed()),
        r.text == null ? null : text("text", r.text),
        r.loss == null ? 0 : money("loss", r.loss),
        transferIds);
  }

  private LabelEvent label(RawEvent r, String id, long ts, @Nullable String source) {
    EntityKind kind =
        wire(
            "entity_kind",
            r.entityKind,
            EntityKind.fromWire(r.entityKind),
            "phone|account|holder|device");
    String raw = required("entity", r.entity);
    String entity;
    try {
      entity =
          switch (kind) {
            case PHONE -> Identifiers.phone(raw);
            case ACCOUNT -> account("entity", raw);
            case HOLDER -> Identifiers.residentId(raw);
            case DEVICE -> Identifiers.token(raw, "device");
            case IP -> throw new InvalidIdentifierException("");
          };
    } catch (InvalidIdentifierException e) {
      if (kind == EntityKind.IP) {
        throw new FieldException("entity_kind", "must be one of phone|account|holder|device");
      }
      throw new FieldException("entity", Objects.toString(e.getMessage(), e.toString()));
    }
    Role role = wire("role", r.role, Role.fromWire(r.role), Role.allowed());
    return new LabelEvent(
        id,
        ts,
        source,
        kind,
        entity,
        role,
        r.fraudType == null
            ? null
            : wire(
                "fraud_type", r.fraudType, FraudType.fromWire(r.fraudType), FraudType.allowed()));
  }

  private ListingEvent listing(RawEvent r, String id, long ts, @Nullable String source) {
    ListName list = wire("list", r.list, ListName.fromWire(r.list), ListName.allowed());
    boolean lift =
        switch (required("action", r.action)) {
          case "add" -> false;
          case "lift" -> true;
          default ->
              throw new FieldException(
                  "action", "unknown value '" + r.action + "'; expected add|lift");
        };
    ListKind kind =
        wire("entity_kind", r.entityKind, ListKind.fromWire(r.entityKind), ListKind.allowed());
    if (list == ListName.DISHONEST && kind != ListKind.HOLDER) {
      throw new FieldException("entity_kind", "the dishonest list names people: must be holder");
    }
    String entity;
    try {
      entity = listedValue(kind, required("entity", r.entity));
    } catch (InvalidIdentifierException e) {
      throw new FieldException("entity", Objects.toString(e.getMessage(), e.toString()));
    }
    Role role = r.role == null ? null : wire("role", r.role, Role.fromWire(r.role), Role.allowed());
    if (role == Role.NORMAL || role == Role.VICTIM) {
      throw new FieldException(
          "role", "a listing names a fraud role (fraud_number|mule|card_dealer), not " + r.role);
    }
    return new ListingEvent(
        id,
        ts,
        source,
        list,
        lift,
        kind,
        entity,
        role,
        r.fraudType == null
            ? null
            : wire("fraud_type", r.fraudType, FraudType.fromWire(r.fraudType), FraudType.allowed()),
        optionalText("entry", r.entry, 64));
  }

  /**
   * Returns a list entry's value in the form events carry it (EVENTS.md): canonical phones,
   * accounts and resident IDs; trimmed device ids and IPs; domains, URLs and app packages trimmed
   * and lower-cased.
   *
   * @throws InvalidIdentifierException saying why when the value is not one of {@code kind}
   */
  public String listedValue(ListKind kind, String raw) {
    try {
      return switch (kind) {
        case PHONE -> Identifiers.phone(raw);
        case ACCOUNT -> account("value", raw);
        case HOLDER -> Identifiers.residentId(raw);
        case DEVICE, IP -> Identifiers.token(raw, kind.wireName());
        case DOMAIN, URL, APP -> Identifiers.target(raw, kind.wireName());
      };
    } catch (FieldException e) {
      throw new InvalidIdentifierException(Objects.toString(e.getMessage(), e.toString()));
    }
  }

  // ---- field validators: each turns an identifier problem into a FieldException naming the field

  private static String required(String field, @Nullable String value) {
    if (value == null) {
      throw new FieldException(field, "is required");
    }
    return value;
  }

  private long timestamp(RawEvent r) {
    String ts = required("ts", r.ts);
    try {
      if (r.tsIsNumber || (!ts.isEmpty() && ts.chars().allMatch(c -> c >= '0' && c <= '9'))) {
        long millis;
        try {
          millis = Long.parseLong(ts.trim());
        } catch (NumberFormatException e) {
          throw new InvalidIdentifierException("epoch milliseconds must be a whole number: " + ts);
        }
        return window == null ? millis : window.check(Timestamps.checkEpochMillis(millis));
      }
      long millis = Timestamps.parseIso(ts);
      return window == null ? millis : window.check(millis);
    } catch (InvalidIdentifierException e) {
      throw new FieldException("ts", Objects.toString(e.getMessage(), e.toString()));
    }
  }

  private static String phone(String field, @Nullable String value) {
    try {
      return Identifiers.phone(required(field, value));
    } catch (InvalidIdentifierException e) {
      throw new FieldException(field, Objects.toString(e.getMessage(), e.toString()));
    }
  }

  /**
   * Characters no payment scheme or terminal id uses; in an account they only ever arrive as an
   * attempt at markup.
   */
  private static final String MARKUP = "<>\"'`\\";

  private String account(String field, @Nullable String value) {
    String account;
    try {
      account = Identifiers.account(required(field, value));
    } catch (InvalidIdentifierException e) {
      throw new FieldException(field, Objects.toString(e.getMessage(), e.toString()));
    }
    if (strict()) {
      for (int i = account.indexOf(':') + 1; i > 0 && i < account.length(); i++) {
        if (MARKUP.indexOf(account.charAt(i)) >= 0) {
          throw new FieldException(
              field, "payment account value contains the character '" + account.charAt(i) + "'");
        }
      }
    }
    return account;
  }

  private static @Nullable String region(String field, @Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return Identifiers.region(value);
    } catch (InvalidIdentifierException e) {
      throw new FieldException(field, Objects.toString(e.getMessage(), e.toString()));
    }
  }

  private static @Nullable String token(String field, @Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return Identifiers.token(value, field);
    } catch (InvalidIdentifierException e) {
      throw new FieldException(field, Objects.toString(e.getMessage(), e.toString()));
    }
  }

  private static long money(String field, String value) {
    try {
      return Money.parseYuan(value);
    } catch (InvalidIdentifierException e) {
      throw new FieldException(field, Objects.toString(e.getMessage(), e.toString()));
    }
  }

  private static int nonNegativeInt(String field, @Nullable String value) {
    String v = required(field, value).trim();
    try {
      int n = Integer.parseInt(v);
      if (n < 0) {
        throw new FieldException(field, "must be ≥ 0, not " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new FieldException(field, "must be a whole number of seconds, not '" + v + "'");
    }
  }

  private static String text(String field, String value) {
    if (value.length() > MAX_TEXT) {
      throw new FieldException(field, "is longer than " + MAX_TEXT + " characters");
    }
    return value;
  }

  private static @Nullable String optionalText(String field, @Nullable String value, int max) {
    if (value != null && value.length() > max) {
      throw new FieldException(field, "is longer than " + max + " characters");
    }
    return value;
  }

  private static <E> E wire(String field, @Nullable String raw, @Nullable E found, String allowed) {
    if (raw == null) {
      throw new FieldException(field, "is required; expected " + allowed);
    }
    if (found == null) {
      throw new FieldException(field, "unknown value '" + raw + "'; expected " + allowed);
    }
    return found;
  }

  private static ParseResult rejected(long line, @Nullable String id, String field, String reason) {
    return new ParseResult.Rejected(new Rejection(line, id, field, reason));
  }

  private static String jsonProblem(JacksonException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      return "malformed JSON: " + e.getClass().getSimpleName();
    }
    String first = m.lines().findFirst().orElse(m);
    int where = first.indexOf(" (start marker at");
    return "malformed JSON: " + (where > 0 ? first.substring(0, where) : first);
  }

  // ---- writing

  /** Returns the event as one NDJSON line (without the newline), in the contract's field names. */
  public String write(Event event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    write(event, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Writes the event as JSON (without a newline) to the stream. */
  public void write(Event event, OutputStream out) {
    try (JsonGenerator g = json.createGenerator(ObjectWriteContext.empty(), out)) {
      write(event, g);
    }
  }

  /** Writes the event as one JSON object to the generator. */
  public static void write(Event event, JsonGenerator g) {
    g.writeStartObject();
    g.writeStringProperty("type", event.type().wireName());
    g.writeStringProperty("id", event.id());
    g.writeStringProperty("ts", Timestamps.format(event.ts()));
    opt(g, "source", event.source());
    if (event instanceof CallEvent c) {
      g.writeStringProperty("caller", c.caller());
      g.writeStringProperty("callee", c.callee());
      g.writeNumberProperty("duration_s", c.durationS());
      opt(g, "caller_region", c.callerRegion());
      opt(g, "callee_region", c.calleeRegion());
      opt(g, "caller_imei", c.callerImei());
      opt(g, "cell", c.cell());
      opt(g, "displayed", c.displayed());
    } else if (event instanceof SmsEvent s) {
      g.writeStringProperty("sender", s.sender());
      g.writeStringProperty("receiver", s.receiver());
      g.writeStringProperty("text", s.text());
      opt(g, "sender_region", s.senderRegion());
    } else if (event instanceof TransferEvent t) {
      g.writeStringProperty("from", t.from());
      g.writeStringProperty("to", t.to());
      g.writeStringProperty("amount", Money.formatYuan(t.amountFen()));
      if (!t.currency().equals("CNY")) {
        g.writeStringProperty("currency", t.currency());
      }
      opt(g, "channel", t.channel() == null ? null : t.channel().wireName());
      opt(g, "from_phone", t.fromPhone());
      opt(g, "to_name", t.toName());
      opt(g, "device", t.device());
      opt(g, "ip", t.ip());
      opt(g, "region", t.region());
    } else if (event instanceof OpeningEvent o) {
      g.writeStringProperty("kind", o.kind().wireName());
      g.writeStringProperty("account", o.account());
      g.writeStringProperty("holder", o.holder());
      opt(g, "phone", o.phone());
      opt(g, "region", o.region());
      opt(g, "device", o.device());
      opt(g, "ip", o.ip());
      opt(g, "channel", o.channel());
    } else if (event instanceof ClosingEvent c) {
      g.writeStringProperty("kind", c.kind().wireName());
      g.writeStringProperty("account", c.account());
      g.writeStringProperty("holder", c.holder());
      opt(g, "channel", c.channel());
    } else if (event instanceof DeviceEvent d) {
      g.writeStringProperty("subscriber", d.subscriber());
      g.writeStringProperty("kind", d.kind().wireName());
      g.writeStringProperty("target", d.target());
    } else if (event instanceof ReportEvent r) {
      g.writeArrayPropertyStart("targets");
      for (ReportTarget t : r.targets()) {
        g.writeStartObject();
        g.writeStringProperty("kind", t.kind().wireName());
        g.writeStringProperty("value", t.value());
        g.writeEndObject();
      }
      g.writeEndArray();
      opt(g, "reporter", r.reporter());
      opt(g, "region", r.region());
      opt(g, "fraud_type", r.fraudType() == null ? null : r.fraudType().wireName());
      opt(g, "text", r.text());
      if (r.lossFen() > 0) {
        g.writeStringProperty("loss", Money.formatYuan(r.lossFen()));
      }
      if (!r.transferIds().isEmpty()) {
        g.writeArrayPropertyStart("transfer_ids");
        for (String t : r.transferIds()) {
          g.writeString(t);
        }
        g.writeEndArray();
      }
    } else if (event instanceof LabelEvent l) {
      g.writeStringProperty("entity_kind", l.entityKind().wireName());
      g.writeStringProperty("entity", l.entity());
      g.writeStringProperty("role", l.role().wireName());
      opt(g, "fraud_type", l.fraudType() == null ? null : l.fraudType().wireName());
    } else if (event instanceof ListingEvent l) {
      g.writeStringProperty("list", l.list().wireName());
      g.writeStringProperty("action", l.lift() ? "lift" : "add");
      g.writeStringProperty("entity_kind", l.kind().wireName());
      g.writeStringProperty("entity", l.entity());
      opt(g, "role", l.role() == null ? null : l.role().wireName());
      opt(g, "fraud_type", l.fraudType() == null ? null : l.fraudType().wireName());
      opt(g, "entry", l.entry());
    }
    g.writeEndObject();
  }

  private static void opt(JsonGenerator g, String name, @Nullable String value) {
    if (value != null) {
      g.writeStringProperty(name, value);
    }
  }
}
