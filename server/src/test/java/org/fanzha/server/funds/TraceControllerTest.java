package org.fanzha.server.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.server.funds.FundsTestSupport.MULE1;
import static org.fanzha.server.funds.FundsTestSupport.MULE2;
import static org.fanzha.server.funds.FundsTestSupport.VICTIM;
import static org.fanzha.server.funds.FundsTestSupport.VICTIM2;
import static org.fanzha.server.funds.FundsTestSupport.event;
import static org.fanzha.server.funds.FundsTestSupport.transfer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.fanzha.server.regions.EntityRegions;
import org.fanzha.store.AuditEntry;
import org.fanzha.store.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The trace API over a real journal and graph. The case, worked by hand (FIFO): 10:00 victim V pays
 * mule A 10,000; 10:05 victim W pays A 5,000; 10:10 A pays mule B 6,000 (the oldest money in A:
 * V's); 10:30 B withdraws 5,000 at an ATM. V's money: 5,000 cashed out, 4,000 still in A (一级卡),
 * 1,000 in B (二级卡). W's 5,000 is all still in A.
 */
@WebMvcTest(controllers = {TraceController.class, HoldController.class})
@AutoConfigureMockMvc(addFilters = false)
@Import({FundsService.class, HoldService.class, EntityRegions.class, FundsTestSupport.Beans.class})
class TraceControllerTest {

  @Autowired MockMvc mvc;
  @Autowired FundsService funds;
  @Autowired Database db;

  @BeforeEach
  void chain() {
    FundsTestSupport.journal(
        db,
        funds,
        List.of(
            event(transfer("t1", "10:00", VICTIM, MULE1, "10000.00", "mobile")),
            event(transfer("t4", "10:05", VICTIM2, MULE1, "5000.00", "mobile")),
            event(transfer("t2", "10:10", MULE1, MULE2, "6000.00", "mobile")),
            event(transfer("t3", "10:30", MULE2, "cash:ATM-0042", "5000.00", "atm")),
            event(
                "{\"type\":\"call\",\"id\":\"c1\",\"ts\":\"2026-11-27T09:15:02+08:00\",\"caller\":\"+8617012345678\","
                    + "\"callee\":\"13800138000\",\"duration_s\":412}")));
  }

  @Test
  void transfer_chain_answersEdgesHoldingsCashOutTiersAndFreezePlan() throws Exception {
    mvc.perform(get("/api/v1/trace/transfer/t1"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.seed.transfer").value("t1"))
        .andExpect(jsonPath("$.seed.amount").value("10000.00"))
        .andExpect(jsonPath("$.edges.length()").value(3))
        .andExpect(jsonPath("$.edges[0].to").value(MULE1))
        .andExpect(jsonPath("$.edges[0].hop").value(1))
        .andExpect(jsonPath("$.edges[1].to").value(MULE2))
        .andExpect(jsonPath("$.edges[1].amount").value("6000.00"))
        .andExpect(jsonPath("$.edges[1].hop").value(2))
        .andExpect(jsonPath("$.edges[2].to").value("cash:ATM-0042"))
        .andExpect(jsonPath("$.edges[2].amount").value("5000.00"))
        .andExpect(jsonPath("$.holdings.length()").value(2))
        .andExpect(jsonPath("$.holdings[0].account").value(MULE1))
        .andExpect(jsonPath("$.holdings[0].amount").value("4000.00"))
        .andExpect(jsonPath("$.holdings[1].account").value(MULE2))
        .andExpect(jsonPath("$.holdings[1].amount").value("1000.00"))
        .andExpect(jsonPath("$.cashed_out[0].amount").value("5000.00"))
        .andExpect(jsonPath("$.cashed_out[0].channel").value("atm"))
        .andExpect(jsonPath("$.untraced").value("0.00"))
        .andExpect(jsonPath("$.accounts[?(@.account == '" + MULE1 + "')].tier_zh").value("一级卡"))
        .andExpect(jsonPath("$.accounts[?(@.account == '" + MULE2 + "')].tier_zh").value("二级卡"))
        .andExpect(jsonPath("$.freeze_plan[0].account").value(MULE1))
        .andExpect(jsonPath("$.freeze_plan[0].amount").value("4000.00"))
        .andExpect(jsonPath("$.freeze_plan[0].action").value("stop"))
        .andExpect(jsonPath("$.freeze_plan[0].tier").value(1))
        .andExpect(jsonPath("$.freeze_plan[1].account").value(MULE2))
        .andExpect(jsonPath("$.freeze_plan[1].amount").value("1000.00"))
        .andExpect(jsonPath("$.as_of").value("2026-11-27T10:30:00+08:00"));
  }

  @Test
  void transfer_asOfThreeDaysLater_plansFreezesInsteadOfStops() throws Exception {
    mvc.perform(get("/api/v1/trace/transfer/t1").param("as_of", "2026-11-30T10:30:00+08:00"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.freeze_plan[0].action").value("freeze"))
        .andExpect(jsonPath("$.freeze_plan[1].action").value("freeze"));
  }

  @Test
  void transfer_lookup_isAudited() throws Exception {
    long before = db.audit().count();

    mvc.perform(get("/api/v1/trace/transfer/t4")).andExpect(status().isOk());

    assertThat(db.audit().count()).isEqualTo(before + 1);
    AuditEntry e = db.audit().recent(1).get(0);
    assertThat(e.action()).isEqualTo("trace.transfer");
    assertThat(e.entity()).isEqualTo(VICTIM2);
  }

  @Test
  void transfer_unknownId_answers404Problem() throws Exception {
    mvc.perform(get("/api/v1/trace/transfer/nope"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("urn:fanzha:problem:not-found"))
        .andExpect(jsonPath("$.detail").value("no event with id 'nope' was journaled"));
  }

  @Test
  void transfer_idOfACall_answers404NotATransfer() throws Exception {
    mvc.perform(get("/api/v1/trace/transfer/c1"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("urn:fanzha:problem:not-a-transfer"));
  }

  @Test
  void transfer_badPolicy_answers400() throws Exception {
    mvc.perform(get("/api/v1/trace/transfer/t1").param("policy", "lifo"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void account_afterItsPayment_tracesWhatItPaidOut() throws Exception {
    mvc.perform(get("/api/v1/trace/account/" + MULE2).param("after", "2026-11-27T10:15:00+08:00"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.seed.kind").value("account"))
        .andExpect(jsonPath("$.seed.amount").value("5000.00"))
        .andExpect(jsonPath("$.cashed_out[0].amount").value("5000.00"));
  }

  @Test
  void reverse_secondMule_findsTheVictimAsOrigin() throws Exception {
    mvc.perform(
            get("/api/v1/trace/reverse/" + MULE2)
                .param("from", "2026-11-27T09:00:00+08:00")
                .param("to", "2026-11-27T11:00:00+08:00"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.received").value("6000.00"))
        .andExpect(jsonPath("$.origins[0].account").value(VICTIM))
        .andExpect(jsonPath("$.origins[0].amount").value("6000.00"));
  }

  @Test
  void fundReturn_oneVictim_goesStraightBack() throws Exception {
    mvc.perform(
            get("/api/v1/trace/return")
                .param("account", MULE1)
                .param("recovered", "3000.00")
                .param("transfers", "t1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.method").value("direct"))
        .andExpect(jsonPath("$.shares[0].victim").value(VICTIM))
        .andExpect(jsonPath("$.shares[0].returned").value("3000.00"))
        .andExpect(jsonPath("$.calculation.length()").isNotEmpty());
  }

  @Test
  void fundReturn_twoVictims_sharesProRata() throws Exception {
    // claims on A: V 4,000, W 5,000; 4,500 recovered → V 4,500 × 4/9 = 2,000, W 2,500
    mvc.perform(
            get("/api/v1/trace/return")
                .param("account", MULE1)
                .param("recovered", "4500.00")
                .param("transfers", "t1,t4"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.method").value("pro_rata"))
        .andExpect(jsonPath("$.shares[?(@.victim == '" + VICTIM + "')].returned").value("2000.00"))
        .andExpect(jsonPath("$.shares[?(@.victim == '" + VICTIM2 + "')].returned").value("2500.00"))
        .andExpect(jsonPath("$.kept").value("0.00"));
  }
}
