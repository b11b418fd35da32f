package org.fanzha.server.system;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body into memory up to a limit. */
public final class Bodies {

  /**
   * The read size of a body sent without a length (chunked). Small on purpose: a buffer of the
   * limit's size, allocated for each decision, was half of what the decide path allocated.
   */
  private static final int CHUNK = 8192;

  /**
   * The largest array a body is read into at once; past it (a large back-test upload), in chunks.
   */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

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
    try (InputStream in = request.getInputStream()) {
      if (declared >= 0 && declared <= MAX_ARRAY) {
        // the declared length is all the container will hand over: one array of that size
        return in.readNBytes((int) declared);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK);
      byte[] buf = new byte[CHUNK];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > limit) {
          throw new BodyTooLargeException(limit);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }
}
