package org.fanzha.server.warnings;

import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.Action;
import org.fanzha.engine.Decision;
import org.fanzha.store.WarningTask;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A payment by a person whose warning is still being worked is stopped for the bank to call them:
 * the decision's action becomes at least {@code delay} ({@code hold} when the warning is critical)
 * and the answer names the warning and carries the call script.
 */
public final class OpenWarnings {
  static final Reason OPEN_WARNING =
      new Reason(
          "WARNING_OPEN",
          "付款人有正在处置的预警劝阻任务，请先联系本人核实",
          "The payer has an open early-warning case: call the person before the money leaves");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private OpenWarnings() {}

  /** The decision with its action raised for an open warning, and the warning's reason first. */
  public static Decision hold(Decision d, WarningTask open) {
    Action floor = open.severity().equals("critical") ? Action.HOLD : Action.DELAY;
    List<Reason> reasons = new ArrayList<>(d.reasons().size() + 1);
    reasons.add(OPEN_WARNING);
    reasons.addAll(d.reasons());
    return new Decision(
        d.eventId(),
        d.entityKind(),
        d.entity(),
        d.score(),
        d.level(),
        d.action().max(floor),
        reasons);
  }

  /** The decision's JSON with {@code warning: {id, severity, fraud_type, script}} added. */
  public static byte[] withWarning(byte[] decisionJson, WarningTask open, String script) {
    ObjectNode n = (ObjectNode) JSON.readTree(decisionJson);
    ObjectNode w = n.putObject("warning");
    w.put("id", open.id());
    w.put("severity", WarningDesk.grade(open));
    w.put("fraud_type", open.fraudType());
    w.put("script", script);
    return JSON.writeValueAsBytes(n);
  }
}
