package org.fanzha.engine.keyed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.engine.Scenario.T0;

import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.scoring.Request;
import org.fanzha.engine.scoring.Stage;
import org.junit.jupiter.api.Test;

/**
 * A keyed runner may deliver a request to an account before the part of the same transfer that pays
 * that account: the request crosses the feedback loop while the part still waits in another
 * channel. What the account is must not hang on which comes first.
 */
class RequestBeforeItsPartTest {

  @Test
  void aCashTerminalFirstMetInAMulesMoney_isACashTerminal_notAMulesReceiver() {
    Engine share = new Engine(EngineConfig.defaults());
    share.keyedShare(Stage.ACTOR, r -> {});
    String mule = "6222020000000000011";
    share.receive(new Request(Request.Link.MULE_MONEY, "cash:ATM410482-760", mule, "t1", T0));
    share.receive(new Request(Request.Link.MULE_MONEY, "6222020000000000099", mule, "t2", T0));
    // a person's account paid by a mule is suspected; a cash terminal is where mules cash out
    assertThat(share.entity(EntityKind.ACCOUNT, "6222020000000000099").orElseThrow().reasons())
        .extracting(r -> r.code())
        .contains("AC_FROM_MULE");
    assertThat(share.entity(EntityKind.ACCOUNT, "cash:ATM410482-760")).isEmpty();
  }
}
