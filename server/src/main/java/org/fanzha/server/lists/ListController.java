package org.fanzha.server.lists;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
import org.fanzha.core.event.Role;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Bodies;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.JsonBodies;
import org.fanzha.server.system.ProblemEntities;
import org.fanzha.store.Database;
import org.fanzha.store.ListEntry;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Risk lists over REST (API.md): add, look up, lift, import and export. */
@RestController
@RequestMapping("/api/v1/lists")
@Tag(
    name = "lists",
    description = "Black, grey, white and dishonest lists with provenance, term and lifting")
class ListController {
  private static final URI UNKNOWN = URI.create("urn:fanzha:problem:unknown-list-entry");
  private static final URI NOT_APPLIED = URI.create("urn:fanzha:problem:list-change-not-applied");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long MAX_IMPORT_BYTES = 256L * 1024 * 1024;

  private final ListService lists;
  private final Database db;
  private final Clock clock;
  private final ListNotices notices;

  ListController(ListService lists, Database db, Clock clock, ListNotices notices) {
    this.lists = lists;
    this.db = db;
    this.clock = clock;
    this.notices = notices;
  }

  @Operation(
      summary = "Add a list entry",
      description =
          "Body {\"list\":\"black|grey|white|dishonest\", \"kind\":"
              + "\"phone|account|holder|device|ip|domain|url|app\", \"value\", \"reason\", \"source\", \"role\"?, \"fraud_type\"?, "
              + "\"evidence\"?, \"legal_basis\"?, \"measures\"?, \"expires_at\"?}. The value is normalised as EVENTS.md says. "
              + "The next event is scored with it. A dishonest entry names a holder, needs a legal basis and lasts two years "
              + "unless given a shorter or longer term (three years at most).")
  @PostMapping(
      path = "/entries",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<byte[]> add(HttpServletRequest request, @Nullable Authentication auth)
      throws IOException {
    JsonNode b;
    try {
      b = JSON.readTree(Bodies.read(request, 64 * 1024));
    } catch (RuntimeException e) {
      throw new BadRequestException(
          "body: a JSON object {\"list\", \"kind\", \"value\", \"reason\", \"source\", …}");
    }
    ListEntry e =
        lists.add(
            new ListService.NewEntry(
                wire(
                    "list",
                    text(b, "list"),
                    ListName.fromWire(text(b, "list")),
                    ListName.allowed()),
                wire(
                    "kind",
                    text(b, "kind"),
                    ListKind.fromWire(text(b, "kind")),
                    ListKind.allowed()),
                required(b, "value"),
                optionalWire(b, "role", Role::fromWire, Role.allowed()),
                optionalWire(b, "fraud_type", FraudType::fromWire, FraudType.allowed()),
                required(b, "reason"),
                required(b, "source"),
                text(b, "evidence"),
                text(b, "legal_basis"),
                text(b, "measures"),
                time(text(b, "expires_at"))),
            Caller.of(auth));
    long now = clock.millis();
    return ResponseEntity.status(HttpStatus.CREATED)
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            JsonBodies.write(
                g -> {
                  g.writeStartObject();
                  g.writeStringProperty("id", e.id());
                  g.writeName("entry");
                  ListJson.write(e, now, g);
                  g.writeEndObject();
                }));
  }

  @Operation(
      summary = "Look up list entries",
      description =
          "With kind and value: every entry that named the value, "
              + "newest first, lifted ones too (its history; in_force tells). Without: the newest entries of a list "
              + "(list=black|grey|white|dishonest, any when left out), in force only unless all=true.")
  @GetMapping(path = "/entries", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> find(
      @RequestParam(required = false) @Nullable String kind,
      @RequestParam(required = false) @Nullable String value,
      @RequestParam(required = false) @Nullable String list,
      @RequestParam(defaultValue = "false") boolean all,
      @RequestParam(defaultValue = "100") int limit,
      @Nullable Authentication auth) {
    List<ListEntry> found;
    Caller caller = Caller.of(auth);
    if (kind != null || value != null) {
      ListKind k = wire("kind", kind, ListKind.fromWire(kind), ListKind.allowed());
      if (value == null || value.isBlank()) {
        throw new BadRequestException("value: required with kind");
      }
      String v = lists.normalised(k, value);
      found = db.lists().history(k, v);
      db.audit()
          .recordChange(
              caller.name(),
              caller.rolesText(),
              "list.lookup:" + k.wireName(),
              "list_value",
              v.length() > 200 ? v.substring(0, 200) : v);
    } else {
      ListName l =
          list == null ? null : wire("list", list, ListName.fromWire(list), ListName.allowed());
      found = db.lists().recent(l, !all, clock.millis(), Math.max(1, Math.min(limit, 1000)));
      db.audit()
          .recordChange(
              caller.name(),
              caller.rolesText(),
              "list.browse",
              "list",
              list == null ? "all" : list);
    }
    long now = clock.millis();
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            JsonBodies.write(
                g -> {
                  g.writeStartObject();
                  g.writeArrayPropertyStart("entries");
                  for (ListEntry e : found) {
                    ListJson.write(e, now, g);
                  }
                  g.writeEndArray();
                  g.writeEndObject();
                }));
  }

  @Operation(
      summary = "Lift a list entry",
      description =
          "At once: the next event is scored without it. reason "
              + "(query parameter) says why. 404 when there is no such entry in force.")
  @DeleteMapping(
      path = "/entries/{id}",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<?> lift(
      @PathVariable String id,
      @RequestParam(defaultValue = "lifted by an analyst") String reason,
      @Nullable Authentication auth) {
    return lists
        .lift(id, reason, Caller.of(auth))
        .<ResponseEntity<?>>map(
            e ->
                ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(JsonBodies.write(g -> ListJson.write(e, clock.millis(), g))))
        .orElseGet(
            () ->
                ProblemEntities.of(
                    HttpStatus.NOT_FOUND,
                    UNKNOWN,
                    "No such entry in force",
                    "id: no list entry " + id + " in force"));
  }

  @Operation(
      summary = "The notice to the listed person",
      description =
          "What the listing is, why, from when to "
              + "when, what it restricts and how to appeal with which documents; lang=zh (default) or en.")
  @GetMapping(
      path = "/entries/{id}/notice",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<?> notice(
      @PathVariable String id, @RequestParam(defaultValue = "zh") String lang) {
    return db.lists()
        .find(id)
        .<ResponseEntity<?>>map(
            e ->
                ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(
                        JsonBodies.write(
                            g -> {
                              g.writeStartObject();
                              g.writeStringProperty("id", e.id());
                              g.writeStringProperty(
                                  "notice",
                                  notices.notice(
                                      e,
                                      lang.startsWith("en")
                                          ? Locale.ENGLISH
                                          : Locale.SIMPLIFIED_CHINESE));
                              g.writeEndObject();
                            })))
        .orElseGet(
            () ->
                ProblemEntities.of(
                    HttpStatus.NOT_FOUND, UNKNOWN, "No such entry", "id: no list entry " + id));
  }

  @Operation(
      summary = "Import entries from CSV",
      description =
          "text/csv with the header list,kind,value,reason,source,"
              + "expires_at. Every row is checked as a single add; refused rows are reported by line, field and reason, the "
              + "others stored and applied.")
  @PostMapping(path = "/import", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> importCsv(HttpServletRequest request, @Nullable Authentication auth)
      throws IOException {
    if (request.getContentLengthLong() > MAX_IMPORT_BYTES) {
      throw new BadRequestException(
          "body: at most " + MAX_IMPORT_BYTES / (1024 * 1024) + " MB per import");
    }
    ListCsv.Imported r =
        ListCsv.read(
            new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8),
            lists,
            Caller.of(auth),
            clock.millis(),
            1000);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            JsonBodies.write(
                g -> {
                  g.writeStartObject();
                  g.writeNumberProperty("imported", r.stored());
                  g.writeArrayPropertyStart("errors");
                  for (ListCsv.RowError e : r.errors()) {
                    g.writeStartObject();
                    g.writeNumberProperty("line", e.line());
                    g.writeStringProperty("field", e.field());
                    g.writeStringProperty("reason", e.reason());
                    g.writeEndObject();
                  }
                  g.writeEndArray();
                  g.writeEndObject();
                }));
  }

  @Operation(
      summary = "Export a list as CSV",
      description =
          "The entries of one list in force now, in the import's "
              + "columns, streamed as they are read (a million rows take seconds, not memory).")
  @GetMapping(path = "/export")
  void export(
      @RequestParam String list, @Nullable Authentication auth, HttpServletResponse response)
      throws IOException {
    ListName l = wire("list", list, ListName.fromWire(list), ListName.allowed());
    Caller caller = Caller.of(auth);
    db.audit().recordChange(caller.name(), caller.rolesText(), "list.export", "list", l.wireName());
    long now = clock.millis();
    // written on this thread, not as an async StreamingResponseBody: a long export must not meet
    // the async timeout
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + l.wireName() + "-list.csv\"");
    OutputStreamWriter w =
        new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    ListCsv.write(w, each -> db.lists().forEachInForce(l, now, each));
  }

  @ExceptionHandler(ListService.NotApplied.class)
  ResponseEntity<ProblemDetail> notApplied(ListService.NotApplied e) {
    return ProblemEntities.retryAfter(
        HttpStatus.SERVICE_UNAVAILABLE,
        NOT_APPLIED,
        "Stored, not applied yet",
        Objects.toString(e.getMessage(), e.toString()),
        60);
  }

  // ---- request fields

  static @Nullable String text(JsonNode b, String field) {
    JsonNode n = b.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isString()) {
      throw new BadRequestException(field + ": must be a string");
    }
    return n.asString();
  }

  static String required(JsonNode b, String field) {
    String v = text(b, field);
    if (v == null || v.isBlank()) {
      throw new BadRequestException(field + ": is required");
    }
    return v;
  }

  static <E> E wire(String field, @Nullable String raw, @Nullable E found, String allowed) {
    if (raw == null) {
      throw new BadRequestException(field + ": is required; expected " + allowed);
    }
    if (found == null) {
      throw new BadRequestException(field + ": unknown value '" + raw + "'; expected " + allowed);
    }
    return found;
  }

  private static <E> @Nullable E optionalWire(
      JsonNode b, String field, java.util.function.Function<String, E> of, String allowed) {
    String raw = text(b, field);
    return raw == null ? null : wire(field, raw, of.apply(raw), allowed);
  }

  private static @Nullable Long time(@Nullable String iso) {
    if (iso == null) {
      return null;
    }
    try {
      return Timestamps.parseIso(iso);
    } catch (RuntimeException e) {
      throw new BadRequestException(
          "expires_at: an ISO-8601 time with offset, e.g. 2027-06-30T00:00:00+08:00");
    }
  }
}
