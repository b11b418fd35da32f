package org.fanzha.flink.score;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.fanzha.core.codec.EventBinary;
import org.fanzha.core.codec.Rejection;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.event.Event;
import org.fanzha.engine.ClassifiedText;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.Warning;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.file.RuleFileException;
import org.fanzha.flink.JobSettings;
import org.fanzha.flink.io.CheckedLine;
import org.fanzha.flink.io.Output;
import org.jspecify.annotations.Nullable;

/**
 * Runs the shared engine on checked lines ({@link Validation} ran the codec beside the source), in
 * arrival order: skips an id seen before, scores, and sends the decision, warnings and refusals on.
 * Entity risks go out as a changelog just before each checkpoint barrier and at the end of a
 * bounded input, followed there by a summary of the run. A rule file arriving on the same input
 * (from the rules topic, broadcast) is compiled and adopted between two events, or refused with its
 * problems; either way the outcome is an output, and the rules in force are part of the checkpoint.
 * An event that carries a correlation id (a server's decide) is also answered at once with its
 * decision, or why it has none; a question from the queries topic (a number's subscriber score) is
 * answered at once from the engine's features, without changing them.
 *
 * <p>Stage 1 of the Flink runner (decision 0011): the engine is one state machine across entities,
 * so this operator runs at parallelism 1 and keeps the engine's binary snapshot, the recent event
 * ids and the counters as one blob of operator state. Reading, validating, writing and Kafka
 * partitions scale around it; the keyed re-cut replaces it with entity-keyed operators.
 */
public final class ScoringOperator extends AbstractStreamOperator<Output>
    implements OneInputStreamOperator<CheckedLine, Output>, BoundedOneInput {
  private static final long serialVersionUID = 1L;
  private static final int STATE_VERSION =
      3; // 2: the adopted rule file; 3: seen ids in two generations

  private final JobSettings settings;

  private transient ListState<byte[]> state;
  private transient Engine engine; // set by initializeState: restored, or new
  private transient SeenIds seen;
  private transient EntityChangelog entities;
  private transient StreamRecord<Output> reuse;
  // read, accepted, rejected, duplicates, decisions, warnings
  private transient long[] counts;
  private transient Counter rejectedCounter;
  private transient Counter duplicateCounter;
  private transient Counter engineErrors;

  /**
   * The last rule file adopted from the rules topic (null: the job's own rules), restored with the
   * engine.
   */
  private transient @Nullable String adoptedRules;

  /**
   * The verdict on the event's text that validation found, handed to the engine; null without a
   * content model.
   */
  private transient @Nullable ClassifiedText content;

  private transient boolean restored;

  public ScoringOperator(JobSettings settings) {
    this.settings = settings;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    state =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>(
                    "fanzha-engine", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    adoptedRules = null;
    seen = new SeenIds(settings.dedupeWindowMs(), System::currentTimeMillis);
    counts = new long[6];
    restored = context.isRestored();
    if (restored) {
      for (byte[] blob : state.get()) {
        restore(blob);
      }
    }
    if (!restored || engine == null) { // a restore with no blob (an empty state) starts afresh too
      engine = new Engine(engineConfig(null));
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    entities = new EntityChangelog();
    if (restored) {
      entities.remember(engine);
    }
    reuse = new StreamRecord<>(new Output());
    rejectedCounter = getMetricGroup().counter("fanzhaRejected");
    duplicateCounter = getMetricGroup().counter("fanzhaDuplicates");
    engineErrors = getMetricGroup().counter("fanzhaEngineErrors");
  }

  @Override
  public void processElement(StreamRecord<CheckedLine> element) {
    CheckedLine checked = element.getValue();
    switch (checked.kind) {
      case RULE_FILE -> adopt(checked);
      case QUERY -> emit(answer(checked));
      case REJECTED -> {
        counts[0]++;
        counts[2]++;
        rejectedCounter.inc();
        Rejection rejection = checked.rejection();
        emit(OutputWriter.rejection(checked.partition, rejection));
        if (checked.replyTo != null) {
          emit(OutputWriter.refused(checked.replyTo, rejection));
        }
      }
      case EVENT -> {
        counts[0]++;
        Event event = EventBinary.decode(checked.bytes);
        if (content != null) {
          String text = ClassifiedText.textOf(event);
          if (text != null && checked.contentLabel != null) {
            content.next(
                text,
                ClassifiedText.verdict(
                    checked.contentLabel, checked.contentType, checked.contentScore));
          } else {
            content.clear();
          }
        }
        score(checked, event);
      }
    }
  }

  private void score(CheckedLine checked, Event event) {
    if (!seen.firstTime(event.id(), event.ts())) {
      counts[3]++;
      duplicateCounter.inc();
      if (checked.replyTo != null) {
        emit(OutputWriter.notDecided(checked.replyTo, "duplicate"));
      }
      return;
    }
    counts[1]++;
    Decision d;
    try {
      d = engine.process(event);
    } catch (RuntimeException e) {
      // A fault of the engine on one event must not become a poison pill that fails the job on
      // every restart: the
      // event is refused with the reason, as the embedded runner skips it, and everything else goes
      // on.
      engineErrors.inc();
      LOG.error("the engine failed on event {}; refused and skipped", event.id(), e);
      emit(
          OutputWriter.rejection(
              checked.partition,
              new Rejection(
                  checked.line,
                  event.id(),
                  "(engine)",
                  "the engine failed on this event ("
                      + e.getClass().getSimpleName()
                      + "); it was skipped")));
      engine.drainWarnings();
      if (checked.replyTo != null) {
        emit(OutputWriter.notDecided(checked.replyTo, "failed"));
      }
      return;
    }
    if (checked.replyTo != null) {
      emit(
          OutputWriter.decided(
              checked.replyTo,
              d)); // first: the caller waits for it, the topics wait for a checkpoint
    }
    if (!d.isNone()) {
      counts[4]++;
      emit(OutputWriter.decision(d));
    }
    for (Warning w : engine.drainWarnings()) {
      counts[5]++;
      emit(OutputWriter.warning(w));
    }
  }

  /**
   * The answer to a question: the subscriber score of the number asked about, as the engine's
   * features stand now, or why it was refused.
   */
  private Output answer(CheckedLine question) {
    String to = java.util.Objects.requireNonNull(question.replyTo);
    String phone = question.subject;
    if (phone == null) {
      Rejection why = question.rejection();
      return OutputWriter.refused(to, why.field(), why.reason());
    }
    return OutputWriter.subscriber(to, phone, engine.subscriber(phone).orElse(null));
  }

  /**
   * Compiles a published rule file and scores the next event with it; a file that does not compile
   * changes nothing.
   */
  private void adopt(CheckedLine raw) {
    String yaml = new String(raw.bytes, StandardCharsets.UTF_8);
    String where = raw.partition + ":" + raw.line;
    try {
      RuleBook book = RuleBook.parse(yaml);
      engine.useRules(book);
      adoptedRules = yaml;
      emit(OutputWriter.rulesAdopted(where, book.version()));
    } catch (RuleFileException
        | RuntimeException e) { // never a poison pill: the record is re-read after a restore
      LOG.warn("rule file at {} refused: {}", where, e.getMessage());
      emit(OutputWriter.rulesRefused(where, String.valueOf(e.getMessage())));
    }
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    entities.emit(engine, false, this::emit);
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    state.update(java.util.List.of(snapshot()));
  }

  @Override
  public void endInput() {
    long sent = entities.emit(engine, true, this::emit);
    var byType = engine.stats().eventsByType();
    emit(OutputWriter.summary(counts, t -> byType.getOrDefault(t, 0L), sent));
  }

  private void emit(Output o) {
    output.collect(reuse.replace(o));
  }

  /**
   * The engine's configuration: the job's, reading text through {@link #content} when it has a
   * content model.
   */
  private EngineConfig engineConfig(@Nullable String adopted) {
    ContentClassifier classifier = settings.contentClassifier();
    content = classifier == null ? null : new ClassifiedText(classifier);
    return settings.engineConfig(adopted, content);
  }

  /**
   * Counters, the adopted rule file, seen-id hashes, then the engine snapshot (last: it reads its
   * stream through a buffer).
   */
  private byte[] snapshot() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(STATE_VERSION);
    out.writeBoolean(adoptedRules != null);
    if (adoptedRules != null) {
      byte[] yaml = adoptedRules.getBytes(StandardCharsets.UTF_8);
      out.writeInt(yaml.length);
      out.write(yaml);
    }
    for (long c : counts) {
      out.writeLong(c);
    }
    seen.write(out);
    out.flush();
    engine.writeSnapshot(bytes);
    return bytes.toByteArray();
  }

  private void restore(byte[] blob) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob));
    int version = in.readInt();
    if (version != STATE_VERSION) {
      throw new IOException("unsupported scoring state version " + version);
    }
    if (in.readBoolean()) {
      byte[] yaml = new byte[in.readInt()];
      in.readFully(yaml);
      adoptedRules = new String(yaml, StandardCharsets.UTF_8);
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] = in.readLong();
    }
    seen = SeenIds.read(in, settings.dedupeWindowMs(), System::currentTimeMillis);
    engine = Engine.readSnapshot(in, engineConfig(adoptedRules));
  }
}
