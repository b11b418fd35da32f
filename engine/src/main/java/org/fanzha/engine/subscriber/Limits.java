package org.fanzha.engine.subscriber;

/**
 * What an operator lets a number of one band do (第11条: restrict a card that looks abnormal until it
 * is verified): the outgoing calls and messages over the last 24 hours, and whether it may call or
 * text abroad.
 *
 * @param callsPerDay outgoing calls allowed over 24 hours, or {@link #NONE} when there is no cap
 * @param smsPerDay messages allowed over 24 hours, or {@link #NONE}
 * @param international whether calls and messages to numbers outside China are allowed
 */
public record Limits(int callsPerDay, int smsPerDay, boolean international) {

  /** No cap. */
  public static final int NONE = -1;

  /** No limit at all. */
  public static final Limits UNLIMITED = new Limits(NONE, NONE, true);

  /** Returns whether any limit applies. */
  public boolean any() {
    return callsPerDay != NONE || smsPerDay != NONE || !international;
  }
}
