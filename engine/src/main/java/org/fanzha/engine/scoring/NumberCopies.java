package org.fanzha.engine.scoring;

import it.unimi.dsi.fastutil.objects.Object2ObjectOpenHashMap;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.fanzha.engine.scoring.NumberView.NumberRisk;

/**
 * A person's share's copies of the numbers' risks that people's steps read (decision 0023): the
 * ACTOR stage owns the numbers and sends a number's risk to every person's task each time what
 * people read of it changes ({@link Request.Link#NUMBER_RISK}); only numbers people could read
 * something of are kept.
 */
final class NumberCopies {
  private final Object2ObjectOpenHashMap<String, NumberRisk> byNumber =
      new Object2ObjectOpenHashMap<>();

  /** Returns the copy held of {@code number}, or {@link NumberRisk#NONE}. */
  NumberRisk of(String number) {
    return byNumber.getOrDefault(number, NumberRisk.NONE);
  }

  /**
   * Keeps {@code risk} as the number's ({@link NumberRisk#NONE}: nothing left to read, the copy is
   * dropped).
   */
  void put(String number, NumberRisk risk) {
    if (risk.equals(NumberRisk.NONE)) {
      byNumber.remove(number);
    } else {
      byNumber.put(number, risk);
    }
  }

  int size() {
    return byNumber.size();
  }

  /** How a copy's reasons are written: as this state's rule bits, or as their rules' codes. */
  interface Reasons {
    void write(DataOutputStream d, long mask) throws IOException;

    long read(DataInputStream d) throws IOException;

    /** As bits: with a whole snapshot, whose rule codes are read with it. */
    Reasons BITS =
        new Reasons() {
          @Override
          public void write(DataOutputStream d, long mask) throws IOException {
            d.writeLong(mask);
          }

          @Override
          public long read(DataInputStream d) throws IOException {
            return d.readLong();
          }
        };
  }

  void write(DataOutputStream d) throws IOException {
    write(d, Reasons.BITS);
  }

  void write(DataOutputStream d, Reasons reasons) throws IOException {
    String[] numbers = byNumber.keySet().toArray(new String[0]);
    java.util.Arrays.sort(numbers); // the same bytes however the map grew
    d.writeInt(numbers.length);
    for (String number : numbers) {
      NumberRisk r = java.util.Objects.requireNonNull(byNumber.get(number));
      d.writeUTF(number);
      d.writeByte(r.score());
      reasons.write(d, r.reasonMask());
      d.writeInt(r.roleMask());
      d.writeInt(r.fraudType());
    }
  }

  void read(DataInputStream d) throws IOException {
    read(d, Reasons.BITS);
  }

  void read(DataInputStream d, Reasons reasons) throws IOException {
    byNumber.clear();
    int n = d.readInt();
    for (int i = 0; i < n; i++) {
      byNumber.put(
          d.readUTF(),
          new NumberRisk(d.readUnsignedByte(), reasons.read(d), d.readInt(), d.readInt()));
    }
  }
}
