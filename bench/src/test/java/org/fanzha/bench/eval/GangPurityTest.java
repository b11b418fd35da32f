package org.fanzha.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.fanzha.core.event.EntityKind;
import org.fanzha.graph.gangs.Gang;
import org.fanzha.graph.gangs.Node;
import org.junit.jupiter.api.Test;

class GangPurityTest {

  private static Gang gang(String... accounts) {
    List<Gang.Member> members =
        java.util.Arrays.stream(accounts)
            .map(a -> new Gang.Member(new Node(EntityKind.ACCOUNT, a), "mule", 1))
            .toList();
    return new Gang("G-" + accounts[0], members, List.of(), List.of(), 0, List.of());
  }

  @Test
  void purityCountsMajoritiesAndCompletenessCountsTheLargestPartOfEachTrueGang() {
    Map<String, Integer> truth =
        Map.of("account:a1", 0, "account:a2", 0, "account:a3", 0, "account:b1", 1, "account:b2", 1);
    // found: {a1, a2, b1, x}, {a3}, {b2}; x belongs to no gang
    GangPurity p =
        GangPurity.of(List.of(gang("a1", "a2", "b1", "x"), gang("a3"), gang("b2")), truth);

    assertThat(p.gangs()).isEqualTo(3);
    assertThat(p.members()).isEqualTo(6);
    assertThat(p.owned()).isEqualTo(5);
    assertThat(p.purity()).as("2 of 3 + 1 + 1, of 5").isCloseTo(4.0 / 5, within(1e-9));
    assertThat(p.completeness())
        .as("gang 0: 2 of 3 together; gang 1: 1 of 2")
        .isCloseTo(3.0 / 5, within(1e-9));
    assertThat(p.trueGangs()).isEqualTo(2);
    assertThat(p.largest()).isEqualTo(4);
  }

  @Test
  void nothingFoundIsNeitherImpureNorIncomplete() {
    GangPurity p = GangPurity.of(List.of(), Map.of("account:a1", 0));
    assertThat(p.purity()).isEqualTo(1.0);
    assertThat(p.completeness()).isEqualTo(1.0);
    assertThat(p.owned()).isZero();
  }
}
