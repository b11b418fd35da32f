package org.fanzha.engine.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.fanzha.core.event.Role;
import org.junit.jupiter.api.Test;

class PersonRisksTest {

  /**
   * One offer of risk to one of a few phones: a score (0 is a role given outright), reasons, roles;
   * or a clearing.
   */
  record Offer(int phone, int score, long mask, int roles, boolean clear) {}

  @Provide
  Arbitrary<Offer> offers() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 100),
            Arbitraries.longs(),
            Arbitraries.integers().between(0, 63),
            Arbitraries.integers().between(0, 19))
        .as((p, s, m, r, c) -> new Offer(p, s, m, r, c == 0));
  }

  /**
   * The people's map keeps a phone's risk exactly as a feature table's risk words would, offer
   * after offer.
   */
  @Property(tries = 300)
  void raise_holdsWhatAFeatureTableHolds(
      @ForAll @Size(max = 60) List<@net.jqwik.api.From("offers") Offer> offers) throws IOException {
    PersonRisks people = new PersonRisks();
    PhoneTable table = new PhoneTable(4);
    for (int p = 0; p < 4; p++) {
      table.intern("+861380013800" + p);
    }
    for (Offer o : offers) {
      if (o.clear()) {
        people.clear(o.phone());
        table.setRisk(o.phone(), 0, 0, 0);
      } else {
        people.raise(o.phone(), o.score(), o.mask(), o.roles());
        table.raise(o.phone(), o.score(), o.mask(), o.roles());
      }
    }
    PersonRisks restored = roundTrip(people);
    for (int p = 0; p < 4; p++) {
      for (PersonRisks r : List.of(people, restored)) {
        assertThat(r.score(p)).isEqualTo(table.score(p));
        assertThat(r.roleMask(p)).isEqualTo(table.roleMask(p));
        assertThat(r.reasonMask(p)).isEqualTo(table.reasonMask(p));
      }
    }
  }

  @Test
  void forEach_visitsOnlyPhonesWithSomethingHeld_inAscendingOrder() {
    PersonRisks people = new PersonRisks();
    people.raise(9, 90, 1L, FeatureTable.bit(Role.VICTIM));
    people.raise(2, 0, 0, FeatureTable.bit(Role.VICTIM)); // a role given outright
    people.raise(5, 0, 0, 0); // nothing
    people.raise(7, 45, 2L, 0);
    people.clear(7);
    List<Integer> seen = new ArrayList<>();
    people.forEach(seen::add);
    assertThat(seen).containsExactly(2, 9);
    assertThat(people.size()).isEqualTo(2);
  }

  private static PersonRisks roundTrip(PersonRisks people) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      people.write(out);
    }
    PersonRisks back = new PersonRisks();
    back.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    return back;
  }
}
