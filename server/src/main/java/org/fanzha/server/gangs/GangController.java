package org.fanzha.server.gangs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.fanzha.core.time.Timestamps;
import org.fanzha.graph.gangs.Gang;
import org.fanzha.server.regions.EntityRegions;
import org.fanzha.server.regions.Jurisdictions;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.JsonBodies;
import org.fanzha.server.system.ProblemEntities;
import org.fanzha.store.Database;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Gangs for analysts: {@code GET /api/v1/gangs} and {@code GET /api/v1/gangs/{id}}. */
@RestController
@RequestMapping("/api/v1/gangs")
@Tag(
    name = "gangs",
    description = "Gangs and their roles: dealers, farms, callers, mule tiers (全链条打击)")
class GangController {

  private static final URI UNKNOWN = URI.create("urn:fanzha:problem:unknown-gang");

  private final GangService gangs;
  private final EntityRegions regions;
  private final Database db;

  GangController(GangService gangs, EntityRegions regions, Database db) {
    this.gangs = gangs;
    this.regions = regions;
    this.db = db;
  }

  @Operation(
      summary = "List gangs",
      description =
          "The gangs of the last search (every fanzha.gangs.scan-every), the "
              + "largest loss first: id, size, members by role, victims, loss and the members to act on first. A caller limited "
              + "to regions sees the gangs with a number or account of theirs.")
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> list(@Nullable Authentication auth) {
    GangService.Found f = gangs.found();
    List<String> prefixes = Jurisdictions.of(db, auth);
    List<Gang> shown = f.gangs().stream().filter(g -> visible(g, prefixes, regions)).toList();
    Caller c = Caller.of(auth);
    db.audit().recordChange(c.name(), c.rolesText(), "gangs.list", "gangs", "");
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            JsonBodies.write(
                g -> {
                  g.writeStartObject();
                  g.writeStringProperty(
                      "as_of", f.atMillis() == 0 ? null : Timestamps.format(f.atMillis()));
                  g.writeNumberProperty("entities", f.entities());
                  g.writeNumberProperty("links", f.links());
                  g.writeNumberProperty("search_ms", f.tookMillis());
                  g.writeArrayPropertyStart("gangs");
                  for (Gang gang : shown) {
                    GangJson.summary(gang, g);
                  }
                  g.writeEndArray();
                  g.writeEndObject();
                }));
  }

  @Operation(
      summary = "One gang",
      description =
          "Members (kind, value, role: dealer, holder, farm, infrastructure, "
              + "caller, card, mule with its tier, account), the links between them (money with its sum), victims with what "
              + "they paid, loss, and the members to act on first.")
  @GetMapping(
      path = "/{id}",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<?> one(@PathVariable String id, @Nullable Authentication auth) {
    List<String> prefixes = Jurisdictions.of(db, auth);
    Gang gang = gangs.gang(id).filter(g -> visible(g, prefixes, regions)).orElse(null);
    if (gang == null) {
      return ProblemEntities.of(
          HttpStatus.NOT_FOUND, UNKNOWN, "Unknown gang", "no gang " + id + " in the last search");
    }
    Caller c = Caller.of(auth);
    db.audit().recordChange(c.name(), c.rolesText(), "gangs.view", "gang", id);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(JsonBodies.write(g -> GangJson.whole(gang, g)));
  }

  /**
   * Whether a caller limited to {@code prefixes} sees the gang: one of its numbers or accounts is
   * theirs.
   */
  static boolean visible(Gang g, List<String> prefixes, EntityRegions regions) {
    return prefixes.isEmpty()
        || g.members().stream()
            .anyMatch(
                m -> {
                  String region = regions.of(m.node().kind(), m.node().value());
                  return region != null && Jurisdictions.within(region, prefixes);
                });
  }
}
