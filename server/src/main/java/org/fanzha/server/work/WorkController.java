package org.fanzha.server.work;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.appeals.EvidenceFiles;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.JsonFields;
import org.fanzha.server.system.ProblemEntities;
import org.fanzha.store.Appeal;
import org.fanzha.store.WorkRepository;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/**
 * The case workflow's API: the caller's work, one item with its notes, assigning, notes and their
 * files.
 */
@RestController
@Tag(name = "work", description = "One case workflow over warnings, holds, appeals and clues")
class WorkController {

  private final WorkItems items;
  private final WorkService work;
  private final Clock clock;

  WorkController(WorkItems items, WorkService work, Clock clock) {
    this.items = items;
    this.work = work;
    this.clock = clock;
  }

  @Operation(
      summary = "Open work the caller may do",
      description =
          "view=mine (given to the caller), unassigned, or "
              + "all (default mine); soonest due first, with overdue marked. Analysts get warnings, holds and clues of their "
              + "regions; reviewers appeals.")
  @GetMapping(path = "/api/v1/work", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> list(
      @RequestParam(defaultValue = "mine") String view, @Nullable Authentication auth) {
    String me = Caller.of(auth).name();
    long now = clock.millis();
    return items.open(auth).stream()
        .filter(
            switch (view) {
              case "mine" -> (java.util.function.Predicate<WorkItem>) w -> me.equals(w.assignee());
              case "unassigned" -> w -> w.assignee() == null;
              case "all" -> w -> true;
              default ->
                  throw new BadRequestException("view: mine, unassigned or all, not " + view);
            })
        .map(w -> describe(w, now))
        .toList();
  }

  @GetMapping(path = "/api/v1/work/{kind}/{ref}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> one(
      @PathVariable String kind, @PathVariable String ref, @Nullable Authentication auth) {
    Map<String, Object> m = describe(items.find(kind, ref, auth), clock.millis());
    m.put("notes", work.notes(kind, ref, auth).stream().map(WorkController::note).toList());
    return m;
  }

  @Operation(
      summary = "Give an item to a person",
      description =
          "Body: {\"assignee\": a staff user whose roles take "
              + "this kind of work, or null to give it to nobody}.")
  @PostMapping(
      path = "/api/v1/work/{kind}/{ref}/assign",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> assign(
      @PathVariable String kind,
      @PathVariable String ref,
      @RequestBody JsonNode body,
      @Nullable Authentication auth) {
    return describe(
        work.assign(kind, ref, JsonFields.optionalText(body, "assignee"), auth), clock.millis());
  }

  @Operation(
      summary = "Add a note",
      description =
          "JSON {\"text\"}, or multipart with part text and an optional "
              + "part file (PDF, PNG or JPEG, 5 MB at most, typed by its bytes).")
  @PostMapping(
      path = "/api/v1/work/{kind}/{ref}/notes",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> note(
      @PathVariable String kind,
      @PathVariable String ref,
      @RequestBody JsonNode body,
      @Nullable Authentication auth) {
    return created(work.note(kind, ref, JsonFields.text(body, "text"), null, auth));
  }

  @PostMapping(
      path = "/api/v1/work/{kind}/{ref}/notes",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> noteWithFile(
      @PathVariable String kind,
      @PathVariable String ref,
      @RequestPart("text") String text,
      @RequestPart(name = "file", required = false) @Nullable MultipartFile file,
      @Nullable Authentication auth)
      throws IOException {
    return created(work.note(kind, ref, text, received(file), auth));
  }

  @Operation(
      summary = "A note's file",
      description = "Served as a download only, with the type found in its bytes.")
  @GetMapping("/api/v1/work/{kind}/{ref}/notes/{note}/file")
  ResponseEntity<byte[]> file(
      @PathVariable String kind,
      @PathVariable String ref,
      @PathVariable String note,
      @Nullable Authentication auth) {
    Appeal.File f =
        work.file(kind, ref, note, auth).orElseThrow(() -> new WorkItems.UnknownItem(kind, ref));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(f.contentType()))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(f.name(), java.nio.charset.StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(f.content());
  }

  @ExceptionHandler(WorkItems.UnknownItem.class)
  ResponseEntity<ProblemDetail> unknown(WorkItems.UnknownItem e) {
    return ProblemEntities.of(
        HttpStatus.NOT_FOUND,
        URI.create("urn:fanzha:problem:no-such-work"),
        "No such work",
        Objects.toString(e.getMessage(), e.toString()));
  }

  /** A multipart file as the note check takes it; null when none was sent. */
  static EvidenceFiles.@Nullable Received received(@Nullable MultipartFile file)
      throws IOException {
    if (file == null || file.isEmpty()) {
      return null;
    }
    if (file.getSize() > EvidenceFiles.MAX_BYTES) {
      throw new BadRequestException(
          "file: at most " + EvidenceFiles.MAX_BYTES / (1024 * 1024) + " MB");
    }
    String name = file.getOriginalFilename();
    return new EvidenceFiles.Received(name == null ? "" : name, file.getBytes());
  }

  private static ResponseEntity<Map<String, Object>> created(WorkRepository.Note n) {
    return ResponseEntity.status(HttpStatus.CREATED).body(note(n));
  }

  static Map<String, Object> describe(WorkItem w, long now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", w.kind());
    m.put("ref", w.ref());
    m.put("title", w.title());
    m.put("unit", w.unit());
    m.put("due", w.dueMs() == null ? null : Timestamps.format(w.dueMs()));
    m.put("overdue", w.overdue(now));
    m.put("status", w.status());
    m.put("link", w.link());
    m.put("assignee", w.assignee());
    m.put("note_count", w.notes());
    return m;
  }

  private static Map<String, Object> note(WorkRepository.Note n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", n.id());
    m.put("author", n.author());
    m.put("at", Timestamps.format(n.atMs()));
    m.put("text", n.text());
    m.put("file", n.fileName());
    return m;
  }
}
