package org.fanzha.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.TransferEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gang ids, and worlds whose gangs keep apart: money never moves between two gangs' accounts and a
 * farm card calls from its own gang's handsets; in the default world both cross gangs.
 */
class GangsApartTest {
  static final SimConfig APART = SmallWorld.CONFIG.toBuilder().gangsApart(true).build();

  @TempDir Path tmp;

  /** Transfers between two gang-owned accounts, and how many of them cross gangs. */
  private static int[] moneyBetweenGangs(World w) {
    Map<String, Integer> gangs = w.gangs();
    int[] both = {0, 0};
    w.forEachEvent(
        e -> {
          if (e instanceof TransferEvent t) {
            Integer a = gangs.get("account:" + t.from());
            Integer b = gangs.get("account:" + t.to());
            if (a != null && b != null) {
              both[0]++;
              both[1] += a.equals(b) ? 0 : 1;
            }
          }
        });
    return both;
  }

  /** Calls from a gang's number on a gang's handset, and how many of them pair two gangs. */
  private static int[] farmCallsAcrossGangs(World w) {
    Map<String, Integer> gangs = w.gangs();
    int[] both = {0, 0};
    w.forEachEvent(
        e -> {
          if (e instanceof CallEvent c && c.callerImei() != null) {
            Integer number = gangs.get("phone:" + c.caller());
            Integer handset = gangs.get("device:" + c.callerImei());
            if (number != null && handset != null) {
              both[0]++;
              both[1] += number.equals(handset) ? 0 : 1;
            }
          }
        });
    return both;
  }

  @Test
  void apartTheMoneyAndTheFarmsStayWithinEachGang() {
    World w = World.generate(APART);
    int[] money = moneyBetweenGangs(w);
    int[] calls = farmCallsAcrossGangs(w);
    assertThat(money[0]).as("mule hops").isGreaterThan(50);
    assertThat(money[1]).as("hops between two gangs").isZero();
    assertThat(calls[0]).as("farm calls").isGreaterThan(100);
    assertThat(calls[1]).as("farm calls on another gang's card").isZero();
    assertThat(w.gangs().values()).containsAll(List.of(0, 1, 2, 3));
  }

  @Test
  void byDefaultTheTradeIsLinkedAcrossGangs() {
    int[] money = moneyBetweenGangs(SmallWorld.world());
    int[] calls = farmCallsAcrossGangs(SmallWorld.world());
    assertThat(money[1]).as("hops between two gangs").isGreaterThan(0);
    assertThat(calls[1]).as("farm calls on another dealer's card").isGreaterThan(0);
  }

  @Test
  void everyMuleAndDealerHolderHasAGangAndTheFileListsThem() throws Exception {
    World w = World.generate(APART);
    for (String mule : w.truth().entities(EntityKind.ACCOUNT, Role.MULE)) {
      if (!mule.startsWith("usdt:")) { // an OTC trader's wallet buys from every gang
        assertThat(w.gangs()).containsKey("account:" + mule);
      }
    }
    for (String holder : w.truth().entities(EntityKind.HOLDER, Role.CARD_DEALER)) {
      assertThat(w.gangs()).containsKey("holder:" + holder);
    }
    Path events = tmp.resolve("w.ndjson");
    Simulator.writeFiles(APART, events);
    List<String> lines = Files.readAllLines(Simulator.gangsFileFor(events));
    assertThat(lines).hasSize(w.gangs().size());
    assertThat(lines.get(0))
        .matches("\\{\"entity_kind\":\"[a-z_]+\",\"entity\":\"[^\"]+\",\"gang\":\\d+}");
  }
}
