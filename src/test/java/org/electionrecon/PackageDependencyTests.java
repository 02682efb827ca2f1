package org.electionrecon;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The packages form no cycle, and every arrow points down the order of the job's stages:
 * {@code model ← ingest ← staging ← reconcile ← settings ← report ← operate ← application}, with
 * {@code run} (exit codes, worker count, live status, the run catalogue, test hooks) and {@code cli}
 * (the command line's grammar) as leaves any package may use, and {@code sample} and {@code bench}
 * beside the job, reaching only down. Only the main classes are checked: tests may drive the
 * application from any package.
 */
class PackageDependencyTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.electionrecon");

	@Test
	void shouldHaveNoPackageCycle() {
		slices().matching("org.electionrecon.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void shouldPointEveryArrowDownTheStageOrder() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("Application").definedBy("org.electionrecon")
			.layer("Bench").definedBy("org.electionrecon.bench..")
			.layer("Sample").definedBy("org.electionrecon.sample..")
			.layer("Operate").definedBy("org.electionrecon.operate..")
			.layer("Report").definedBy("org.electionrecon.report..")
			.layer("Settings").definedBy("org.electionrecon.settings..")
			.layer("Reconcile").definedBy("org.electionrecon.reconcile..")
			.layer("Staging").definedBy("org.electionrecon.staging..")
			.layer("Ingest").definedBy("org.electionrecon.ingest..")
			.layer("Model").definedBy("org.electionrecon.model..")
			.layer("Run").definedBy("org.electionrecon.run..")
			.layer("Cli").definedBy("org.electionrecon.cli..")
			.whereLayer("Model").mayNotAccessAnyLayer()
			.whereLayer("Run").mayNotAccessAnyLayer()
			.whereLayer("Cli").mayNotAccessAnyLayer()
			.whereLayer("Ingest").mayOnlyAccessLayers("Model", "Run")
			.whereLayer("Staging").mayOnlyAccessLayers("Ingest", "Model", "Run")
			.whereLayer("Reconcile").mayOnlyAccessLayers("Staging", "Ingest", "Model", "Run")
			.whereLayer("Settings").mayOnlyAccessLayers("Reconcile", "Staging", "Ingest", "Model", "Run")
			.whereLayer("Report").mayOnlyAccessLayers("Settings", "Reconcile", "Staging", "Ingest", "Model", "Run")
			.whereLayer("Operate")
			.mayOnlyAccessLayers("Report", "Settings", "Reconcile", "Staging", "Ingest", "Model", "Run", "Cli")
			.whereLayer("Sample").mayOnlyAccessLayers("Ingest", "Model", "Run")
			.whereLayer("Bench").mayOnlyAccessLayers("Sample", "Run", "Cli")
			.whereLayer("Application").mayNotBeAccessedByAnyLayer()
			.check(MAIN);
	}
}
