package org.fanzha.server.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every error the servlet container routes to {@code /error} (no handler, 401 and 403 from
 * security, an exception no advice took) is answered as problem+json: never an HTML page, never a
 * stack trace, never an exception's message (it may quote SQL or internals).
 */
@RestController
class ProblemErrorController implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<byte[]> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus resolved = code instanceof Integer i ? HttpStatus.resolve(i) : null;
    HttpStatus status = resolved != null ? resolved : HttpStatus.INTERNAL_SERVER_ERROR;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    byte[] body =
        ProblemResponses.body(
            status.value(),
            "about:blank",
            status.getReasonPhrase(),
            detail(status),
            uri instanceof String s ? s : null);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  private static String detail(HttpStatus status) {
    return switch (status) {
      case UNAUTHORIZED -> "sign in: HTTP Basic credentials, or the console's login page";
      case FORBIDDEN ->
          "the signed-in user's roles do not allow this (or the CSRF token is missing)";
      case NOT_FOUND -> "nothing is here";
      case METHOD_NOT_ALLOWED -> "this method is not allowed here";
      default ->
          status.is5xxServerError()
              ? "the server failed on this request; it was logged"
              : status.getReasonPhrase();
    };
  }
}
