package org.fanzha.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.fanzha.core.event.EntityKind;
import org.fanzha.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./fanzha audit verify --data DIR}: intact says so; a row changed behind the server's back
 * is named.
 */
class AuditVerifyCommandTest {

  @TempDir Path data;

  private int verify(StringWriter out) {
    CommandLine cl = new CommandLine(new FanzhaMain());
    cl.setOut(new PrintWriter(out));
    return cl.execute("audit", "verify", "--data", data.toString());
  }

  @Test
  void anIntactChainPasses_andAChangedRowIsNamed() throws Exception {
    try (Database db = Database.openH2(data)) {
      for (int i = 0; i < 5; i++) {
        db.audit()
            .record(
                "ana.li", "ANALYST", "entity.lookup", EntityKind.PHONE, "+861380013800" + i, true);
      }
    }
    StringWriter intact = new StringWriter();
    assertThat(verify(intact)).isZero();
    assertThat(intact.toString()).contains("intact: 5 entries");

    try (Database db = Database.openH2(data);
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE lookup_audit SET actor = 'someone.else' WHERE id = 3"); // covering someone's
      // tracks
    }
    StringWriter broken = new StringWriter();
    assertThat(verify(broken)).isEqualTo(1);
    assertThat(broken.toString()).contains("broken at entry 3");
  }
}
