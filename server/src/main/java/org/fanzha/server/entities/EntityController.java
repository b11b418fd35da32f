package org.fanzha.server.entities;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.id.Identifiers;
import org.fanzha.core.id.InvalidIdentifierException;
import org.fanzha.core.reason.Reason;
import org.fanzha.core.time.Timestamps;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.model.EntityModel;
import org.fanzha.engine.replay.OutputJson;
import org.fanzha.server.regions.EntityRegions;
import org.fanzha.server.regions.Jurisdictions;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.JsonBodies;
import org.fanzha.server.system.KeyedBuckets;
import org.fanzha.server.system.Masks;
import org.fanzha.server.system.Roles;
import org.fanzha.store.Database;
import org.fanzha.store.JournalEntry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;

/** One entity's risk and recent events: {@code GET /api/v1/entities/{kind}/{id}}. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "entities", description = "Risk look-up of a phone, account, resident ID, device or IP")
class EntityController {

  private static final Logger log = LoggerFactory.getLogger(EntityController.class);

  private static final URI INVALID = URI.create("urn:fanzha:problem:invalid-entity");
  private static final URI NOT_FOUND = URI.create("urn:fanzha:problem:unknown-entity");
  private static final URI TOO_MANY = URI.create("urn:fanzha:problem:too-many-lookups");

  private final Runner runner;
  private final Database db;
  private final EntityRegions regions;
  private final KeyedBuckets limiter;

  EntityController(Runner runner, Database db, EntityRegions regions, LookupSettings settings) {
    this.runner = runner;
    this.db = db;
    this.regions = regions;
    this.limiter = KeyedBuckets.perMinute(settings.anonymousPerMinute());
  }

  @Operation(
      summary = "Look up one entity",
      description =
          "Returns the risk the engine holds for the entity now (risk: score, level, suspected roles, bilingual "
              + "reasons, as a line of entities.ndjson; null when none is held) and its most recent journaled events. Identifiers are normalised first, so "
              + "phone/13800138000 and phone/+8613800138000 are the same. Callers without the ANALYST or ADMIN role "
              + "get only the public answer: the identifier masked and the risk (level, score, suspected roles, "
              + "reasons), no events; they are rate-limited per address. An analyst limited to regions sees entities of those "
              + "regions whole, one whose region is not known masked, and another region's not at all (404). Every look-up is written to the "
              + "tamper-evident audit log.",
      responses = {
        @ApiResponse(responseCode = "200", description = "the entity"),
        @ApiResponse(
            responseCode = "400",
            description = "unknown kind or invalid identifier",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "404",
            description = "no risk and no events for this entity",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "429",
            description = "too many anonymous look-ups",
            content = @Content(mediaType = "application/problem+json"))
      })
  @GetMapping(
      path = "/entities/{kind}/{id}",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<?> get(
      @PathVariable String kind,
      @PathVariable String id,
      @RequestParam(defaultValue = "20") int limit,
      @Nullable Authentication auth,
      HttpServletRequest request) {
    EntityKind k = EntityKind.fromWire(kind);
    if (k == null) {
      return problem(
          HttpStatus.BAD_REQUEST,
          INVALID,
          "Unknown entity kind",
          "kind: unknown value '" + kind + "'; expected " + EntityKind.allowed());
    }
    String canonical;
    try {
      canonical = canonical(k, id);
    } catch (InvalidIdentifierException e) {
      return problem(
          HttpStatus.BAD_REQUEST, INVALID, "Invalid identifier", "id: " + e.getMessage());
    }
    boolean analyst = Roles.canSeePersonalData(auth);
    if (!analyst && !limiter.tryTake(request.getRemoteAddr())) {
      return problem(
          HttpStatus.TOO_MANY_REQUESTS,
          TOO_MANY,
          "Too many look-ups",
          "look-ups without the ANALYST role are limited per address");
    }
    Caller caller = Caller.of(auth);
    // an analyst limited to regions sees their own whole, one nobody can place masked, another
    // region's not at all
    EntityRegions.Visibility seen =
        analyst
            ? regions.visibility(k, canonical, Jurisdictions.of(db, auth))
            : EntityRegions.Visibility.MASKED;
    if (seen == EntityRegions.Visibility.NONE) {
      db.audit()
          .record(caller.name(), caller.rolesText(), "entity.view.outside", k, canonical, false);
      return problem(
          HttpStatus.NOT_FOUND,
          NOT_FOUND,
          "Unknown entity",
          "no risk and no events are held for this " + k.wireName());
    }
    boolean full = seen == EntityRegions.Visibility.FULL;
    db.audit().record(caller.name(), caller.rolesText(), "entity.view", k, canonical, full);
    Optional<EntityRisk> risk = runner.entity(k, canonical);
    if (!full) {
      return publicAnswer(k, canonical, risk);
    }
    int n = Math.max(0, Math.min(limit, 200));
    // the index and what it has not reached yet: a look-up reads, never writes (JournalIndexer
    // keeps it up)
    List<JournalEntry> recent = db.journal().recent(k, canonical, n);
    Optional<Runner.ModelOpinion> model = runner.modelOpinion(k, canonical);
    if (risk.isEmpty() && recent.isEmpty()) {
      return problem(
          HttpStatus.NOT_FOUND,
          NOT_FOUND,
          "Unknown entity",
          "no risk and no events are held for this " + k.wireName());
    }
    byte[] json =
        JsonBodies.write(
            g -> {
              g.writeStartObject();
              g.writeStringProperty("entity_kind", k.wireName());
              g.writeStringProperty("entity", canonical);
              g.writeBooleanProperty("masked", false);
              g.writeName("risk");
              if (risk.isPresent()) {
                OutputJson.write(risk.get(), g);
              } else {
                g.writeNull();
              }
              if (model.isPresent()) {
                writeModel(model.get(), g);
              }
              g.writeArrayPropertyStart("recent_events");
              for (JournalEntry e : recent) {
                EventCodec.write(e.event(), g);
              }
              g.writeEndArray();
              g.writeStringProperty("as_of", Timestamps.format(System.currentTimeMillis()));
              g.writeEndObject();
            });
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
  }

  /**
   * The trained model's opinion beside the rules' risk: its probability and the inputs that moved
   * it most, each with a reason in both languages as rules give them (staff only: the inputs
   * describe behaviour).
   */
  private static void writeModel(Runner.ModelOpinion m, JsonGenerator g) {
    g.writeObjectPropertyStart("model");
    g.writeStringProperty("version", m.version());
    g.writeNumberProperty("score", Math.round(m.score() * 1000) / 1000.0);
    g.writeArrayPropertyStart("reasons");
    for (EntityModel.Contribution c : m.reasons()) {
      Reason r = c.reason();
      g.writeStartObject();
      g.writeStringProperty("input", c.input());
      g.writeNumberProperty("log_odds", Math.round(c.logOdds() * 1000) / 1000.0);
      g.writeStringProperty("zh", r.textZh());
      g.writeStringProperty("en", r.textEn());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /**
   * What anyone may learn of an entity, as a public risk look-up promises: whether it is held as a
   * risk and why, never when, with whom or where (no events, cells, openings or times).
   */
  private static ResponseEntity<?> publicAnswer(
      EntityKind k, String canonical, Optional<EntityRisk> risk) {
    if (risk.isEmpty()) {
      return problem(
          HttpStatus.NOT_FOUND,
          NOT_FOUND,
          "No risk held",
          "no risk is held for this " + k.wireName());
    }
    EntityRisk r = risk.get();
    EntityRisk shown =
        new EntityRisk(
            r.entityKind(),
            Masks.entity(k, r.entity()),
            r.score(),
            r.level(),
            r.roles(),
            r.reasons());
    byte[] json =
        JsonBodies.write(
            g -> {
              g.writeStartObject();
              g.writeStringProperty("entity_kind", k.wireName());
              g.writeStringProperty("entity", Masks.entity(k, canonical));
              g.writeBooleanProperty("masked", true);
              g.writeName("risk");
              OutputJson.write(shown, g);
              g.writeEndObject();
            });
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
  }

  static String canonical(EntityKind k, String raw) {
    return switch (k) {
      case PHONE -> Identifiers.phone(raw);
      case ACCOUNT -> Identifiers.account(raw);
      case HOLDER -> Identifiers.residentId(raw);
      case DEVICE -> Identifiers.token(raw, "device");
      case IP -> Identifiers.token(raw, "ip");
    };
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, URI type, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(type);
    p.setTitle(title);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}
