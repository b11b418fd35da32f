package org.fanzha.engine.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.Role;
import org.junit.jupiter.api.Test;

class RiskListsTest {

  @Test
  void apply_blackListsAFraudRoleAndClearsItOnNormal() {
    RiskLists l = new RiskLists();
    l.apply(EntityKind.ACCOUNT, "6222020200112233445", Role.MULE, FraudType.POLICE);
    assertThat(l.mightBeListed(EntityKind.ACCOUNT, "6222020200112233445")).isTrue();
    assertThat(l.mightBeListed(EntityKind.PHONE, "6222020200112233445")).isFalse();
    assertThat(l.listing(EntityKind.ACCOUNT, "6222020200112233445"))
        .contains(new RiskLists.Listing(Role.MULE, FraudType.POLICE));
    l.apply(EntityKind.ACCOUNT, "6222020200112233445", Role.NORMAL, null);
    assertThat(l.mightBeListed(EntityKind.ACCOUNT, "6222020200112233445")).isFalse();
    assertThat(l.isCleared(EntityKind.ACCOUNT, "6222020200112233445")).isTrue();
    assertThat(l.blackListed(EntityKind.ACCOUNT)).isZero();
  }

  @Test
  void apply_victimIsNotAListEntry() {
    RiskLists l = new RiskLists();
    l.apply(EntityKind.PHONE, "+8613800138000", Role.VICTIM, null);
    assertThat(l.mightBeListed(EntityKind.PHONE, "+8613800138000")).isFalse();
    assertThat(l.isCleared(EntityKind.PHONE, "+8613800138000")).isFalse();
  }

  @Test
  void reportTarget_countsCaseAndSpaceInsensitively() {
    RiskLists l = new RiskLists();
    l.reportTarget("http://Fake-Bank.example/login ");
    l.reportTarget("http://fake-bank.example/login");
    assertThat(l.targetReports("HTTP://FAKE-BANK.EXAMPLE/LOGIN")).isEqualTo(2);
    assertThat(l.targetReports("http://other.example")).isZero();
  }

  @Test
  void write_thenRead_keepsEverything() throws Exception {
    RiskLists l = new RiskLists();
    l.apply(EntityKind.HOLDER, "41040219800101001X", Role.CARD_DEALER, null);
    l.apply(EntityKind.PHONE, "+8613800138000", Role.NORMAL, null);
    l.reportTarget("com.fake.app");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    l.write(new DataOutputStream(out));
    RiskLists r =
        RiskLists.read(new DataInputStream(new ByteArrayInputStream(out.toByteArray())), 7);
    assertThat(r.mightBeListed(EntityKind.HOLDER, "41040219800101001X")).isTrue();
    assertThat(r.isCleared(EntityKind.PHONE, "+8613800138000")).isTrue();
    assertThat(r.targetReports("com.fake.app")).isEqualTo(1);
  }
}
