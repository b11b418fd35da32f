package org.fanzha.server.subscribers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.fanzha.engine.subscriber.SubscriberJson;
import org.fanzha.engine.subscriber.SubscriberScore;
import org.fanzha.server.system.JsonBodies;
import org.fanzha.server.system.ProblemEntities;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The subscriber score (在网积分) of one number: {@code GET /api/v1/subscribers/{phone}/score}. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "subscribers", description = "Subscriber score (在网积分), its band and the band's limits")
class SubscriberController {

  private static final URI INVALID = URI.create("urn:fanzha:problem:invalid-entity");
  private static final URI NOT_FOUND = URI.create("urn:fanzha:problem:unknown-entity");
  private static final URI UNAVAILABLE = URI.create("urn:fanzha:problem:unavailable");

  private final SubscriberLookup lookup;

  SubscriberController(SubscriberLookup lookup) {
    this.lookup = lookup;
  }

  @Operation(
      summary = "Score a subscriber",
      description =
          "The number's subscriber score (0–100, higher is more trusted) from the subscriber lines of the "
              + "rules in force (applies_to: subscriber: tenure, real-name opening, regular use, contacts, risk signals), "
              + "its band (A–D), the lines it met with their points and bilingual reasons, the limits an operator applies "
              + "to a number of that band (calls_per_day, sms_per_day: null for none; international), and its calls and "
              + "messages over the last 24 hours. As of the latest event time the engine has read. A user limited to "
              + "regions sees a number of another region not at all (404) and one whose region is not known masked. "
              + "Every look-up is written to the audit log.",
      responses = {
        @ApiResponse(responseCode = "200", description = "the score"),
        @ApiResponse(
            responseCode = "400",
            description = "not a phone number",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "404",
            description = "the engine has never met this number",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "503",
            description =
                "in distributed mode the Flink job, which keeps the features, did not answer in time; "
                    + "Retry-After says when to ask again",
            content = @Content(mediaType = "application/problem+json"))
      })
  @GetMapping(
      path = "/subscribers/{phone}/score",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<?> score(@PathVariable String phone, @Nullable Authentication auth) {
    SubscriberLookup.Result r = lookup.find(phone, auth);
    switch (r.outcome()) {
      case INVALID -> {
        return ProblemEntities.of(
            HttpStatus.BAD_REQUEST, INVALID, "Invalid phone number", r.detail());
      }
      case UNAVAILABLE -> {
        return ProblemEntities.retryAfter(
            HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, "Score not available now", r.detail(), 1);
      }
      case UNKNOWN -> {
        return ProblemEntities.of(HttpStatus.NOT_FOUND, NOT_FOUND, "Unknown number", r.detail());
      }
      default -> {}
    }
    SubscriberScore score = java.util.Objects.requireNonNull(r.score());
    byte[] json =
        JsonBodies.write(
            g -> {
              g.writeStartObject();
              SubscriberJson.fields(score, r.shownPhone(), g);
              g.writeBooleanProperty("masked", r.masked());
              g.writeEndObject();
            });
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
  }
}
