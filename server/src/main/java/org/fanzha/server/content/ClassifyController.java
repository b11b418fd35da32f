package org.fanzha.server.content;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.engine.replay.OutputJson;
import org.fanzha.server.system.JsonBodies;
import org.fanzha.text.url.UrlAssessment;
import org.fanzha.text.url.UrlFinder;
import org.fanzha.text.url.UrlRiskAnalyzer;
import org.fanzha.text.url.UrlSpan;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;

/**
 * {@code POST /api/v1/classify}: the fraud type of an SMS, call transcript, ad or report text, with
 * the phrases that decided it and the risk of every link in it. Body {@code {"text": "…"}} for one
 * text, {@code {"texts": […]}} for up to {@value #MAX_TEXTS}.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "content", description = "Classify Chinese text by fraud type; link and domain risk")
class ClassifyController {

  static final int MAX_TEXTS = 1000;
  static final int MAX_CHARS = 4096;
  private static final URI INVALID = URI.create("urn:fanzha:problem:invalid-classify-request");

  private final ContentClassifier classifier;
  private final UrlRiskAnalyzer urls;

  ClassifyController(ContentClassifier classifier, UrlRiskAnalyzer urls) {
    this.classifier = classifier;
    this.urls = urls;
  }

  /** The request: exactly one of {@code text} and {@code texts}. */
  record ClassifyRequest(@Nullable String text, @Nullable List<String> texts) {}

  @Operation(
      summary = "Classify text by fraud type",
      description =
          "Answers label (none | spam | a fraud type of EVENTS.md), fraud_type, fraud_type_zh, score (0–1), "
              + "reasons (the strongest phrases) and urls (each link's risk with reasons). With {\"texts\": [...]} the "
              + "answer is {\"results\": [...]} in the same order.")
  @PostMapping(path = "/classify", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> classify(@RequestBody ClassifyRequest request) {
    boolean single = request.text() != null;
    if (single == (request.texts() != null)) {
      return problem(
          "text", "give exactly one of \"text\" (a string) and \"texts\" (an array of strings)");
    }
    // exactly one of the two is given (checked above)
    List<String> texts =
        single
            ? List.of(Objects.requireNonNull(request.text()))
            : Objects.requireNonNull(request.texts());
    if (texts.isEmpty() || texts.size() > MAX_TEXTS) {
      return problem("texts", "must hold 1–" + MAX_TEXTS + " texts, not " + texts.size());
    }
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      String field = single ? "text" : "texts[" + i + "]";
      if (t == null || t.isBlank()) {
        return problem(field, "must be a non-empty string");
      }
      if (t.length() > MAX_CHARS) {
        return problem(field, "is longer than " + MAX_CHARS + " characters");
      }
    }
    byte[] body =
        JsonBodies.write(
            g -> {
              if (single) {
                writeResult(g, texts.get(0));
              } else {
                g.writeStartObject();
                g.writeArrayPropertyStart("results");
                for (String t : texts) {
                  writeResult(g, t);
                }
                g.writeEndArray();
                g.writeEndObject();
              }
            });
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private void writeResult(JsonGenerator g, String text) {
    ContentVerdict v = classifier.classify(text);
    g.writeStartObject();
    g.writeStringProperty("label", v.label());
    if (v.fraudType() != null) {
      g.writeStringProperty("fraud_type", v.fraudType().wireName());
      g.writeStringProperty("fraud_type_zh", v.fraudType().nameZh());
    } else {
      g.writeNullProperty("fraud_type");
    }
    g.writeNumberProperty("score", Math.round(v.score() * 1000) / 1000.0);
    g.writeArrayPropertyStart("reasons");
    for (String phrase : v.phrases()) {
      g.writeString(phrase);
    }
    g.writeEndArray();
    g.writeArrayPropertyStart("urls");
    List<String> seen = new ArrayList<>();
    for (UrlSpan span : UrlFinder.find(text)) {
      if (seen.contains(span.url())) {
        continue;
      }
      seen.add(span.url());
      UrlAssessment a = urls.assess(span.url());
      g.writeStartObject();
      g.writeStringProperty("url", a.url());
      g.writeStringProperty("host", a.unicodeHost());
      g.writeNumberProperty("score", Math.round(a.score() * 1000) / 1000.0);
      if (a.imitated() != null) {
        g.writeStringProperty("imitates", a.imitated());
      }
      OutputJson.writeReasons(a.reasons(), g);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static ResponseEntity<ProblemDetail> problem(String field, String reason) {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + reason);
    p.setType(INVALID);
    p.setTitle("Invalid classify request");
    p.setProperty("field", field);
    p.setProperty("reason", reason);
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}
