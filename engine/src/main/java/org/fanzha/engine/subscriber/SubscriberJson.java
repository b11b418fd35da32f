package org.fanzha.engine.subscriber;

import org.fanzha.core.time.Timestamps;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a subscriber score as the API answers it, and as the Flink job answers a query for it:
 * {@code {"score","band","reasons","limits", …}}.
 */
public final class SubscriberJson {

  private SubscriberJson() {}

  /**
   * Writes the score's fields into the object {@code g} is in; {@code phone} as it may be shown.
   */
  public static void fields(SubscriberScore s, String phone, JsonGenerator g) {
    g.writeStringProperty("phone", phone);
    g.writeNumberProperty("score", s.score());
    g.writeStringProperty("band", s.band().name());
    g.writeArrayPropertyStart("reasons");
    for (ScoreLine l : s.lines()) {
      g.writeStartObject();
      g.writeStringProperty("code", l.reason().code());
      g.writeNumberProperty("points", l.points());
      g.writeStringProperty("text_zh", l.reason().textZh());
      g.writeStringProperty("text_en", l.reason().textEn());
      g.writeEndObject();
    }
    g.writeEndArray();
    Limits m = s.limits();
    g.writeObjectPropertyStart("limits");
    writeCap("calls_per_day", m.callsPerDay(), g);
    writeCap("sms_per_day", m.smsPerDay(), g);
    g.writeBooleanProperty("international", m.international());
    g.writeEndObject();
    g.writeObjectPropertyStart("usage");
    g.writeNumberProperty("calls_last_24h", s.callsLastDay());
    g.writeNumberProperty("sms_last_24h", s.smsLastDay());
    g.writeEndObject();
    g.writeStringProperty("as_of", Timestamps.format(s.at()));
  }

  private static void writeCap(String name, int cap, JsonGenerator g) {
    if (cap == Limits.NONE) {
      g.writeNullProperty(name);
    } else {
      g.writeNumberProperty(name, cap);
    }
  }
}
