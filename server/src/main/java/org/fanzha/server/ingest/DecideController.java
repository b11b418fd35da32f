package org.fanzha.server.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.fanzha.server.system.Bodies;
import org.fanzha.server.system.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Decides one transfer, call, message or opening synchronously: {@code POST /api/v1/decide}, for
 * callers signed in with a password or a session, and for the API description. A request signed
 * with an API key is answered ahead of Spring MVC and the security chain by {@link DecideFilter};
 * both answer through {@link DecideService}.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "decide", description = "Real-time decision on one transfer, call, message or opening")
class DecideController {

  private final DecideService decisions;

  DecideController(DecideService decisions) {
    this.decisions = decisions;
  }

  @Operation(
      summary = "Decide one transfer, call, message or opening",
      description =
          "The body is one transfer, call, sms or opening event (EVENTS.md). It is journaled like any event, scored by the "
              + "engine with everything seen before it, and answered with the decision: the riskiest party "
              + "(entity_kind, entity), score 0–100, level, action (allow|warn|delay|hold) and bilingual reasons. "
              + "The body has the fields of a line of decisions.ndjson. Sending the same id again does not "
              + "process it twice: the answer repeats the earlier decision with header Fanzha-Duplicate: true while "
              + "it is remembered, else 409. When a list entry decided it, the answer adds listings: [{id, list, reason, source, legal_basis}]. When the payer (from_phone or from) has an open early-warning task, the "
              + "action is at least delay (hold for a critical one) and the answer adds warning: {id, severity, "
              + "fraud_type, script} so the bank can stop the payment and call the person. A payment from an account "
              + "restricted pending its re-verification is held outside a counter, a suspended one everywhere (the answer "
              + "adds verification: {id, state}). A call or message (role OPERATOR may ask these and phone-card openings, "
              + "not transfers) is held when the number is restricted (but to a service number) or suspended, or when it "
              + "breaks a limit of its subscriber band (SUB_LIMIT_CALLS, SUB_LIMIT_SMS, SUB_LIMIT_ABROAD); the answer adds "
              + "subscriber: {score, band, reasons, limits, usage}. A phone-card opening past the cards-per-person limit "
              + "is held (HO_OVER_CARD_LIMIT).",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              value =
                                  """
              {"type":"transfer","id":"t1","ts":"2026-11-27T09:31:45+08:00","from":"6222020200112233446","to":"6217000010001234569","amount":"49000.00","channel":"mobile","from_phone":"13800138000"}"""))),
      responses = {
        @ApiResponse(responseCode = "200", description = "the decision"),
        @ApiResponse(
            responseCode = "400",
            description = "the transfer is invalid (field and reason)",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "409",
            description = "the id was processed before and its decision is no longer remembered",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "503",
            description = "not accepted now; resend",
            content = @Content(mediaType = "application/problem+json"))
      })
  @PostMapping(
      path = "/decide",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<byte[]> decide(HttpServletRequest request, @Nullable Authentication auth)
      throws IOException {
    return decisions
        .answer(
            Bodies.read(request, DecideFilter.MAX_BODY),
            request.getContentType(),
            Caller.of(auth),
            request.getHeader("Accept-Language"))
        .entity();
  }
}
