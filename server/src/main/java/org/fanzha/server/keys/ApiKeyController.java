package org.fanzha.server.keys;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.JsonFields;
import org.fanzha.server.system.ProblemEntities;
import org.fanzha.store.ApiKey;
import org.jspecify.annotations.Nullable;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Machines' API keys: create, list, rotate, revoke (ADMIN). */
@RestController
@RequestMapping(
    path = "/api/v1/api-keys",
    produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(
    name = "api-keys",
    description = "Keys machines sign requests with: Authorization: Bearer <key> (ADMIN)")
class ApiKeyController {

  private final ApiKeyService keys;

  ApiKeyController(ApiKeyService keys) {
    this.keys = keys;
  }

  @Operation(
      summary = "Issue an API key (ADMIN)",
      description =
          "Body: {\"name\",\"roles\":[ANALYST|REVIEWER|BANK|OPERATOR|PLATFORM|INGEST],\"regions\":[GB/T 2260 prefixes]}. "
              + "201 {\"id\",\"key\",…}: the key is shown this once and stored only as a hash.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(
      @RequestBody JsonNode body, @Nullable Authentication auth) {
    return issued(
        keys.create(
            Caller.of(auth),
            JsonFields.text(body, "name"),
            JsonFields.strings(body, "roles"),
            JsonFields.strings(body, "regions")));
  }

  @Operation(
      summary = "Replace a key by a new one with the same name, roles and regions (ADMIN)",
      description =
          "The old key stops at once. 201 with the new key, shown this once; 404 when no working key has that id.")
  @PostMapping("/{id}/rotate")
  ResponseEntity<Map<String, Object>> rotate(
      @PathVariable String id, @Nullable Authentication auth) {
    return issued(keys.rotate(Caller.of(auth), id));
  }

  @Operation(
      summary = "Revoke a key (ADMIN)",
      description = "204; the key stops at once. 404 when no working key has that id.")
  @DeleteMapping("/{id}")
  ResponseEntity<Void> revoke(@PathVariable String id, @Nullable Authentication auth) {
    keys.revoke(Caller.of(auth), id);
    return ResponseEntity.noContent().build();
  }

  @Operation(
      summary = "List keys (ADMIN)",
      description = "Every key, revoked ones too, newest first; never a secret.")
  @GetMapping
  List<Map<String, Object>> list() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ApiKey k : keys.list()) {
      out.add(describe(k));
    }
    return out;
  }

  @ExceptionHandler(ApiKeyService.NoSuchKey.class)
  ResponseEntity<ProblemDetail> noSuchKey(ApiKeyService.NoSuchKey e) {
    return ProblemEntities.of(
        HttpStatus.NOT_FOUND,
        URI.create("urn:fanzha:problem:no-such-api-key"),
        "No such API key",
        Objects.toString(e.getMessage(), e.toString()));
  }

  private static ResponseEntity<Map<String, Object>> issued(ApiKeyService.Issued issued) {
    Map<String, Object> body = describe(issued.record());
    body.put("key", issued.key());
    return ResponseEntity.created(URI.create("/api/v1/api-keys/" + issued.record().id()))
        .body(body);
  }

  private static Map<String, Object> describe(ApiKey k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", k.id());
    m.put("name", k.name());
    m.put("roles", k.roles().stream().sorted().toList());
    m.put("regions", k.regions());
    m.put("created_at", Timestamps.format(k.createdAtMillis()));
    m.put("created_by", k.createdBy());
    m.put("active", k.active());
    if (k.revokedAtMillis() != null) {
      m.put("revoked_at", Timestamps.format(k.revokedAtMillis()));
      m.put("revoked_by", k.revokedBy());
    }
    return m;
  }
}
