package org.fanzha.server.verifications;

import org.fanzha.core.reason.Reason;
import org.fanzha.store.VerificationTask;
import tools.jackson.core.JsonGenerator;

/**
 * What a restricted or suspended number or account may no longer do, and why.
 *
 * @param taskId the re-verification task that set it
 * @param state {@link VerificationTask#RESTRICTED} or {@link VerificationTask#SUSPENDED}
 */
public record Restriction(String taskId, String state) {

  /**
   * Returns whether a call or message to {@code counterpart} is stopped: a restricted number may
   * still call the operator.
   */
  public boolean stopsContact(String counterpart) {
    boolean serviceNumber = !counterpart.isEmpty() && counterpart.charAt(0) != '+';
    return VerificationTask.SUSPENDED.equals(state) || !serviceNumber;
  }

  /**
   * Returns whether a payment out through {@code channel} is stopped: a restricted account may
   * still pay at a counter.
   */
  public boolean stopsPayment(String channel) {
    return VerificationTask.SUSPENDED.equals(state) || !"counter".equals(channel);
  }

  /** Returns the reason a stopped call, message or payment is given. */
  public Reason reason() {
    return VerificationTask.SUSPENDED.equals(state)
        ? new Reason(
            "VERIFY_SUSPENDED",
            "未按期完成重新实名核验，已暂停服务，请本人持证件到营业厅核验",
            "Suspended until its holder verifies in person: the re-verification was not completed")
        : new Reason(
            "VERIFY_RESTRICTED",
            "待重新实名核验，已限制外呼、短信及非柜面业务，核验后恢复",
            "Restricted until its holder re-verifies: outgoing calls, messages and non-counter payments are stopped");
  }

  /** Writes {@code verification: {id, state}} into the object {@code g} is in. */
  public static void write(Restriction r, JsonGenerator g) {
    g.writeObjectPropertyStart("verification");
    g.writeStringProperty("id", r.taskId());
    g.writeStringProperty("state", r.state());
    g.writeEndObject();
  }
}
