package org.fanzha.engine.scoring;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * What an event's earlier stages found that its later stages need (decision 0023): the counts a
 * handset carried for the number that used it, the caller's standing for the callee's episode, what
 * the payer's and the payee's accounts say for the paying person, whether the holder is a dealer
 * for the card opened. The embedded runner passes one object along; a keyed runner sends it with
 * the event from operator to operator.
 */
public final class Facts {
  /** What a fresh object holds: a field that differs from it was found by some part. */
  private static final Facts NONE = new Facts();

  // handsets, cells and IPs, for the number or account that used them (-1: not named by the event)
  int imeiPhones;
  int cellPhones;
  int deviceAccounts;
  int ipAccounts;
  int deviceHolders;
  int ipHolders;
  // the caller, for the callee
  boolean longFirst;
  int callerHeld;
  boolean callerFraud;
  boolean callerLinked;
  int callerType;
  // the sender's message, for its receiver (fraud type code, 0: not fraudulent)
  int lureType;
  // a message that only leans toward fraud, for its receiver (fraud type code, 0: none)
  int hintType;
  // the payer's account, for the paying person
  @Nullable String payerPhone;
  boolean newPayee;
  boolean passingOn;
  boolean payerMule;
  boolean payerTainted;

  /**
   * The payer's account received a small sum lately (a brushing gang's "commission" before the real
   * orders).
   */
  boolean rebated;

  boolean fast;
  long yuan;
  // the payee's account as it stood before the transfer
  boolean payeeCash;
  double payeeAgeDays;
  int payeeScore;
  boolean payeeMule;
  @Nullable String payeePhone;
  int payeeType;
  // the holder, for the card opened
  boolean dealer;

  public Facts() {
    clear();
  }

  /** Makes this object hold what {@code other} holds. */
  public void copyOf(Facts other) {
    clear();
    merge(other);
  }

  /** Forgets the previous event's facts. */
  public void clear() {
    imeiPhones = -1;
    cellPhones = -1;
    deviceAccounts = -1;
    ipAccounts = -1;
    deviceHolders = -1;
    ipHolders = -1;
    longFirst = false;
    callerHeld = 0;
    callerFraud = false;
    callerLinked = false;
    callerType = 0;
    lureType = 0;
    hintType = 0;
    payerPhone = null;
    newPayee = false;
    passingOn = false;
    payerMule = false;
    payerTainted = false;
    rebated = false;
    fast = false;
    yuan = 0;
    payeeCash = false;
    payeeAgeDays = -1;
    payeeScore = 0;
    payeeMule = false;
    payeePhone = null;
    payeeType = 0;
    dealer = false;
  }

  /**
   * Takes what {@code other} found that this has not: each field {@code other} holds differently
   * from a fresh object. The parts of one stage write different fields (a transfer's payee and
   * payer), so a keyed runner that ran them on different tasks merges what each sent back into one
   * before the next stage.
   */
  public void merge(Facts other) {
    Facts none = NONE;
    imeiPhones = other.imeiPhones != none.imeiPhones ? other.imeiPhones : imeiPhones;
    cellPhones = other.cellPhones != none.cellPhones ? other.cellPhones : cellPhones;
    deviceAccounts =
        other.deviceAccounts != none.deviceAccounts ? other.deviceAccounts : deviceAccounts;
    ipAccounts = other.ipAccounts != none.ipAccounts ? other.ipAccounts : ipAccounts;
    deviceHolders = other.deviceHolders != none.deviceHolders ? other.deviceHolders : deviceHolders;
    ipHolders = other.ipHolders != none.ipHolders ? other.ipHolders : ipHolders;
    longFirst |= other.longFirst;
    callerHeld = other.callerHeld != none.callerHeld ? other.callerHeld : callerHeld;
    callerFraud |= other.callerFraud;
    callerLinked |= other.callerLinked;
    callerType = other.callerType != none.callerType ? other.callerType : callerType;
    lureType = other.lureType != none.lureType ? other.lureType : lureType;
    hintType = other.hintType != none.hintType ? other.hintType : hintType;
    payerPhone = other.payerPhone != null ? other.payerPhone : payerPhone;
    newPayee |= other.newPayee;
    passingOn |= other.passingOn;
    payerMule |= other.payerMule;
    payerTainted |= other.payerTainted;
    rebated |= other.rebated;
    fast |= other.fast;
    yuan = other.yuan != none.yuan ? other.yuan : yuan;
    payeeCash |= other.payeeCash;
    payeeAgeDays = other.payeeAgeDays != none.payeeAgeDays ? other.payeeAgeDays : payeeAgeDays;
    payeeScore = other.payeeScore != none.payeeScore ? other.payeeScore : payeeScore;
    payeeMule |= other.payeeMule;
    payeePhone = other.payeePhone != null ? other.payeePhone : payeePhone;
    payeeType = other.payeeType != none.payeeType ? other.payeeType : payeeType;
    dealer |= other.dealer;
  }

  /** Returns the paying person's number the payer's step found (null: none known). */
  public @Nullable String payerPhone() {
    return payerPhone;
  }

  /**
   * The layout {@link #write} gives, as a first int no older layout starts with (those began with a
   * count, −1 at the least): a keyed job restored from a savepoint may hold facts an older version
   * wrote. 2 added the hint's type.
   */
  private static final int FORMAT = -1002;

  /** Writes the facts for a later operator. */
  public void write(DataOutput out) throws IOException {
    out.writeInt(FORMAT);
    out.writeInt(imeiPhones);
    out.writeInt(cellPhones);
    out.writeInt(deviceAccounts);
    out.writeInt(ipAccounts);
    out.writeInt(deviceHolders);
    out.writeInt(ipHolders);
    out.writeInt(
        (longFirst ? 1 : 0)
            | (callerFraud ? 2 : 0)
            | (callerLinked ? 4 : 0)
            | (newPayee ? 8 : 0)
            | (passingOn ? 16 : 0)
            | (payerMule ? 32 : 0)
            | (payerTainted ? 64 : 0)
            | (fast ? 128 : 0)
            | (payeeCash ? 256 : 0)
            | (payeeMule ? 512 : 0)
            | (dealer ? 1024 : 0)
            | (rebated ? 2048 : 0));
    out.writeInt(callerHeld);
    out.writeInt(callerType);
    out.writeInt(lureType);
    out.writeInt(hintType);
    writeName(out, payerPhone);
    out.writeLong(yuan);
    out.writeDouble(payeeAgeDays);
    out.writeInt(payeeScore);
    writeName(out, payeePhone);
    out.writeInt(payeeType);
  }

  /** Reads what {@link #write} wrote into this object. */
  public void read(DataInput in) throws IOException {
    int first = in.readInt();
    int format =
        first <= -1000
            ? -first - 1000
            : 1; // format 1 had no marker: its first int is the handset count
    imeiPhones = format == 1 ? first : in.readInt();
    cellPhones = in.readInt();
    deviceAccounts = in.readInt();
    ipAccounts = in.readInt();
    deviceHolders = in.readInt();
    ipHolders = in.readInt();
    int b = in.readInt();
    longFirst = (b & 1) != 0;
    callerFraud = (b & 2) != 0;
    callerLinked = (b & 4) != 0;
    newPayee = (b & 8) != 0;
    passingOn = (b & 16) != 0;
    payerMule = (b & 32) != 0;
    payerTainted = (b & 64) != 0;
    fast = (b & 128) != 0;
    payeeCash = (b & 256) != 0;
    payeeMule = (b & 512) != 0;
    dealer = (b & 1024) != 0;
    rebated = (b & 2048) != 0;
    callerHeld = in.readInt();
    callerType = in.readInt();
    lureType = in.readInt();
    hintType = format >= 2 ? in.readInt() : 0;
    payerPhone = readName(in);
    yuan = in.readLong();
    payeeAgeDays = in.readDouble();
    payeeScore = in.readInt();
    payeePhone = readName(in);
    payeeType = in.readInt();
  }

  private static void writeName(DataOutput out, @Nullable String name) throws IOException {
    out.writeBoolean(name != null);
    if (name != null) {
      out.writeUTF(name);
    }
  }

  private static @Nullable String readName(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
