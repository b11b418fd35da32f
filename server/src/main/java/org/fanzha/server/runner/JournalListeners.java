package org.fanzha.server.runner;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.store.EventJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands journaled events to the {@link JournalListener}s that want their type; a listener's fault
 * is logged and counted.
 */
public final class JournalListeners {
  private static final Logger log = LoggerFactory.getLogger(JournalListeners.class);

  private final List<JournalListener> listeners;
  private final Set<EventType> wanted = EnumSet.noneOf(EventType.class);
  private final AtomicLong errors = new AtomicLong();

  public JournalListeners(List<JournalListener> listeners) {
    this.listeners = List.copyOf(listeners);
    for (JournalListener l : this.listeners) {
      wanted.addAll(l.eventTypes());
    }
  }

  /**
   * Hands over the journal from its start up to {@code uptoSeq}, reading only the types some
   * listener wants.
   */
  public void catchUp(EventJournal journal, long uptoSeq) {
    journal.forEachOfTypes(wanted, 0, uptoSeq, this::journaled);
  }

  /** Hands one journaled event to the listeners that want its type. */
  public void journaled(long seq, Event event) {
    if (!wanted.contains(event.type())) {
      return;
    }
    for (JournalListener l : listeners) {
      if (!l.eventTypes().contains(event.type())) {
        continue;
      }
      try {
        l.onJournaled(seq, event);
      } catch (RuntimeException | Error ex) {
        errors.incrementAndGet();
        log.error(
            "Journal listener {} failed on event {} (seq {})",
            l.getClass().getSimpleName(),
            event.id(),
            seq,
            ex);
      }
    }
  }

  /** Returns how many times a listener threw. */
  public long errors() {
    return errors.get();
  }
}
