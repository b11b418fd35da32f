package org.fanzha.store;

import java.util.List;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.Channel;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.ReportTarget;
import org.fanzha.core.event.TargetKind;
import org.fanzha.core.event.TransferEvent;

/** The store tests' vocabulary of events. */
final class TestEvents {

  /** 2026-11-27T09:00:00+08:00. */
  static final long T0 = 1_795_741_200_000L;

  static final String VICTIM_PHONE = "+8613800138000";
  static final String FRAUD_PHONE = "+8617012345678";
  static final String VICTIM_ACCOUNT = "622202020011223";
  static final String MULE_ACCOUNT = "621700001000123";

  private TestEvents() {}

  static CallEvent fraudCallsVictim(String id, long ts) {
    return new CallEvent(
        id,
        ts,
        "op1",
        FRAUD_PHONE,
        VICTIM_PHONE,
        412,
        null,
        "410400",
        "86123456789012",
        null,
        null);
  }

  static TransferEvent victimPaysMule(String id, long ts, long fen) {
    return new TransferEvent(
        id,
        ts,
        null,
        VICTIM_ACCOUNT,
        MULE_ACCOUNT,
        fen,
        "CNY",
        Channel.MOBILE,
        VICTIM_PHONE,
        "张三",
        "dev-1",
        "10.0.0.1",
        "410400");
  }

  static OpeningEvent muleOpensAccount(String id, long ts) {
    return new OpeningEvent(
        id,
        ts,
        null,
        OpeningKind.BANK_ACCOUNT,
        MULE_ACCOUNT,
        "11010519491231002X",
        null,
        "410400",
        null,
        null,
        "branch-7");
  }

  static ReportEvent victimReports(String id, long ts) {
    return new ReportEvent(
        id,
        ts,
        null,
        List.of(
            new ReportTarget(TargetKind.PHONE, FRAUD_PHONE),
            new ReportTarget(TargetKind.URL, "http://fake.example")),
        VICTIM_PHONE,
        "410400",
        null,
        "投资诈骗",
        4_900_000,
        List.of("t1"));
  }
}
