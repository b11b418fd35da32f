package org.fanzha.server.funds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.event.Event;
import org.fanzha.server.support.TestDirs;
import org.fanzha.store.AppendResult;
import org.fanzha.store.Database;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A real H2 database in a temp folder and a clock the test moves, for the funds controllers. */
final class FundsTestSupport {

  /** 2026-11-27T10:00+08:00. */
  static final long T0 = Instant.parse("2026-11-27T02:00:00Z").toEpochMilli();

  static final String VICTIM = "622202020011223";
  static final String VICTIM2 = "622202020099887";
  static final String MULE1 = "621700001000123";
  static final String MULE2 = "622848000000777";

  private FundsTestSupport() {}

  /** A clock that stands still until the test moves it. */
  static final class MovableClock extends Clock {
    private volatile long now;

    MovableClock(long now) {
      this.now = now;
    }

    void set(long millis) {
      now = millis;
    }

    void advance(Duration d) {
      now += d.toMillis();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(now);
    }

    @Override
    public long millis() {
      return now;
    }
  }

  @TestConfiguration
  static class Beans {
    @Bean(destroyMethod = "close")
    Database database() {
      return Database.openH2(TestDirs.create("fanzha-funds"));
    }

    @Bean
    MovableClock clock() {
      return new MovableClock(T0);
    }
  }

  static Event event(String json) {
    ParseResult r = new EventCodec().parse(json, 1);
    if (r instanceof ParseResult.Accepted a) {
      return a.event();
    }
    throw new IllegalArgumentException(((ParseResult.Rejected) r).rejection().describe());
  }

  static String transfer(
      String id, String time, String from, String to, String amount, String channel) {
    return "{\"type\":\"transfer\",\"id\":\""
        + id
        + "\",\"ts\":\"2026-11-27T"
        + time
        + ":00+08:00\",\"from\":\""
        + from
        + "\",\"to\":\""
        + to
        + "\",\"amount\":\""
        + amount
        + "\",\"channel\":\""
        + channel
        + "\"}";
  }

  /** Journals the events and feeds them to the graph, as the runner does. */
  static void journal(Database db, FundsService funds, List<Event> events) {
    AppendResult r = db.journal().append(events);
    for (int i = 0; i < events.size(); i++) {
      if (r.seq(i) != 0) {
        funds.onJournaled(r.seq(i), events.get(i));
      }
    }
  }
}
