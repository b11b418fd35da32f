package org.fanzha.server.clues;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fanzha.core.event.ListKind;
import org.fanzha.store.Institution;
import org.jspecify.annotations.Nullable;

/**
 * Routing of leads: a receiver can act on the target, serves it and answers for its region; more
 * severity never loses a receiver; a police unit of the region always receives; a lead of unknown
 * region reaches only those who answer for everywhere.
 */
class ClueRouterProperties {

  record Case(
      Institution institution,
      ListKind target,
      String value,
      String severity,
      @Nullable String region) {}

  @Property(tries = 2000)
  void aReceiverActsOnServesAndCoversTheLead(@ForAll("cases") Case c) {
    Institution i = c.institution();
    boolean receives = ClueRouter.receives(i, c.target(), c.value(), c.severity(), c.region());
    if (receives) {
      assertThat(ClueRouter.actsOn(i.kind(), c.target())).isTrue();
      assertThat(
              i.regions().isEmpty()
                  || (c.region() != null && i.regions().stream().anyMatch(c.region()::startsWith)))
          .isTrue();
      assertThat(ClueRouter.SEVERITIES.indexOf(c.severity()))
          .isGreaterThanOrEqualTo(ClueRouter.SEVERITIES.indexOf(i.minSeverity()));
      if (c.target() == ListKind.ACCOUNT && !i.prefixes().isEmpty()) {
        assertThat(i.prefixes().stream().anyMatch(c.value()::startsWith)).isTrue();
      }
    }
  }

  @Property(tries = 1000)
  void moreSeverityNeverLosesAReceiver(@ForAll("cases") Case c) {
    if (ClueRouter.receives(c.institution(), c.target(), c.value(), c.severity(), c.region())) {
      for (String higher :
          ClueRouter.SEVERITIES.subList(ClueRouter.SEVERITIES.indexOf(c.severity()), 3)) {
        assertThat(ClueRouter.receives(c.institution(), c.target(), c.value(), higher, c.region()))
            .isTrue();
      }
    }
  }

  @Property(tries = 1000)
  void thePoliceOfTheRegionReceiveAnyTarget(@ForAll("cases") Case c) {
    if (c.region() == null) {
      return;
    }
    Institution police =
        new Institution(
            "P",
            "unit",
            ClueRouter.POLICE,
            List.of(c.region().substring(0, 4)),
            List.of(),
            ClueRouter.LOW,
            null,
            null,
            0,
            "admin");
    assertThat(
            ClueRouter.receivers(List.of(police), c.target(), c.value(), c.severity(), c.region()))
        .containsExactly(police);
    Institution elsewhere =
        new Institution(
            "Q",
            "unit",
            ClueRouter.POLICE,
            List.of("99"),
            List.of(),
            ClueRouter.LOW,
            null,
            null,
            0,
            "admin");
    assertThat(
            ClueRouter.receivers(
                List.of(elsewhere), c.target(), c.value(), c.severity(), c.region()))
        .isEmpty();
    Institution national =
        new Institution(
            "N",
            "bank",
            ClueRouter.BANK,
            List.of(),
            List.of(),
            ClueRouter.LOW,
            null,
            null,
            0,
            "admin");
    assertThat(ClueRouter.receives(national, c.target(), c.value(), c.severity(), null))
        .isEqualTo(c.target() == ListKind.ACCOUNT);
  }

  @Property(tries = 300)
  void aDomainPrefixServesItsSubdomainsAndNoLookAlike(
      @ForAll("labels") String sub, @ForAll("labels") String name) {
    String domain = name + ".cn";
    assertThat(ClueRouter.serves(List.of(domain), ListKind.DOMAIN, domain)).isTrue();
    assertThat(ClueRouter.serves(List.of(domain), ListKind.DOMAIN, sub + "." + domain)).isTrue();
    assertThat(
            ClueRouter.serves(
                List.of(domain), ListKind.URL, "https://" + sub + "." + domain + "/pay?x=1"))
        .isTrue();
    assertThat(ClueRouter.serves(List.of(domain), ListKind.DOMAIN, sub + name + ".cn")).isFalse();
    assertThat(ClueRouter.serves(List.of(domain), ListKind.URL, "https://" + domain + ".evil.com/"))
        .isFalse();
  }

  @Provide
  Arbitrary<String> labels() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<String> region = Arbitraries.of("410402", "410403", "330102", "110101");
    Arbitrary<Institution> institution =
        Combinators.combine(
                Arbitraries.of(ClueRouter.KINDS),
                region.map(r -> r.substring(0, 2)).list().ofMaxSize(2),
                Arbitraries.of("6217", "6228", "138", "139").list().ofMaxSize(2),
                Arbitraries.of(ClueRouter.SEVERITIES))
            .as(
                (kind, regions, prefixes, min) ->
                    new Institution("I", "x", kind, regions, prefixes, min, null, null, 0, "a"));
    Arbitrary<ListKind> target = Arbitraries.of(ListKind.class);
    Arbitrary<String> value =
        Arbitraries.of(
            "6217000010001234569",
            "6228480010001234567",
            "+8613800138000",
            "+8613912345678",
            "pay.example.cn");
    return Combinators.combine(
            institution,
            target,
            value,
            Arbitraries.of(ClueRouter.SEVERITIES),
            region.injectNull(0.2))
        .as(Case::new);
  }
}
