package org.fanzha.server.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.server.funds.FundsTestSupport.MULE1;
import static org.fanzha.server.funds.FundsTestSupport.MULE2;
import static org.fanzha.server.funds.FundsTestSupport.VICTIM;
import static org.fanzha.server.funds.FundsTestSupport.event;
import static org.fanzha.server.funds.FundsTestSupport.transfer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import org.fanzha.core.id.Masking;
import org.fanzha.graph.freeze.HoldState;
import org.fanzha.graph.funds.ForwardTrace;
import org.fanzha.graph.funds.ForwardTracer;
import org.fanzha.graph.funds.TraceSettings;
import org.fanzha.graph.funds.TransferGraph;
import org.fanzha.store.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's flow page for a reviewer (staff who is not an analyst): everything masked, still
 * complete.
 */
@WebMvcTest(controllers = FundsPageController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({FundsService.class, HoldService.class, FundsTestSupport.Beans.class})
class FundsPageControllerTest {

  @Autowired MockMvc mvc;
  @Autowired FundsService funds;
  @Autowired Database db;

  @BeforeEach
  void chain() {
    FundsTestSupport.journal(
        db,
        funds,
        List.of(
            event(transfer("p1", "10:00", VICTIM, MULE1, "10000.00", "mobile")),
            event(transfer("p2", "10:10", MULE1, MULE2, "6000.00", "mobile")),
            event(transfer("p3", "10:30", MULE2, "cash:ATM-0042", "5000.00", "atm"))));
  }

  @Test
  void transfer_anonymous_showsTiersPlanAndCashOutWithAccountsMasked() throws Exception {
    String html =
        mvc.perform(get("/funds/transfer/p1").param("lang", "zh_CN"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(html).doesNotContain(MULE1).doesNotContain(MULE2).doesNotContain(VICTIM);
    assertThat(html).contains(Masking.account(MULE1)).contains(Masking.account(MULE2));
    assertThat(html).contains("一级卡").contains("二级卡").contains("4000.00").contains("cash:ATM-0042");
    assertThat(html)
        .contains("id=\"flow-chart\"")
        .doesNotContain("class=\"request\"")
        .doesNotContain("/funds/holds");
  }

  @Test
  void transfer_unknown_answers404() throws Exception {
    mvc.perform(get("/funds/transfer/none")).andExpect(status().isNotFound());
  }

  @Test
  void chartJson_masked_linksEveryHopWithItsAmountAndNoWholeAccount() {
    TransferGraph g = new TransferGraph();
    g.append(VICTIM, MULE1, 1_000, 1_000_000, null);
    g.append(MULE1, MULE2, 2_000, 600_000, null);
    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceEdge(0);

    JsonNode chart =
        JsonMapper.builder().build().readTree(FundsPageController.chartJson(t, false, true));

    assertThat(chart.toString()).doesNotContain(MULE1).doesNotContain(VICTIM);
    assertThat(chart.get("nodes").findValuesAsString("tier")).containsExactly("受害人", "一级卡", "二级卡");
    assertThat(chart.get("links").findValuesAsString("amount"))
        .containsExactly("10000.00", "6000.00");
    assertThat(chart.get("links").get(1).get("source").asString())
        .isEqualTo(chart.get("nodes").get(1).get("id").asString());
  }

  @Test
  void bundles_nameEveryHoldState() throws IOException {
    for (String bundle : new String[] {"/messages.properties", "/messages_zh_CN.properties"}) {
      Properties p = new Properties();
      try (InputStream in = getClass().getResourceAsStream(bundle)) {
        p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
      }
      for (HoldState s : HoldState.values()) {
        assertThat(p.getProperty("hold.state." + s.wireName())).as(bundle + " " + s).isNotBlank();
      }
    }
  }
}
