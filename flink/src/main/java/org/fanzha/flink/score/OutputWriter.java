package org.fanzha.flink.score;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;
import org.fanzha.core.codec.Rejection;
import org.fanzha.core.event.EventType;
import org.fanzha.engine.Decision;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Warning;
import org.fanzha.engine.replay.OutputJson;
import org.fanzha.engine.subscriber.SubscriberJson;
import org.fanzha.engine.subscriber.SubscriberScore;
import org.fanzha.flink.io.Output;
import org.fanzha.flink.io.OutputKind;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Turns the engine's results into {@link Output}s, with the JSON of EVENTS.md (the embedded
 * replay's writers).
 */
public final class OutputWriter {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private OutputWriter() {}

  public static Output decision(Decision d) {
    return new Output(
        OutputKind.DECISION,
        entityKey(d.entityKind().wireName(), d.entity()),
        json(g -> OutputJson.write(d, g)));
  }

  public static Output warning(Warning w) {
    String key =
        w.victimPhone() != null
            ? w.victimPhone()
            : w.victimAccount() != null ? w.victimAccount() : w.id();
    return new Output(OutputKind.WARNING, key, json(g -> OutputJson.write(w, g)));
  }

  public static Output entity(EntityRisk r) {
    return new Output(
        OutputKind.ENTITY,
        entityKey(r.entityKind().wireName(), r.entity()),
        json(g -> OutputJson.write(r, g)));
  }

  /** The entity-risk tombstone: the entity of {@code key} no longer holds a risk. */
  static Output entityGone(String key) {
    return new Output(OutputKind.ENTITY, key, null);
  }

  /** A refusal, placed by file line or by Kafka partition and offset + 1. */
  public static Output rejection(int partition, Rejection r) {
    String where = partition < 0 ? "line " + r.line() : partition + ":" + r.line();
    return new Output(
        OutputKind.REJECTION,
        where,
        json(
            g -> {
              g.writeStartObject();
              if (partition >= 0) {
                g.writeNumberProperty("partition", partition);
              }
              g.writeNumberProperty("line", r.line());
              g.writeStringProperty("event_id", r.eventId());
              g.writeStringProperty("field", r.field());
              g.writeStringProperty("reason", r.reason());
              g.writeEndObject();
            }));
  }

  /** The answer to an event that asked for one: {@code {"status":"decided","decision":{…}}}. */
  public static Output decided(String correlationId, Decision d) {
    return reply(
        correlationId,
        "decided",
        g -> {
          g.writeName("decision");
          OutputJson.write(d, g);
        });
  }

  /**
   * The answer to an event that asked for one and was not decided: {@code duplicate} or {@code
   * failed}.
   */
  public static Output notDecided(String correlationId, String status) {
    return reply(correlationId, status, g -> {});
  }

  /** The answer to an event that asked for one and was refused. */
  public static Output refused(String correlationId, Rejection r) {
    return refused(correlationId, r.field(), r.reason());
  }

  /**
   * The answer to a question for a number's subscriber score: {@code
   * {"status":"scored","subscriber":{…}}}, or {@code {"status":"unknown"}} when {@code score} is
   * null (a number never met).
   */
  public static Output subscriber(
      String correlationId,
      String phone,
      @org.jspecify.annotations.Nullable SubscriberScore score) {
    return reply(
        correlationId,
        score == null ? "unknown" : "scored",
        g -> {
          if (score != null) {
            g.writeObjectPropertyStart("subscriber");
            SubscriberJson.fields(score, phone, g);
            g.writeEndObject();
          }
        });
  }

  /**
   * The answer to a question that was refused, or an event that was: {@code
   * {"status":"rejected","field":…,"reason":…}}.
   */
  public static Output refused(String correlationId, String field, String reason) {
    return reply(
        correlationId,
        "rejected",
        g -> {
          g.writeStringProperty("field", field);
          g.writeStringProperty("reason", reason);
        });
  }

  /** An answer on the replies topic: {@code {"status":…}} and the fields {@code rest} writes. */
  private static Output reply(String correlationId, String status, Consumer<JsonGenerator> rest) {
    return new Output(
        OutputKind.REPLY,
        correlationId,
        json(
            g -> {
              g.writeStartObject();
              g.writeStringProperty("status", status);
              rest.accept(g);
              g.writeEndObject();
            }));
  }

  static String entityKey(String kind, String id) {
    return kind + ":" + id;
  }

  /**
   * A published rule file ({@code where}: partition:offset) adopted: {@code
   * {"version":n,"status":"adopted"}}.
   */
  public static Output rulesAdopted(String where, long version) {
    return new Output(
        OutputKind.RULES,
        where,
        json(
            g -> {
              g.writeStartObject();
              g.writeNumberProperty("version", version);
              g.writeStringProperty("status", "adopted");
              g.writeEndObject();
            }));
  }

  /**
   * A published rule file refused, nothing changed: {@code {"status":"refused","problems":"…"}}.
   */
  public static Output rulesRefused(String where, String problems) {
    return new Output(
        OutputKind.RULES,
        where,
        json(
            g -> {
              g.writeStartObject();
              g.writeStringProperty("status", "refused");
              g.writeStringProperty("problems", problems);
              g.writeEndObject();
            }));
  }

  /**
   * The counts of a bounded run ({@link OutputKind#SUMMARY}): {@code counts} are read, accepted,
   * rejected, duplicates, decisions, warnings; {@code byType} the accepted events by type.
   */
  public static Output summary(
      long[] counts, java.util.function.ToLongFunction<EventType> byType, long entities) {
    return new Output(
        OutputKind.SUMMARY,
        "summary",
        json(
            g -> {
              g.writeStartObject();
              g.writeNumberProperty("events_read", counts[0]);
              g.writeNumberProperty("accepted", counts[1]);
              g.writeNumberProperty("rejected", counts[2]);
              g.writeNumberProperty("duplicates", counts[3]);
              g.writeName("by_type");
              g.writeStartObject();
              for (EventType t : EventType.values()) {
                g.writeNumberProperty(t.wireName(), byType.applyAsLong(t));
              }
              g.writeEndObject();
              g.writeNumberProperty("decisions", counts[4]);
              g.writeNumberProperty("warnings", counts[5]);
              g.writeNumberProperty("entities", entities);
              g.writeEndObject();
            }));
  }

  /** One JSON object as UTF-8. */
  static byte[] json(Consumer<JsonGenerator> body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      body.accept(g);
    }
    return out.toByteArray();
  }
}
