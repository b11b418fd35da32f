package org.fanzha.graph.gangs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.Channel;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.TransferEvent;
import org.junit.jupiter.api.Test;

class GangFinderTest {

  private int seq;
  private final IdentityGraph g = new IdentityGraph();
  private final Map<Node, Set<Role>> suspects = new HashMap<>();

  private static Node phone(String v) {
    return new Node(EntityKind.PHONE, v);
  }

  private static Node account(String v) {
    return new Node(EntityKind.ACCOUNT, v);
  }

  private static Node holder(String v) {
    return new Node(EntityKind.HOLDER, v);
  }

  private void open(OpeningKind kind, String card, String holder, String device, String ip) {
    g.add(
        new OpeningEvent("o" + ++seq, seq, null, kind, card, holder, null, null, device, ip, null));
  }

  private void call(String caller, String imei) {
    g.add(
        new CallEvent(
            "c" + ++seq, seq, null, caller, "+8613900000000", 60, null, null, imei, null, null));
  }

  private void pay(String from, String to, long yuan, String ip, String fromPhone) {
    g.add(
        new TransferEvent(
            "t" + ++seq,
            seq,
            null,
            from,
            to,
            yuan * 100,
            "CNY",
            Channel.MOBILE,
            fromPhone,
            null,
            null,
            ip,
            null));
  }

  private void suspect(Node n, Role role) {
    suspects.put(n, Set.of(role));
  }

  /**
   * Two gangs, each a dealer's cards on a farm handset and a chain of mules, and sixty residents on
   * one public network.
   */
  private void twoGangsAndAPublicNetwork() {
    for (int i = 1; i <= 4; i++) {
      open(OpeningKind.SIM, "+861700000000" + i, "H1", "D-farm", "I-gang-a");
      call("+861700000000" + i, "D-farm");
    }
    open(OpeningKind.BANK_ACCOUNT, "M1", "H2", "D-mules", "I-gang-a");
    open(OpeningKind.BANK_ACCOUNT, "M2", "H2", "D-mules", "I-gang-a");
    pay("V1", "M1", 30_000, "I-home-1", "+8613800000001");
    pay("V2", "M1", 12_000, "I-home-2", "+8613800000002");
    pay("M1", "M2", 40_000, "I-public", null);
    for (int i = 5; i <= 6; i++) {
      open(OpeningKind.SIM, "+861700000000" + i, "H3", "D-farm-b", "I-gang-b");
    }
    open(OpeningKind.BANK_ACCOUNT, "M3", "H4", "D-b-mules", "I-gang-b");
    pay("V3", "M3", 5_000, "I-home-3", "+8613800000003");
    pay("M3", "X-desk", 5_000, "I-public", null);
    for (int r = 0; r < 60; r++) {
      pay("R" + r, "SHOP" + (r % 7), 50, "I-public", null); // a café's Wi-Fi: a hub, joins nothing
    }
    pay("M1", "SHOP1", 20, "I-public", null);
    suspect(holder("H1"), Role.CARD_DEALER);
    suspect(phone("+8617000000001"), Role.FRAUD_NUMBER);
    suspect(phone("+8617000000002"), Role.FRAUD_NUMBER);
    suspect(account("M1"), Role.MULE);
    suspect(account("M2"), Role.MULE);
    suspect(holder("H3"), Role.CARD_DEALER);
    suspect(phone("+8617000000005"), Role.FRAUD_NUMBER);
    suspect(account("M3"), Role.MULE);
  }

  private static Map<String, String> roles(Gang gang) {
    Map<String, String> out = new HashMap<>();
    for (Gang.Member m : gang.members()) {
      out.put(m.node().value(), m.role() + (m.tier() > 0 ? m.tier() : ""));
    }
    return out;
  }

  @Test
  void twoGangsAreToldApart_withTheirRolesVictimsAndLoss_andThePublicNetworkJoinsNothing() {
    twoGangsAndAPublicNetwork();
    List<Gang> gangs = new GangFinder(GangFinder.Settings.DEFAULT).find(g, suspects);
    assertThat(gangs).hasSize(2);
    Gang a = gangs.get(0);
    assertThat(roles(a))
        .containsEntry("H1", "dealer")
        .containsEntry("D-farm", "farm")
        .containsEntry("+8617000000001", "caller")
        .containsEntry("+8617000000003", "card")
        .containsEntry("M1", "mule1")
        .containsEntry("M2", "mule2")
        .containsEntry("H2", "holder")
        .containsEntry("I-gang-a", "infrastructure")
        .doesNotContainKeys("V1", "V2", "I-public", "R0", "SHOP1", "H3", "M3", "D-mules");
    assertThat(a.victims()).extracting(v -> v.account().value()).containsExactly("V1", "V2");
    assertThat(a.victims().get(0).phone()).isEqualTo(phone("+8613800000001"));
    assertThat(a.lossFen()).isEqualTo(42_000 * 100L);
    assertThat(a.actFirst())
        .startsWith(holder("H1"), new Node(EntityKind.DEVICE, "D-farm"), account("M1"));
    assertThat(a.links()).anySatisfy(l -> assertThat(l.fen()).isEqualTo(40_000 * 100L));

    Gang b = gangs.get(1);
    assertThat(roles(b))
        .containsEntry("H3", "dealer")
        .containsEntry("M3", "mule1")
        .doesNotContainKey("X-desk");
    assertThat(b.lossFen()).isEqualTo(5_000 * 100L);
  }

  @Test
  void withoutSuspectsThereIsNoGang() {
    twoGangsAndAPublicNetwork();
    assertThat(new GangFinder(GangFinder.Settings.DEFAULT).find(g, Map.of())).isEmpty();
  }

  @Property(tries = 100)
  void gangsAreDisjoint_eachHoldsASuspect_andEveryMemberIsLinkedToOneOrSharedInfrastructure(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 5, max = 120) int events) {
    java.util.Random r = new java.util.Random(seed);
    IdentityGraph graph = new IdentityGraph();
    Map<Node, Set<Role>> s = new HashMap<>();
    for (int i = 0; i < events; i++) {
      String card = "+86170" + r.nextInt(30);
      switch (r.nextInt(3)) {
        case 0 ->
            graph.add(
                new OpeningEvent(
                    "o" + i,
                    i,
                    null,
                    r.nextBoolean() ? OpeningKind.SIM : OpeningKind.BANK_ACCOUNT,
                    r.nextBoolean() ? card : "A" + r.nextInt(30),
                    "H" + r.nextInt(10),
                    null,
                    null,
                    "D" + r.nextInt(8),
                    "I" + r.nextInt(8),
                    null));
        case 1 ->
            graph.add(
                new CallEvent(
                    "c" + i,
                    i,
                    null,
                    card,
                    "+86139" + r.nextInt(30),
                    30,
                    null,
                    null,
                    "D" + r.nextInt(8),
                    null,
                    null));
        default ->
            graph.add(
                new TransferEvent(
                    "t" + i,
                    i,
                    null,
                    "A" + r.nextInt(30),
                    "A" + r.nextInt(30),
                    100 + r.nextInt(10_000),
                    "CNY",
                    Channel.MOBILE,
                    null,
                    null,
                    null,
                    "I" + r.nextInt(8),
                    null));
      }
    }
    for (int i = 0; i < 8; i++) {
      Node n =
          switch (r.nextInt(3)) {
            case 0 -> new Node(EntityKind.PHONE, "+86170" + r.nextInt(30));
            case 1 -> new Node(EntityKind.ACCOUNT, "A" + r.nextInt(30));
            default -> new Node(EntityKind.HOLDER, "H" + r.nextInt(10));
          };
      s.put(
          n,
          Set.of(
              n.kind() == EntityKind.PHONE
                  ? Role.FRAUD_NUMBER
                  : n.kind() == EntityKind.ACCOUNT ? Role.MULE : Role.CARD_DEALER));
    }
    Set<Node> seen = new HashSet<>();
    for (Gang gang : new GangFinder(new GangFinder.Settings(6, 12, 3)).find(graph, s)) {
      assertThat(gang.members()).anySatisfy(m -> assertThat(s).containsKey(m.node()));
      for (Gang.Member m : gang.members()) {
        assertThat(seen.add(m.node())).as("in one gang only: " + m.node()).isTrue();
        switch (m.node().kind()) {
          case HOLDER ->
              assertThat(
                      s.containsKey(m.node())
                          || graph
                              .neighbours(graph.find(m.node()))
                              .intStream()
                              .anyMatch(n -> s.containsKey(graph.node(n))))
                  .as("a suspect or a suspect's holder")
                  .isTrue();
          case DEVICE, IP ->
              assertThat(graph.neighbours(graph.find(m.node())).size()).isLessThanOrEqualTo(6);
          default ->
              assertThat(
                      s.containsKey(m.node())
                          || graph
                              .neighbours(graph.find(m.node()))
                              .intStream()
                              .anyMatch(
                                  n ->
                                      graph.node(n).kind() == EntityKind.HOLDER
                                          && s.containsKey(graph.node(n))))
                  .as("a suspect or a suspected holder's card")
                  .isTrue();
        }
      }
      assertThat(gang.victims())
          .allSatisfy(
              v ->
                  assertThat(
                          seen.contains(v.account())
                              || gang.members().stream()
                                  .noneMatch(m -> m.node().equals(v.account())))
                      .isTrue());
    }
  }

  /**
   * A linked trade too large for modularity alone (3,200 mule accounts: eight rings of money that
   * one transfer each joins) is cut first by label propagation: no gang mixes two rings, none is
   * larger than a ring.
   */
  @Test
  void aTradeTooLargeForModularityIsCutAlongItsRings() {
    int rings = 8;
    int size = 400;
    java.util.Random r = new java.util.Random(7);
    IdentityGraph graph = new IdentityGraph();
    Map<Node, Set<Role>> s = new HashMap<>();
    int n = 0;
    for (int ring = 0; ring < rings; ring++) {
      for (int i = 0; i < size; i++) {
        s.put(account("R" + ring + "-" + i), Set.of(Role.MULE));
        for (int k = 0; k < 6; k++) {
          graph.add(pay("t" + n++, "R" + ring + "-" + i, "R" + ring + "-" + r.nextInt(size)));
        }
      }
      graph.add(pay("t" + n++, "R" + ring + "-0", "R" + (ring + 1) % rings + "-1"));
    }
    assertThat(rings * size).isGreaterThan(GangFinder.MAX_MODULARITY_MEMBERS);

    List<Gang> gangs = new GangFinder(GangFinder.Settings.DEFAULT).find(graph, s);

    assertThat(gangs).hasSizeGreaterThanOrEqualTo(rings);
    int mixed = 0;
    int members = 0;
    for (Gang gang : gangs) {
      Set<String> ringsIn = new HashSet<>();
      for (Gang.Member m : gang.members()) {
        ringsIn.add(m.node().value().substring(0, m.node().value().indexOf('-')));
      }
      mixed += ringsIn.size() > 1 ? 1 : 0;
      members += gang.members().size();
      assertThat(gang.members().size()).isLessThanOrEqualTo(size);
    }
    assertThat(mixed).as("gangs mixing two rings").isLessThanOrEqualTo(1);
    assertThat(members).as("every account in a gang").isEqualTo(rings * size);
  }

  private static TransferEvent pay(String id, String from, String to) {
    return pay(id, from, to, 10_000);
  }

  private static TransferEvent pay(String id, String from, String to, long fen) {
    return new TransferEvent(
        id, 0, null, from, to, fen, "CNY", Channel.MOBILE, null, null, null, null, null);
  }

  /**
   * An OTC trader that buys from two gangs' last mules joins neither to the other: it goes with the
   * gang that paid it most.
   */
  @Test
  void aCashOutPointServingTwoGangsJoinsNeither() {
    IdentityGraph graph = new IdentityGraph();
    Map<Node, Set<Role>> s = new HashMap<>();
    int n = 0;
    for (String gang : List.of("A", "B")) {
      for (int i = 0; i < 4; i++) {
        s.put(account(gang + i), Set.of(Role.MULE));
        if (i > 0) {
          graph.add(pay("t" + n++, gang + (i - 1), gang + i, 50_000));
        }
      }
      graph.add(pay("t" + n++, gang + "3", "usdt:OTC", gang.equals("A") ? 90_000 : 40_000));
    }
    s.put(account("usdt:OTC"), Set.of(Role.MULE));

    List<Gang> gangs = new GangFinder(GangFinder.Settings.DEFAULT).find(graph, s);

    assertThat(gangs).hasSize(2);
    for (Gang gang : gangs) {
      Set<Character> prefixes = new HashSet<>();
      gang.members().stream()
          .map(m -> m.node().value())
          .filter(v -> !v.startsWith("usdt:"))
          .forEach(v -> prefixes.add(v.charAt(0)));
      assertThat(prefixes).as("one gang's mules: " + gang.members()).hasSize(1);
      boolean hasOtc = gang.members().stream().anyMatch(m -> m.node().value().equals("usdt:OTC"));
      assertThat(hasOtc)
          .as("the trader goes with A, which paid it most")
          .isEqualTo(prefixes.contains('A'));
    }
  }
}
