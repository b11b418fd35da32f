package org.fanzha.server.support;

import static org.fanzha.server.support.EventLines.event;

import java.util.ArrayList;
import java.util.List;

/**
 * A small gang as events (ids {@code od-…}): a dealer's five cards on one farm handset, each
 * calling out once, a mule account opened on the gang's network and paid by a victim, and the
 * analysts' labels that make the number, the account and the dealer suspects.
 */
public final class GangWorld {
  public static final long DAY = 86_400_000L;
  public static final String DEALER = "410302199001011235";
  public static final String MULE_HOLDER = "330106198001011235";
  public static final String MULE = "6222020200776655447";

  private GangWorld() {}

  /** The dealer's {@code i}-th card. */
  public static String card(int i) {
    return "+86170000001" + (10 + i);
  }

  /** The gang's events up to {@code now}, oldest first within each kind. */
  public static List<String> events(long now) {
    List<String> events = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      events.add(
          event(
              "opening",
              "od-o" + i,
              now - (40 - i) * DAY,
              "\"kind\":\"sim\",\"account\":\""
                  + card(i)
                  + "\",\"holder\":\""
                  + DEALER
                  + "\",\"device\":\"DEV-FARM\",\"ip\":\"IP-GANG\",\"region\":\"410402\""));
      events.add(
          event(
              "call",
              "od-c" + i,
              now - DAY + i * 60_000,
              "\"caller\":\""
                  + card(i)
                  + "\",\"callee\":\"+8613800000"
                  + (100 + i)
                  + "\",\"duration_s\":20,\"caller_imei\":\"DEV-FARM\""));
    }
    events.add(
        event(
            "opening",
            "od-m1",
            now - 30 * DAY,
            "\"kind\":\"bank_account\",\"account\":\""
                + MULE
                + "\",\"holder\":\""
                + MULE_HOLDER
                + "\",\"device\":\"DEV-MULE\",\"ip\":\"IP-GANG\",\"region\":\"410402\""));
    events.add(
        event(
            "transfer",
            "od-t1",
            now - 2 * 3_600_000,
            "\"from\":\"6217000010776655444\",\"to\":\""
                + MULE
                + "\",\"amount\":\"30000.00\",\"channel\":\"mobile\",\"from_phone\":\"+8613800000101\""));
    events.add(
        event(
            "label",
            "od-l1",
            now - 3_600_000,
            "\"entity_kind\":\"phone\",\"entity\":\"" + card(1) + "\",\"role\":\"fraud_number\""));
    events.add(
        event(
            "label",
            "od-l2",
            now - 3_600_000,
            "\"entity_kind\":\"account\",\"entity\":\"" + MULE + "\",\"role\":\"mule\""));
    events.add(
        event(
            "label",
            "od-l3",
            now - 3_600_000,
            "\"entity_kind\":\"holder\",\"entity\":\"" + DEALER + "\",\"role\":\"card_dealer\""));
    return events;
  }
}
