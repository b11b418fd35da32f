package org.fanzha.server.appeals;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Bodies;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.JsonBodies;
import org.fanzha.server.system.ProblemEntities;
import org.fanzha.store.Appeal;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The reviewers' side of appeals (API.md): the queue, one appeal with its files, the decision. */
@RestController
@RequestMapping("/api/v1/appeals")
@Tag(
    name = "appeals",
    description = "Appeals against listings and restrictions (第32条), for reviewers")
class AppealController {
  private static final URI UNKNOWN = URI.create("urn:fanzha:problem:unknown-appeal");
  private static final URI REFUSED = URI.create("urn:fanzha:problem:appeal-refused");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final AppealService appeals;

  AppealController(AppealService appeals) {
    this.appeals = appeals;
  }

  @Operation(
      summary = "Appeals by status",
      description = "open (default), upheld or rejected; the soonest due first.")
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> list(
      @RequestParam(defaultValue = "open") String status,
      @RequestParam(defaultValue = "200") int limit) {
    if (!List.of("open", "upheld", "rejected").contains(status)) {
      throw new BadRequestException("status: open, upheld or rejected, not " + status);
    }
    List<Appeal> found = appeals.withStatus(status, Math.max(1, Math.min(limit, 1000)));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            JsonBodies.write(
                g -> {
                  g.writeStartObject();
                  g.writeArrayPropertyStart("appeals");
                  for (Appeal a : found) {
                    AppealJson.write(a, g);
                  }
                  g.writeEndArray();
                  g.writeEndObject();
                }));
  }

  @Operation(
      summary = "One appeal",
      description = "With the names, types and sizes of its evidence files.")
  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> one(@PathVariable String id) {
    Appeal a = appeals.find(id);
    List<Appeal.File> files = appeals.files(id);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            JsonBodies.write(
                g -> {
                  g.writeStartObject();
                  g.writeName("appeal");
                  AppealJson.write(a, g);
                  g.writeArrayPropertyStart("files");
                  for (int i = 0; i < files.size(); i++) {
                    g.writeStartObject();
                    g.writeNumberProperty("n", i);
                    g.writeStringProperty("name", files.get(i).name());
                    g.writeStringProperty("content_type", files.get(i).contentType());
                    g.writeNumberProperty("size", files.get(i).content().length);
                    g.writeEndObject();
                  }
                  g.writeEndArray();
                  g.writeEndObject();
                }));
  }

  @Operation(
      summary = "Download an evidence file",
      description = "Always as an attachment, never shown inline.")
  @GetMapping(path = "/{id}/files/{n}")
  ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable int n) {
    List<Appeal.File> files = appeals.files(id);
    if (n < 0 || n >= files.size()) {
      throw new AppealService.Unknown(id + " file " + n);
    }
    Appeal.File f = files.get(n);
    return ResponseEntity.ok()
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(f.name(), java.nio.charset.StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .body(f.content());
  }

  @Operation(
      summary = "Decide an appeal",
      description =
          "Body {\"outcome\":\"upheld|rejected\",\"note\"}. upheld lifts "
              + "every listing against the value at once and clears it; rejected needs a note saying why. 403 for the reviewer "
              + "who listed the value, 409 when already decided.")
  @PostMapping(
      path = "/{id}/decision",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<byte[]> decide(
      @PathVariable String id, HttpServletRequest request, @Nullable Authentication auth)
      throws IOException {
    JsonNode b;
    try {
      b = JSON.readTree(Bodies.read(request, 16 * 1024));
    } catch (RuntimeException e) {
      throw new BadRequestException("body: a JSON object {\"outcome\", \"note\"}");
    }
    Appeal a =
        appeals.decide(
            id, b.path("outcome").asString(""), b.path("note").asString(""), Caller.of(auth));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(JsonBodies.write(g -> AppealJson.write(a, g)));
  }

  @ExceptionHandler(AppealService.Unknown.class)
  ResponseEntity<ProblemDetail> unknown(AppealService.Unknown e) {
    return ProblemEntities.of(
        HttpStatus.NOT_FOUND,
        UNKNOWN,
        "Unknown appeal",
        Objects.toString(e.getMessage(), e.toString()));
  }

  @ExceptionHandler(AppealService.Refused.class)
  ResponseEntity<ProblemDetail> refused(AppealService.Refused e) {
    return ProblemEntities.of(
        e.forbidden() ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT,
        REFUSED,
        "Appeal not decided",
        Objects.toString(e.getMessage(), e.toString()));
  }
}
