package org.fanzha.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fanzha.engine.EngineConfig;
import org.junit.jupiter.api.Test;

class FirstRulesTest {

  private final EngineConfig cfg = EngineConfig.defaults();

  private List<Rule<?>> all() {
    List<Rule<?>> r = new ArrayList<>();
    r.addAll(FirstRules.phone(cfg).rules());
    r.addAll(FirstRules.account(cfg).rules());
    r.addAll(FirstRules.holder(cfg).rules());
    r.addAll(FirstRules.node(cfg).rules());
    return r;
  }

  @Test
  void everyRule_hasAUniqueCodeAndReasonsInBothLanguages() {
    Set<String> codes = new HashSet<>();
    for (Rule<?> r : all()) {
      assertThat(codes.add(r.code())).as("duplicate " + r.code()).isTrue();
      assertThat(r.reason().code()).isEqualTo(r.code());
      assertThat(r.reason().textZh()).as(r.code()).matches(".*[\\u4e00-\\u9fff].*");
      assertThat(r.reason().textEn()).as(r.code()).matches("[A-Z].*");
    }
    assertThat(codes).hasSizeGreaterThanOrEqualTo(30);
  }

  @Test
  void everyWeight_comesFromTheConfiguration() {
    EngineConfig changed = cfg.with("rule.PH_SHARED_IMEI.weight", 12).with("rule.AC_FAN_IN.weight", 0);
    RuleSet<?> phone = FirstRules.phone(changed);
    assertThat(phone.rules().get(phone.indexOf("PH_SHARED_IMEI")).weight()).isEqualTo(12);
    RuleSet<?> account = FirstRules.account(changed);
    assertThat(account.rules().get(account.indexOf("AC_FAN_IN")).weight()).isZero();
    for (Rule<?> r : all()) {
      assertThat(r.weight()).as(r.code()).isEqualTo(cfg.weight(r.code()));
    }
  }
}
