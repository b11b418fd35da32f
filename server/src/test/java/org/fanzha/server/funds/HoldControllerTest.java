package org.fanzha.server.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.server.funds.FundsTestSupport.MULE1;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import org.fanzha.server.funds.FundsTestSupport.MovableClock;
import org.fanzha.server.regions.EntityRegions;
import org.fanzha.store.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The stop/freeze workflow over HTTP with a real store and a clock the test moves. */
@WebMvcTest(controllers = {TraceController.class, HoldController.class})
@AutoConfigureMockMvc(addFilters = false)
@Import({FundsService.class, HoldService.class, EntityRegions.class, FundsTestSupport.Beans.class})
class HoldControllerTest {

  @Autowired MockMvc mvc;
  @Autowired Database db;
  @Autowired MovableClock clock;

  @BeforeEach
  void at10am() {
    clock.set(FundsTestSupport.T0);
  }

  String request(String body) throws Exception {
    String json =
        mvc.perform(post("/api/v1/holds").contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return JsonPath.read(json, "$.id");
  }

  static String stop(String amount) {
    return "{\"kind\":\"stop\",\"account\":\""
        + MULE1
        + "\",\"amount\":\""
        + amount
        + "\",\"case_ref\":\"trace t1\"}";
  }

  @Test
  void renew_aStopTwice_secondRenewalAnswers409AndTheHistoryKeepsEveryStep() throws Exception {
    long audited = db.audit().count();
    String id = request(stop("4000.00"));
    clock.advance(Duration.ofMinutes(10));
    mvc.perform(
            post("/api/v1/holds/" + id + "/confirm")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"bank_ref\":\"ICBC-991\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("confirmed"))
        .andExpect(jsonPath("$.in_force").value(true))
        // 10:10 + 48 h
        .andExpect(jsonPath("$.expires_at").value("2026-11-29T10:10:00+08:00"));
    clock.advance(Duration.ofHours(47));
    mvc.perform(post("/api/v1/holds/" + id + "/renew"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("renewed"))
        .andExpect(jsonPath("$.renewals").value(1))
        .andExpect(jsonPath("$.expires_at").value("2026-12-01T10:10:00+08:00"));
    clock.advance(Duration.ofHours(1));

    mvc.perform(post("/api/v1/holds/" + id + "/renew"))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("urn:fanzha:problem:hold-transition-refused"))
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("two stops in all")));

    mvc.perform(get("/api/v1/holds/" + id))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.amount").value("4000.00"))
        .andExpect(jsonPath("$.history.length()").value(3))
        .andExpect(jsonPath("$.history[0].to").value("requested"))
        .andExpect(jsonPath("$.history[0].at").value("2026-11-27T10:00:00+08:00"))
        .andExpect(jsonPath("$.history[1].note").value("ICBC-991"))
        .andExpect(jsonPath("$.history[2].from").value("confirmed"))
        .andExpect(jsonPath("$.history[2].to").value("renewed"));
    assertThat(db.audit().count()).isEqualTo(audited + 3);
    assertThat(db.audit().recent(3))
        .extracting(e -> e.action())
        .containsExactly("hold.renew", "hold.confirm", "hold.request");
  }

  @Test
  void confirm_twice_answers409WithTheReason() throws Exception {
    String id = request(stop("1500.00"));
    mvc.perform(post("/api/v1/holds/" + id + "/confirm")).andExpect(status().isOk());

    mvc.perform(post("/api/v1/holds/" + id + "/confirm"))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.detail")
                .value(
                    org.hamcrest.Matchers.containsString(
                        "only a requested order can be confirmed")));
  }

  @Test
  void get_freezePastItsTerm_readsExpiredWithASystemStep() throws Exception {
    String id =
        request(
            "{\"kind\":\"freeze\",\"account\":\""
                + MULE1
                + "\",\"amount\":\"4000.00\",\"case_ref\":\"c\",\"term_days\":10}");
    mvc.perform(post("/api/v1/holds/" + id + "/confirm")).andExpect(status().isOk());
    clock.advance(Duration.ofDays(11));

    mvc.perform(get("/api/v1/holds/" + id))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("expired"))
        .andExpect(jsonPath("$.in_force").value(false))
        .andExpect(jsonPath("$.history[2].to").value("expired"))
        .andExpect(jsonPath("$.history[2].actor").value("system"));
    // stored, not only computed: the next change is judged on the expired order
    mvc.perform(
            post("/api/v1/holds/" + id + "/release")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"x\"}"))
        .andExpect(status().isConflict());
    assertThat(db.holds().find(id).orElseThrow().state()).isEqualTo("expired");
  }

  @Test
  void reject_requested_isFinal() throws Exception {
    String id = request(stop("2000.00"));
    mvc.perform(
            post("/api/v1/holds/" + id + "/reject")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"account closed\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("rejected"));
    mvc.perform(
            post("/api/v1/holds/" + id + "/reject")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"again\"}"))
        .andExpect(status().isConflict());
  }

  @Test
  void reject_withoutReason_answers400() throws Exception {
    String id = request(stop("2000.00"));
    mvc.perform(post("/api/v1/holds/" + id + "/reject"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("reason: is required"));
  }

  @Test
  void request_invalidInput_answers400NamingTheField() throws Exception {
    mvc.perform(
            post("/api/v1/holds")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"kind\":\"seize\",\"account\":\""
                        + MULE1
                        + "\",\"amount\":\"1.00\",\"case_ref\":\"c\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("kind:")));
    mvc.perform(
            post("/api/v1/holds")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"kind\":\"freeze\",\"account\":\""
                        + MULE1
                        + "\",\"amount\":\"1.00\",\"case_ref\":\"c\",\"term_days\":200}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("at most 6 months")));
    mvc.perform(
            post("/api/v1/holds")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"kind\":\"stop\",\"account\":\"cash:ATM-1\",\"amount\":\"1.00\",\"case_ref\":\"c\"}"))
        .andExpect(status().isBadRequest());
  }

  @Test
  void request_created_hasLocationAndIsListedForTheAccount() throws Exception {
    String id =
        mvc.perform(
                post("/api/v1/holds")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        "{\"kind\":\"stop\",\"account\":\"6222 0202 0011 445\",\"amount\":\"800.00\",\"case_ref\":\"c9\"}"))
            .andExpect(status().isCreated())
            .andExpect(
                header()
                    .string("Location", org.hamcrest.Matchers.startsWith("/api/v1/holds/STOP-")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String holdId = JsonPath.read(id, "$.id");

    mvc.perform(get("/api/v1/holds").param("account", "622202020011445"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.holds.length()").value(1))
        .andExpect(jsonPath("$.holds[0].id").value(holdId))
        .andExpect(jsonPath("$.holds[0].state").value("requested"));
  }

  @Test
  void get_unknownId_answers404() throws Exception {
    mvc.perform(get("/api/v1/holds/STOP-19700101-00000000"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }
}
