package org.fanzha.flink.keyed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads the requests of a local replay back into the job ({@link LocalFeedback}), as one split, and
 * ends when the run is over (decision 0023). Bounded: a local replay's job finishes when its input
 * and its requests are done.
 */
public final class FeedbackSource
    implements Source<Hop, FeedbackSource.Split, Collection<FeedbackSource.Split>>,
        ResultTypeQueryable<Hop> {
  private static final long serialVersionUID = 1L;

  private final String run;

  public FeedbackSource(String run) {
    this.run = run;
  }

  /** The one split: the run's channel. */
  public static final class Split implements SourceSplit {
    private final String run;

    Split(String run) {
      this.run = run;
    }

    @Override
    public String splitId() {
      return run;
    }
  }

  /**
   * Reads the run's channel once it holds the split, and ends when the run is over (or when it is
   * told there is no split for it); between requests the task sleeps on the channel's next change
   * rather than polling it. Its own reader, not Flink's iterator reader: that one takes a new
   * split's first record without asking whether there is one, and a short file's run can be over
   * before this source starts.
   */
  static final class Reader implements SourceReader<Hop, Split> {
    private final SourceReaderContext context;
    private @Nullable Split split;
    private boolean noMoreSplits;
    private static final CompletableFuture<Void> NOW = CompletableFuture.completedFuture(null);

    /** Completed when a split or the word that none will come arrives. */
    private CompletableFuture<Void> assigned = new CompletableFuture<>();

    /** What the task waits on after {@link #pollNext} found nothing. */
    private CompletableFuture<Void> waiting = assigned;

    Reader(SourceReaderContext context) {
      this.context = context;
    }

    @Override
    public void start() {
      context.sendSplitRequest();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<Hop> output) {
      Split s = split;
      if (s == null) {
        if (noMoreSplits) {
          return InputStatus.END_OF_INPUT;
        }
        waiting = assigned = new CompletableFuture<>();
        return InputStatus.NOTHING_AVAILABLE; // until a split or the word that none will come
      }
      LocalFeedback channel = LocalFeedback.of(s.run);
      CompletableFuture<Void> change = channel.nextChange(); // before looking: none is missed
      Hop next = channel.poll();
      if (next != null) {
        output.collect(next);
        waiting = NOW;
        return InputStatus.MORE_AVAILABLE;
      }
      if (channel.over()) {
        split = null;
        context.sendSplitRequest(); // the enumerator answers that there are no more
        waiting = assigned = new CompletableFuture<>();
        return InputStatus.NOTHING_AVAILABLE;
      }
      waiting = change; // the task sleeps until a request comes or the run may be over
      return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public List<Split> snapshotState(long checkpointId) {
      Split s = split;
      return s == null ? List.of() : List.of(s);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return waiting;
    }

    @Override
    public void addSplits(List<Split> splits) {
      if (!splits.isEmpty()) {
        split = splits.get(0); // one split a run
      }
      assigned.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
      noMoreSplits = true;
      assigned.complete(null);
    }

    @Override
    public void close() {}
  }

  /** Hands the one split to the first reader that asks, and tells the others there is none. */
  static final class Enumerator implements SplitEnumerator<Split, Collection<Split>> {
    private final SplitEnumeratorContext<Split> context;
    private final ArrayDeque<Split> left;

    Enumerator(SplitEnumeratorContext<Split> context, Collection<Split> left) {
      this.context = context;
      this.left = new ArrayDeque<>(left);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtask, @Nullable String host) {
      Split s = left.poll();
      if (s == null) {
        context.signalNoMoreSplits(subtask);
      } else {
        context.assignSplit(s, subtask);
      }
    }

    @Override
    public void addSplitsBack(List<Split> splits, int subtask) {
      left.addAll(splits);
    }

    @Override
    public void addReader(int subtask) {}

    @Override
    public Collection<Split> snapshotState(long checkpointId) {
      return new ArrayList<>(left);
    }

    @Override
    public void close() {}
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<Hop, Split> createReader(SourceReaderContext context) {
    return new Reader(context);
  }

  @Override
  public SplitEnumerator<Split, Collection<Split>> createEnumerator(
      SplitEnumeratorContext<Split> context) {
    return new Enumerator(context, List.of(new Split(run)));
  }

  @Override
  public SplitEnumerator<Split, Collection<Split>> restoreEnumerator(
      SplitEnumeratorContext<Split> context, Collection<Split> splits) {
    return new Enumerator(context, splits);
  }

  @Override
  public SimpleVersionedSerializer<Split> getSplitSerializer() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(Split split) {
        return split.run.getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public Split deserialize(int version, byte[] bytes) {
        return new Split(new String(bytes, StandardCharsets.UTF_8));
      }
    };
  }

  @Override
  public SimpleVersionedSerializer<Collection<Split>> getEnumeratorCheckpointSerializer() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(Collection<Split> splits) {
        return String.join("\n", splits.stream().map(s -> s.run).toList())
            .getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public Collection<Split> deserialize(int version, byte[] bytes) throws IOException {
        List<Split> out = new ArrayList<>();
        for (String r : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
          if (!r.isEmpty()) {
            out.add(new Split(r));
          }
        }
        return out;
      }
    };
  }

  @Override
  public TypeInformation<Hop> getProducedType() {
    return TypeInformation.of(Hop.class);
  }
}
