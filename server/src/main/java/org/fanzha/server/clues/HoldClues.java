package org.fanzha.server.clues;

import java.math.BigDecimal;
import java.util.List;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ListKind;
import org.fanzha.graph.freeze.HoldOrder;
import org.fanzha.server.funds.HoldRequested;
import org.fanzha.server.regions.EntityRegions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A stop or freeze asked of a bank is a high-severity clue to that bank (and the police of the
 * account's region): the push tells the bank at once where the hold workflow waits for it to
 * confirm or reject.
 */
@Component
class HoldClues {
  private static final Logger log = LoggerFactory.getLogger(HoldClues.class);

  private final ClueDesk desk;
  private final EntityRegions regions;

  HoldClues(ClueDesk desk, EntityRegions regions) {
    this.desk = desk;
    this.regions = regions;
  }

  @EventListener
  void requested(HoldRequested e) {
    HoldOrder o = e.order();
    try {
      desk.raise(
          new Lead(
              "hold:" + o.id(),
              "hold",
              o.id(),
              ListKind.ACCOUNT,
              o.account(),
              FraudType.OTHER,
              ClueRouter.HIGH,
              regions.of(EntityKind.ACCOUNT, o.account()),
              o.kind().wireName()
                  + " of "
                  + BigDecimal.valueOf(o.amountFen(), 2).toPlainString()
                  + " yuan requested (case "
                  + o.caseRef()
                  + "); confirm or reject at /api/v1/holds/"
                  + o.id(),
              List.of(o.caseRef())));
    } catch (RuntimeException ex) {
      log.error(
          "Clue of hold {} not sent; the hold stands",
          o.id(),
          ex); // the bank still sees it in /api/v1/holds
    }
  }
}
