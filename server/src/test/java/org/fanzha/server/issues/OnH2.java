package org.fanzha.server.issues;

import org.fanzha.server.support.TestDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link IntakeStoreParityTest} on the embedded H2 store. */
@SpringBootTest(
    classes = org.fanzha.server.FanzhaApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OnH2 extends IntakeStoreParityTest {

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    String data = TestDirs.create("fanzha-parity-h2").toString();
    r.add("fanzha.data", () -> data);
    r.add("fanzha.security.admin-password", () -> "admin-pw");
  }
}
