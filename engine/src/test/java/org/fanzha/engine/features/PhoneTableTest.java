package org.fanzha.engine.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.fanzha.core.event.Role;
import org.junit.jupiter.api.Test;

class PhoneTableTest {

  private static final long T0 = 1_795_741_200_000L;

  @Test
  void reported_packedCounts_saturateWithoutTouchingTheirNeighbours() {
    PhoneTable t = new PhoneTable(4);
    int p = t.intern("+8613800138000");
    for (int i = 0; i < 70_000; i++) {
      t.reported(p, i < 3);
    }
    t.linkVictim(p);
    t.spoofed(p);
    t.spoofed(p);
    assertThat(t.reports(p)).isEqualTo(65_535);
    assertThat(t.reporters(p)).isEqualTo(3);
    assertThat(t.victimLinks(p)).isEqualTo(1);
    assertThat(t.spoofedCalls(p)).isEqualTo(2);
  }

  @Test
  void flagsAndFraudType_shareAWordIndependently() {
    PhoneTable t = new PhoneTable(4);
    int p = t.intern("+8613800138000");
    t.setFlags(p, PhoneTable.FLAG_EPISODE | PhoneTable.FLAG_LISTED);
    t.fraudType(p, 7);
    t.clearFlags(p, PhoneTable.FLAG_LISTED);
    assertThat(t.flags(p)).isEqualTo(PhoneTable.FLAG_EPISODE);
    assertThat(t.fraudType(p)).isEqualTo(7);
    t.fraudType(p, 2);
    assertThat(t.flags(p)).isEqualTo(PhoneTable.FLAG_EPISODE);
    assertThat(t.fraudType(p)).isEqualTo(2);
  }

  @Test
  void risk_heldInTheSlice_staysApartFromTheFeaturesOfTheNextPhone() {
    PhoneTable t = new PhoneTable(4);
    int[] ids = new int[600]; // more than two pages of 256
    for (int i = 0; i < ids.length; i++) {
      ids[i] = t.intern("+86138" + (10_000_000 + i));
      t.setFlags(ids[i], PhoneTable.FLAG_WHITELISTED);
      t.add(ids[i], t.slot(ids[i], T0), PhoneTable.OUT);
    }
    long mask = 1L << 40 | 5;
    assertThat(t.raise(ids[300], 95, mask, FeatureTable.bit(Role.FRAUD_NUMBER))).isTrue();
    assertThat(t.score(ids[300])).isEqualTo(95);
    assertThat(t.reasonMask(ids[300])).isEqualTo(mask);
    assertThat(t.hasRole(ids[300], Role.FRAUD_NUMBER)).isTrue();
    for (int i = 0; i < ids.length; i++) {
      assertThat(t.flags(ids[i])).isEqualTo(PhoneTable.FLAG_WHITELISTED);
      assertThat(t.sum(ids[i], PhoneTable.OUT, T0)).isEqualTo(1);
      if (i != 300) {
        assertThat(t.score(ids[i])).isZero();
        assertThat(t.reasonMask(ids[i])).isZero();
      }
    }
    assertThat(t.size()).isEqualTo(600);
    assertThat(t.name(ids[599])).isEqualTo("+8613810000599");
  }

  /**
   * Snapshots before format 10 kept the handset's and cell's ids where the counts are now kept:
   * read as counts.
   */
  @Test
  void countsFromIds_turnsAnOlderSnapshotsHandsetAndCellIdsIntoTheirCounts() {
    NodeTable devices = new NodeTable(4);
    CellTable cells = new CellTable(4);
    int shared = devices.intern("IMEI-SHARED");
    int cell = cells.intern("CELL-1");
    for (int phone = 0; phone < 5; phone++) {
      devices.usedByPhone(shared, T0, phone);
      cells.usedByPhone(cell, T0, phone);
    }
    PhoneTable t = new PhoneTable(4);
    int p = t.intern("+8613800138000");
    int q = t.intern("+8613800138001");
    t.usedDevice(p, shared, cell); // what format 9 held: the ids, + 1
    t.countsFromIds(devices, cells, T0);
    assertThat(t.imeiPhones(p)).isEqualTo(devices.phones(shared, T0)).isGreaterThanOrEqualTo(4);
    assertThat(t.cellPhones(p)).isEqualTo(cells.phones(cell, T0)).isGreaterThanOrEqualTo(4);
    assertThat(t.imeiPhones(q)).isZero();
    assertThat(t.cellPhones(q)).isZero();
  }

  @Property(tries = 200)
  void activeDays_countsTheDistinctDaysOfCallsOrMessagesInTheLast30(
      @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 120) Integer> days,
      @ForAll @IntRange(min = 0, max = 40) int queriedAfter) {
    PhoneTable t = new PhoneTable(4);
    int p = t.intern("+8613800138000");
    long day = 86_400_000L;
    long start =
        FeatureTable.EPOCH_BASE_MS
            + 2_000 * day
            + 3_600_000L; // a day boundary of the table's count, +1 h
    for (int d : days) {
      t.active(p, start + d * day + 600_000L * (d % 7));
    }
    int newest = days.stream().mapToInt(Integer::intValue).max().orElseThrow();
    int queried = newest + queriedAfter;
    long expected =
        days.stream()
            .mapToInt(Integer::intValue)
            .filter(d -> queried - d < PhoneTable.ACTIVE_SPAN_DAYS)
            .distinct()
            .count();
    assertThat(t.activeDays(p, start + queried * day)).isEqualTo((int) expected);
  }

  @Test
  void read_ofASnapshotWrittenBeforeTheActiveDays_keepsEveryOlderWordAndTheRiskAndStartsThemAtZero()
      throws IOException {
    PhoneTable now = new PhoneTable(4);
    int stride = now.bytesPerEntityFeatures() / 4;
    // the two words of the days it called or texted, the four of its handset switches and the five
    // of its call sums came last, before the risk; format 14 added the stamp after the risk
    int oldStride = stride - 12;
    String[] names =
        IntStream.range(0, 300).mapToObj(i -> "+86138" + (10_000_000 + i)).toArray(String[]::new);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(oldStride);
    out.writeInt(names.length);
    for (String n : names) {
      Snapshots.writeString(out, n);
    }
    out.writeInt(names.length * oldStride);
    int[] slices = new int[names.length * oldStride];
    for (int i = 0; i < names.length; i++) {
      int b = i * oldStride;
      slices[b + PhoneTable.REPORTS_REPORTERS] = i + 1; // i + 1 reports, no reporter
      slices[b + oldStride - 3] = 70 + i % 30; // the held score, the first risk word
    }
    Snapshots.writeIntsRaw(out, slices, slices.length);
    PhoneTable read = new PhoneTable(4);
    read.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 13, T0);
    assertThat(read.size()).isEqualTo(names.length);
    for (int i = 0; i < names.length; i++) {
      int p = read.find(names[i]);
      assertThat(read.reports(p)).isEqualTo(i + 1);
      assertThat(read.score(p)).isEqualTo(70 + i % 30);
      assertThat(read.activeDays(p, T0)).isZero();
      assertThat(read.handsetSwitches(p, T0)).isZero();
      assertThat(read.lastSeen(p))
          .as("an older snapshot's entities count as seen at its time")
          .isEqualTo(FeatureTable.sec(T0));
    }
  }

  @Test
  void aSliceFromBeforeTheCallSums_pastedOrReadFromASnapshot_readsTheSameCounts()
      throws IOException {
    PhoneTable now = new PhoneTable(4);
    String[] names = {"+8613800000001", "+8613800000002", "+8613800000003"};
    for (int i = 0; i < names.length; i++) {
      int p = now.intern(names[i]);
      for (int k = 0; k < 20 * (i + 1); k++) {
        long ts = T0 + k * 37 * 60_000L; // over about 12 h: several buckets
        int slot = now.slot(p, ts);
        now.add(p, slot, PhoneTable.OUT);
        now.add(p, slot, k % 3 == 0 ? PhoneTable.ANSWERED : PhoneTable.NIGHT);
      }
    }
    int words = now.sliceWords();
    int sums = 5; // the words of the sums, last before the risk words and the stamp
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(words - sums);
    out.writeInt(names.length);
    for (String n : names) {
      Snapshots.writeString(out, n);
    }
    Snapshots.writeInts(out, new int[0], 0);
    out.writeInt(names.length * (words - sums));
    PhoneTable pasted = new PhoneTable(4);
    for (String n : names) {
      int[] slice = new int[words];
      now.copySlice(now.find(n), slice);
      int[] older = new int[words - sums];
      System.arraycopy(slice, 0, older, 0, words - sums - 4);
      System.arraycopy(slice, words - 4, older, words - sums - 4, 4);
      pasted.pasteSlice(pasted.intern(n), older);
      Snapshots.writeIntsRaw(out, older, older.length);
    }
    PhoneTable read = new PhoneTable(4);
    read.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 16, T0);
    for (int i = 0; i < names.length; i++) {
      long last = T0 + (20 * (i + 1) - 1) * 37 * 60_000L;
      // at the last call (the sums read) and hours later (the buckets added up)
      for (long at : new long[] {last, last + 5 * 3_600_000L}) {
        for (PhoneTable t : List.of(pasted, read)) {
          int[] expected = new int[9];
          int[] actual = new int[9];
          now.sums(now.find(names[i]), at, expected);
          t.sums(t.find(names[i]), at, actual);
          assertThat(actual).as(names[i]).isEqualTo(expected);
          assertThat(expected[PhoneTable.OUT]).isPositive();
        }
      }
    }
  }

  @Test
  void handsetSwitches_countsGoingBackAndForthMinutesApartAndForgetsThemAfterADay() {
    long minute = 60_000L;
    long hour = 60 * minute;
    PhoneTable t = new PhoneTable(4);
    int boxed = t.intern("+8613800000001");
    for (int k = 0; k < 6; k++) { // its own phone, then the SIM box's, every 20 minutes
      t.handset(boxed, k % 2 == 0 ? 11 : 22, T0 + k * 20 * minute, hour);
    }
    assertThat(t.handsetSwitches(boxed, T0 + 2 * hour)).isEqualTo(5);
    t.handset(boxed, 11, T0 + 10 * minute, hour); // a late call changes nothing
    assertThat(t.handsetSwitches(boxed, T0 + 2 * hour)).isEqualTo(5);
    assertThat(t.handsetSwitches(boxed, T0 + 100 * minute + 25 * hour))
        .as("a day after the last")
        .isZero();
    t.handset(boxed, 11, T0 + 30 * hour, hour);
    t.handset(boxed, 22, T0 + 30 * hour + minute, hour);
    assertThat(t.handsetSwitches(boxed, T0 + 30 * hour)).as("a new run starts at one").isEqualTo(1);

    int moved = t.intern("+8613800000002");
    t.handset(moved, 11, T0, hour);
    t.handset(moved, 11, T0 + 5 * minute, hour);
    t.handset(moved, 33, T0 + 10 * minute, hour); // a new phone: one switch, and it stays there
    t.handset(moved, 33, T0 + 20 * minute, hour);
    assertThat(t.handsetSwitches(moved, T0 + hour)).isEqualTo(1);

    int slow = t.intern("+8613800000003");
    for (int k = 0; k < 6; k++) { // a card moved between a work and a home phone, hours apart
      t.handset(slow, k % 2 == 0 ? 11 : 22, T0 + k * 3 * hour, hour);
    }
    assertThat(t.handsetSwitches(slow, T0 + 16 * hour)).isZero();
  }
}
