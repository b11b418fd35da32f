package org.fanzha.server.demo;

import java.util.List;
import java.util.Set;
import org.fanzha.server.clues.InstitutionService;
import org.fanzha.server.clues.InstitutionService.NewInstitution;
import org.fanzha.server.system.Caller;
import org.fanzha.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Gives the demo city clue receivers, so that its detections become clues on the console's clue
 * page: a bank and an operator for everything, and the anti-fraud centre of the city most of its
 * people live in. They pull their clues; their keys are logged once, to try the receivers' API
 * with.
 */
@Component
@ConditionalOnProperty(name = "fanzha.demo.enabled", havingValue = "true")
class DemoReceivers implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(DemoReceivers.class);

  private final Database db;
  private final InstitutionService institutions;

  DemoReceivers(Database db, InstitutionService institutions) {
    this.db = db;
    this.institutions = institutions;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!db.institutions().list().isEmpty()) {
      return; // a restarted demo keeps the receivers it made
    }
    Caller demo = new Caller("demo-setup", Set.of("ADMIN"));
    for (NewInstitution n :
        List.of(
            new NewInstitution("演示银行", "bank", List.of(), List.of(), null, null, null),
            new NewInstitution("演示运营商", "operator", List.of(), List.of(), null, null, null),
            new NewInstitution(
                "平顶山市反诈中心", "police", List.of("4104"), List.of(), "medium", null, null))) {
      InstitutionService.Registered r = institutions.register(n, demo);
      log.info(
          "Demo clue receiver {} ({}): pull its clues with Authorization: Bearer {}",
          n.name(),
          n.kind(),
          r.key().key());
    }
  }
}
