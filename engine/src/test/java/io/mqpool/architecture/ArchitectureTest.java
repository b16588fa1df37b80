package io.mqpool.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package dependencies the README's module table states, checked on the
 * compiled main classes of every module.
 */
class ArchitectureTest {

    /** The engine's internals: the composition root, its store, dispatcher, collector, retries and events. */
    private static final String ENGINE_INTERNALS = "io.mqpool.engine..";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mqpool");
    }

    @Test
    void modulesAndLayersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("config").definedBy("io.mqpool.config..")
                .layer("jobs").definedBy("io.mqpool.jobs..")
                .layer("outcome").definedBy("io.mqpool.outcome..")
                .layer("broker").definedBy("io.mqpool.broker..")
                .layer("worker").definedBy("io.mqpool.worker..", "io.mqpool.supervisor..", "io.mqpool.process..")
                .layer("engine internals").definedBy(ENGINE_INTERNALS)
                .layer("threads").definedBy("io.mqpool.threads..")
                .layer("public API").definedBy("io.mqpool")
                .layer("HTTP server and web UI").definedBy("io.mqpool.server..")
                .layer("HTTP client").definedBy("io.mqpool.app.client..")
                .layer("applications").definedBy("io.mqpool.app.cli..", "io.mqpool.app.bench..")
                .whereLayer("applications").mayNotBeAccessedByAnyLayer()
                .whereLayer("HTTP client").mayOnlyBeAccessedByLayers("public API", "applications")
                .whereLayer("HTTP server and web UI").mayOnlyBeAccessedByLayers("applications")
                .whereLayer("public API").mayOnlyBeAccessedByLayers("applications")
                .whereLayer("engine internals").mayOnlyBeAccessedByLayers("public API", "HTTP server and web UI")
                .whereLayer("threads").mayOnlyBeAccessedByLayers("public API")
                .whereLayer("worker").mayOnlyBeAccessedByLayers("engine internals", "public API",
                        "HTTP server and web UI", "applications")
                .whereLayer("broker").mayOnlyBeAccessedByLayers("worker", "engine internals", "public API")
                .whereLayer("outcome").mayOnlyBeAccessedByLayers("broker", "worker", "engine internals", "public API",
                        "HTTP server and web UI")
                .whereLayer("jobs").mayOnlyBeAccessedByLayers("worker", "engine internals", "threads", "public API",
                        "HTTP server and web UI", "applications")
                .check(classes);
    }

    /**
     * Outside the engine's internals the store is known only by what it hands out (its records,
     * enums and exceptions): the web UI and the pool ask the engine, never the store itself.
     */
    @Test
    void onlyTheEngineInternalsUseTheStoreItself() {
        DescribedPredicate<JavaClass> storeMachinery = resideInAPackage("io.mqpool.engine.store..")
                .and(not(assignableTo(Record.class)))
                .and(not(assignableTo(Enum.class)))
                .and(not(assignableTo(RuntimeException.class)))
                .as("the store's own classes (not its records, enums and exceptions)");
        noClasses().that().resideOutsideOfPackages(ENGINE_INTERNALS)
                .should().dependOnClassesThat(storeMachinery)
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.mqpool.(**)").should().beFreeOfCycles().check(classes);
    }
}
