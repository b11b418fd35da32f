package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.fanzha.store.TestDatabases.Target;
import org.fanzha.store.TestDatabases.TestDb;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StaffUserRepositoryTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Target.class)
  void insert_storesOnceAndReadsBackRolesAndRegions(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      StaffUserRepository r = t.db().users();
      StaffUser u =
          new StaffUser(
              "li.wei",
              "{bcrypt}$2a$10$hash",
              Set.of("ANALYST", "REVIEWER"),
              List.of("4104", "410100"),
              true,
              5,
              "admin");
      assertThat(r.insert(u)).isTrue();
      assertThat(r.insert(u)).as("the name is taken").isFalse();
      assertThat(r.find("li.wei")).contains(u);
      assertThat(
              r.insert(
                  new StaffUser(
                      "zhao", "{bcrypt}x", Set.of("ANALYST"), List.of(), true, 6, "admin")))
          .isTrue();
      assertThat(r.list()).extracting(StaffUser::name).containsExactly("li.wei", "zhao");
      assertThat(r.find("zhao").orElseThrow().regions()).isEmpty();
      assertThat(r.find("nobody")).isEmpty();
    }
  }
}
