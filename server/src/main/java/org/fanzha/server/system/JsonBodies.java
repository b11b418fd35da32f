package org.fanzha.server.system;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Builds JSON response bodies with a streaming generator, so the API writes decisions, entities and
 * warnings with the engine's own writers (the shapes EVENTS.md fixes) instead of a second mapping.
 */
public final class JsonBodies {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private JsonBodies() {}

  /** Returns the UTF-8 bytes of what {@code body} writes. */
  public static byte[] write(Consumer<JsonGenerator> body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      body.accept(g);
    }
    return out.toByteArray();
  }
}
