package org.fanzha.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of DESIGN.md, checked on the compiled classes: dependencies point downwards, and
 * the detection code is runner-agnostic (no Spring, JDBC or Flink inside), so the embedded runner
 * and a Flink job can share it.
 */
class ArchitectureTest {

  private static JavaClasses fanzha;

  @BeforeAll
  static void importClasses() {
    fanzha =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(
                "org.fanzha.core",
                "org.fanzha.engine",
                "org.fanzha.graph",
                "org.fanzha.text",
                "org.fanzha.sim");
  }

  @Test
  void core_dependsOnNoOtherModule() {
    classes()
        .that()
        .resideInAPackage("org.fanzha.core..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("org.fanzha.core..", "java..", "org.jspecify..", "tools.jackson.core..")
        .check(fanzha);
  }

  @Test
  void detectionModules_areRunnerAgnostic() {
    noClasses()
        .that()
        .resideInAnyPackage("org.fanzha.engine..", "org.fanzha.graph..", "org.fanzha.text..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "java.sql..",
            "javax.sql..",
            "org.apache.flink..",
            "org.apache.kafka..")
        .check(fanzha);
  }

  @Test
  void libraries_doNotDependOnEachOther() {
    noClasses()
        .that()
        .resideInAPackage("org.fanzha.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.fanzha.graph..", "org.fanzha.text..", "org.fanzha.sim..")
        .check(fanzha);
    noClasses()
        .that()
        .resideInAPackage("org.fanzha.graph..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.fanzha.engine..", "org.fanzha.text..", "org.fanzha.sim..")
        .check(fanzha);
    noClasses()
        .that()
        .resideInAPackage("org.fanzha.text..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.fanzha.engine..", "org.fanzha.graph..", "org.fanzha.sim..")
        .check(fanzha);
    noClasses()
        .that()
        .resideInAPackage("org.fanzha.sim..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.fanzha.engine..", "org.fanzha.graph..", "org.fanzha.text..")
        .check(fanzha);
  }
}
