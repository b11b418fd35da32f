package org.fanzha.server.content;

import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code POST /api/v1/classify} with the shipped model (not a mock): types, reasons, link risk, bad
 * requests.
 */
@WebMvcTest(controllers = ClassifyController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import(ContentConfiguration.class)
class ClassifyControllerTest {

  @Autowired MockMvc mvc;

  @Test
  void classify_policeImpersonationNamesTheTypeAndItsPhrases() throws Exception {
    String text =
        "您好，这里是市公安局刑侦支队，您的身份证涉嫌一起洗钱案件，现已冻结您名下账户。" + "为配合调查，请立即将资金转入安全账户进行核查，此事严格保密，不得告诉家人。";
    mvc.perform(
            post("/api/v1/classify")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"" + text + "\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.fraud_type").value("police"))
        .andExpect(jsonPath("$.fraud_type_zh").value("冒充公检法"))
        .andExpect(jsonPath("$.score").value(greaterThan(0.5)))
        .andExpect(jsonPath("$.reasons").value(not(emptyIterable())));
  }

  @Test
  void classify_ordinaryMessageIsNotFraudAndLookAlikeLinkIsRisky() throws Exception {
    mvc.perform(
            post("/api/v1/classify")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"texts\":[\"妈，我周六下午回家吃饭，帮我留点饺子。\","
                        + "\"您的银行卡积分即将清零，请登录 http://icbc-jifen.xyz/login 兑换\"]}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.results", hasSize(2)))
        .andExpect(jsonPath("$.results[0].label").value(isOneOf("none", "spam")))
        .andExpect(jsonPath("$.results[0].fraud_type").isEmpty())
        .andExpect(jsonPath("$.results[0].urls", hasSize(0)))
        .andExpect(jsonPath("$.results[1].urls[0].host").value("icbc-jifen.xyz"))
        .andExpect(jsonPath("$.results[1].urls[0].score").value(greaterThan(0.5)))
        .andExpect(jsonPath("$.results[1].urls[0].reasons[0].text_zh").isNotEmpty());
  }

  @Test
  void classify_badRequestsNameTheField() throws Exception {
    mvc.perform(post("/api/v1/classify").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.field").value("text"));
    mvc.perform(
            post("/api/v1/classify")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"texts\":[\"ok\",\" \"]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("texts[1]"));
    mvc.perform(
            post("/api/v1/classify")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"" + "长".repeat(ClassifyController.MAX_CHARS + 1) + "\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.reason").value(org.hamcrest.Matchers.containsString("longer than")));
  }
}
