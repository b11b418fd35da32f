package org.fanzha.server.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.fanzha.store.AuditEntry;
import org.fanzha.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The audit log without a server: check its hash chain. */
final class AuditCommands {

  private AuditCommands() {}

  @Command(
      name = "audit",
      mixinStandardHelpOptions = true,
      description = "Work with the audit log of a stopped server.",
      subcommands = {Verify.class})
  static final class Audit implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(System.out);
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Recompute the audit log's hash chain: exit 0 when intact (prints the count and the last hash, to keep "
              + "elsewhere), else 1 naming the first altered, inserted or missing entry.")
  static final class Verify implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--data",
        defaultValue = "./data",
        description = "the server's data folder (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(
        names = "--db-url",
        description = "a JDBC URL instead of the data folder's H2 database (PostgreSQL)")
    String dbUrl;

    @Override
    public Integer call() {
      try (Database db = dbUrl == null ? Database.openH2(data) : Database.open(dbUrl, data)) {
        OptionalLong broken = db.audit().verify();
        if (broken.isPresent()) {
          spec.commandLine()
              .getOut()
              .println(
                  "audit chain broken at entry "
                      + broken.getAsLong()
                      + ": it, or an entry before it, was changed, inserted or deleted; entries from there on cannot be trusted");
          return 1;
        }
        List<AuditEntry> last = db.audit().recent(1);
        spec.commandLine()
            .getOut()
            .println(
                "audit chain intact: "
                    + db.audit().count()
                    + " entries"
                    + (last.isEmpty()
                        ? ""
                        : ", last " + last.get(0).id() + " with hash " + last.get(0).hash()));
        return 0;
      } finally {
        spec.commandLine().getOut().flush();
      }
    }
  }
}
