package org.fanzha.flink.score;

import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.fanzha.core.codec.EventBinary;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.id.Identifiers;
import org.fanzha.core.id.InvalidIdentifierException;
import org.fanzha.core.stream.StreamTopics;
import org.fanzha.core.time.EventTimeWindow;
import org.fanzha.engine.ClassifiedText;
import org.fanzha.flink.JobSettings;
import org.fanzha.flink.io.CheckedLine;
import org.fanzha.flink.io.RawLine;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates raw lines with the codec the server and the embedded replay use, beside the source that
 * read them (same parallelism, chained: no shuffle, so each partition's order is kept), and passes
 * accepted events on in their binary form. Parsing JSON was over a third of the scoring task's
 * time; here it runs on every source's thread, and the scorer decodes a few bytes instead. So does
 * the content model's reading of an SMS (a quarter of the engine's time in that task): the verdict
 * travels with the event. Rule files pass through untouched; a question from the queries topic
 * leaves with the canonical number it asks about.
 */
public final class Validation extends RichMapFunction<RawLine, CheckedLine> {
  private static final long serialVersionUID = 1L;

  /**
   * A recorded stream may be old, but nothing in it happened more than a day after this task's
   * clock.
   */
  private static final Duration MAX_LEAD = Duration.ofDays(1);

  private static final Duration MAX_AGE = Duration.ofDays(365L * 100);

  private static final ObjectMapper QUESTIONS = JsonMapper.builder().build();

  private final JobSettings settings;
  private transient EventCodec codec;
  private transient EventBinary binary;
  private transient @Nullable ContentClassifier classifier;

  public Validation(JobSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext context) {
    codec = codec(settings);
    binary = new EventBinary();
    classifier = settings.contentClassifier();
  }

  @Override
  public CheckedLine map(RawLine raw) {
    return check(raw, codec, binary, classifier);
  }

  /**
   * The codec for {@code settings}: a recorded file is checked as the embedded replay checks it.
   */
  static EventCodec codec(JobSettings settings) {
    return new EventCodec(
        settings.recordedFile()
            // as the embedded replay: any past, nothing after tomorrow as of the start, the same
            // refusals
            ? EventTimeWindow.between(
                EventTimeWindow.EARLIEST, System.currentTimeMillis() + MAX_LEAD.toMillis())
            : EventTimeWindow.aroundNow(System::currentTimeMillis, MAX_AGE, MAX_LEAD));
  }

  /**
   * Returns {@code raw} validated: a rule file as it is, an event accepted in binary form with the
   * content model's verdict on its text (when {@code classifier} is given and the engine reads the
   * text), or refused.
   */
  static CheckedLine check(
      RawLine raw, EventCodec codec, EventBinary binary, @Nullable ContentClassifier classifier) {
    if (raw.ruleFile) {
      return CheckedLine.ruleFile(raw);
    }
    if (raw.query) {
      return question(raw);
    }
    ParseResult parsed = codec.parse(raw.bytes, 0, raw.bytes.length, raw.line);
    if (!(parsed instanceof ParseResult.Accepted accepted)) {
      return CheckedLine.rejected(raw, ((ParseResult.Rejected) parsed).rejection());
    }
    CheckedLine checked =
        CheckedLine.event(raw, accepted.event().id(), binary.encode(accepted.event()));
    String text = classifier == null ? null : ClassifiedText.textOf(accepted.event());
    return text == null
        ? checked
        : checked.classified(Objects.requireNonNull(classifier).classify(text));
  }

  /**
   * A question ({@code {"subscriber":"<phone>"}}, {@link StreamTopics#SUBSCRIBER_QUERY}) with its
   * number made canonical, or refused with the field and reason.
   */
  static CheckedLine question(RawLine raw) {
    JsonNode q;
    try {
      q = QUESTIONS.readTree(raw.bytes);
    } catch (JacksonException e) {
      return CheckedLine.queryRefused(
          raw, "(query)", "not a JSON object: " + e.getOriginalMessage());
    }
    JsonNode phone = q.path(StreamTopics.SUBSCRIBER_QUERY);
    if (!phone.isString()) {
      return CheckedLine.queryRefused(
          raw, StreamTopics.SUBSCRIBER_QUERY, "the only question asked here is a number's score");
    }
    try {
      return CheckedLine.query(raw, Identifiers.phone(phone.asString()));
    } catch (InvalidIdentifierException e) {
      return CheckedLine.queryRefused(
          raw, StreamTopics.SUBSCRIBER_QUERY, String.valueOf(e.getMessage()));
    }
  }
}
