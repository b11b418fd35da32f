package org.fanzha.server.system;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat answers some requests itself before the application sees them (a malformed URI or header,
 * a request line it cannot parse); its stock valve writes an HTML page naming the server. This one
 * writes the same problem+json the application writes.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int code = response.getStatus();
    if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean();
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return; // the connection is already broken
    }
    HttpStatus status = HttpStatus.resolve(code);
    String title = status == null ? "Error " + code : status.getReasonPhrase();
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      response
          .getOutputStream()
          .write(
              ProblemResponses.body(
                  code,
                  "about:blank",
                  title,
                  code == 400
                      ? "the request could not be read (malformed request line, URI or header)"
                      : title,
                  null));
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // the client has gone, or the response was committed meanwhile: nothing more to say
    }
  }
}
