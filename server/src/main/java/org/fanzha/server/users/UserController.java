package org.fanzha.server.users;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.JsonFields;
import org.fanzha.server.system.ProblemEntities;
import org.fanzha.store.StaffUser;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Staff users: {@code POST /api/v1/users} and {@code GET /api/v1/users} (ADMIN). */
@RestController
@RequestMapping(
    path = "/api/v1/users",
    produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "users", description = "Named staff users (ADMIN)")
class UserController {

  private final UserService users;
  private final StaffUserDetails accounts;

  UserController(UserService users, StaffUserDetails accounts) {
    this.users = users;
    this.accounts = accounts;
  }

  @Operation(
      summary = "Create a staff user (ADMIN)",
      description =
          "Body: {\"name\",\"password\" (12+ characters),\"roles\":[ADMIN|ANALYST|REVIEWER|BANK|OPERATOR|PLATFORM|INGEST],"
              + "\"regions\":[GB/T 2260 prefixes; [] = everywhere]}. 201 {\"name\"}; 409 when the name is taken.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(
      @RequestBody JsonNode body, @Nullable Authentication auth) {
    StaffUser u =
        users.create(
            Caller.of(auth),
            JsonFields.text(body, "name"),
            JsonFields.text(body, "password"),
            JsonFields.strings(body, "roles"),
            JsonFields.strings(body, "regions"),
            accounts.configuredNames());
    return ResponseEntity.created(URI.create("/api/v1/users/" + u.name()))
        .body(Map.of("name", u.name()));
  }

  @Operation(
      summary = "List staff users (ADMIN)",
      description = "Names, roles, regions; never passwords.")
  @GetMapping
  List<Map<String, Object>> list() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (StaffUser u : users.list()) {
      out.add(
          Map.of(
              "name",
              u.name(),
              "roles",
              u.roles().stream().sorted().toList(),
              "regions",
              u.regions(),
              "enabled",
              u.enabled(),
              "created_at",
              Timestamps.format(u.createdAtMillis()),
              "created_by",
              u.createdBy()));
    }
    return out;
  }

  @ExceptionHandler(UserService.NameTaken.class)
  ResponseEntity<ProblemDetail> taken(UserService.NameTaken e) {
    return ProblemEntities.of(
        HttpStatus.CONFLICT,
        URI.create("urn:fanzha:problem:name-taken"),
        "Name taken",
        Objects.toString(e.getMessage(), e.toString()));
  }
}
