package org.fanzha.flink.keyed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
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
  public static final class Split implements IteratorSourceSplit<Hop, Requests> {
    private final String run;

    Split(String run) {
      this.run = run;
    }

    @Override
    public String splitId() {
      return run;
    }

    @Override
    public Requests getIterator() {
      return new Requests(LocalFeedback.of(run));
    }

    @Override
    public IteratorSourceSplit<Hop, Requests> getUpdatedSplitForIterator(Requests iterator) {
      return this;
    }
  }

  /** The run's requests, as they come; no more once the run is over. */
  public static final class Requests implements Iterator<Hop> {
    private final LocalFeedback channel;
    private @Nullable Hop next;

    Requests(LocalFeedback channel) {
      this.channel = channel;
    }

    @Override
    public boolean hasNext() {
      try {
        while (next == null) {
          next = channel.next(2);
          if (next == null && channel.over()) {
            return false;
          }
        }
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    @Override
    public Hop next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Hop h = Objects.requireNonNull(next); // hasNext() fetched it
      next = null;
      return h;
    }
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<Hop, Split> createReader(SourceReaderContext context) {
    return new IteratorSourceReader<>(context);
  }

  @Override
  public SplitEnumerator<Split, Collection<Split>> createEnumerator(
      SplitEnumeratorContext<Split> context) {
    return new IteratorSourceEnumerator<>(context, List.of(new Split(run)));
  }

  @Override
  public SplitEnumerator<Split, Collection<Split>> restoreEnumerator(
      SplitEnumeratorContext<Split> context, Collection<Split> splits) {
    return new IteratorSourceEnumerator<>(context, splits);
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
