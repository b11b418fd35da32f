/**
 * Persistence of the embedded runner: the event journal (accepted means durable), the quarantine of
 * refused events, engine snapshots, the audit log of personal-data look-ups and stop/freeze orders.
 * Plain JDBC over HikariCP with a Flyway schema that runs on H2 (default, file mode) and
 * PostgreSQL.
 */
@NullMarked
package org.fanzha.store;

import org.jspecify.annotations.NullMarked;
