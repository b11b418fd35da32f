package org.fanzha.server.system;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body into memory up to a limit. */
public final class Bodies {

  private Bodies() {}

  /**
   * Returns the body, or throws {@link BodyTooLargeException} past {@code limit} bytes (declared or
   * read).
   */
  public static byte[] read(HttpServletRequest request, long limit) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      throw new BodyTooLargeException(limit);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
    byte[] buf = new byte[65_536];
    long total = 0;
    try (InputStream in = request.getInputStream()) {
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > limit) {
          throw new BodyTooLargeException(limit);
        }
        out.write(buf, 0, n);
      }
    }
    return out.toByteArray();
  }
}
