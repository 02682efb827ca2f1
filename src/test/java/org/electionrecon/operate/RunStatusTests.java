package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.electionrecon.run.LiveStatus;
import org.electionrecon.run.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status file the process holding the embedded database keeps, what others make of it, and
 * the lock itself within one JVM (the JVM-to-JVM case: {@link DatabaseInUseTests}).
 */
class RunStatusTests {

	private static final Instant STARTED = Instant.parse("2026-12-05T01:02:03Z");

	private static String local(Instant instant) {
		return RunStatus.TIME.format(instant);
	}

	@Test
	void shouldReadBackWhatItWroteWhole(@TempDir Path folder) throws Exception {
		RunStatus status = new RunStatus("run", 12345, "deskhost", STARTED, folder, 4L, "ingestStep",
				"ingestStep: 120 of 331 files, 14.2 of 28.0 MB, 3.1 MB/s, about 5 s left", STARTED.plusSeconds(9));
		Path file = folder.resolve(DatabaseLock.STATUS_FILE);
		status.write(file);
		assertThat(RunStatus.read(file)).contains(status);
		assertThat(Cli.names(folder)).as("no temporary file left").containsExactly(DatabaseLock.STATUS_FILE);
		Files.writeString(file, "pid=not a number\n");
		assertThat(RunStatus.read(file)).isEmpty();
		assertThat(RunStatus.read(folder.resolve("missing"))).isEmpty();
	}

	@Test
	void shouldNameTheRunningRunInOneLine() {
		Path database = Path.of("/x/.election-recon-db").toAbsolutePath();
		RunStatus starting = new RunStatus("run", 12345, "deskhost", STARTED, database, null, null, null, STARTED);
		assertThat(starting.busyMessage()).isEqualTo("a run that is starting (process 12345 on deskhost, started "
				+ local(STARTED) + ") is using the job database " + database
				+ "; wait for it to finish (status shows its progress)");
		assertThat(starting.withRun(4, STARTED).busyMessage()).isEqualTo("run 4 (process 12345 on deskhost, started "
				+ local(STARTED) + ") is using the job database " + database
				+ "; wait for it to finish (status shows its progress)");
		RunStatus report = new RunStatus("report", 77, "deskhost", STARTED, database, null, null, null, STARTED);
		assertThat(report.busyMessage()).isEqualTo("the report command (process 77 on deskhost, started "
				+ local(STARTED) + ") is using the job database " + database + "; try again when it has finished");
	}

	@Test
	void shouldReportTheRunningStepItsProgressAndHowOldItIs() {
		Path database = Path.of("/x/.election-recon-db").toAbsolutePath();
		RunStatus run = new RunStatus("run", 12345, "deskhost", STARTED, database, 4L, null, null, STARTED);
		String head = "Run 4 (process 12345 on deskhost, started " + local(STARTED) + ") is using the job database "
				+ database + "\n";
		String tail = "The list of runs shows again when it has finished.\n";
		assertThat(run.report(STARTED.plusSeconds(3))).isEqualTo(head + "  starting (3 s ago)\n" + tail);
		assertThat(run.withStep("areaChecksStep", null, STARTED).report(STARTED.plusSeconds(1)))
			.isEqualTo(head + "  in areaChecksStep (1 s ago)\n" + tail);
		assertThat(run.withStep("reportStep", "reportStep: 100 of 331 areas, 20.0 areas/s, about 12 s left", STARTED)
			.report(STARTED.plusSeconds(600)))
			.isEqualTo(head + "  reportStep: 100 of 331 areas, 20.0 areas/s, about 12 s left (10 min ago)\n" + tail);
	}

	@Test
	void shouldLetOneHolderInAtATimeAndRemoveItsStatusWhenItLetsGo(@TempDir Path folder) throws Exception {
		Path database = folder.resolve("db");
		DatabaseLock.Attempt first = DatabaseLock.tryAcquire(database, "run");
		assertThat(first.acquired()).isTrue();
		DatabaseLock.Attempt second = DatabaseLock.tryAcquire(database, "status");
		assertThat(second.acquired()).isFalse();
		assertThat(second.holder()).get()
			.extracting(RunStatus::command, RunStatus::pid, RunStatus::database, RunStatus::run)
			.containsExactly("run", ProcessHandle.current().pid(), database, null);
		first.lock().close();
		assertThat(Cli.names(database)).containsExactly(DatabaseLock.LOCK_FILE);
		try (DatabaseLock third = DatabaseLock.tryAcquire(database, "report").lock()) {
			assertThat(third).isNotNull();
			assertThat(RunStatus.read(third.statusFile())).get().extracting(RunStatus::command).isEqualTo("report");
		}
	}

	@Test
	void shouldGuardOnlyTheEmbeddedDatabase() {
		Properties none = new Properties();
		assertThat(DatabaseLock.guardsDatabaseOf(List.of("--recon.chunk-size=6"), Map.of(), none)).isTrue();
		assertThat(DatabaseLock.guardsDatabaseOf(List.of("--spring.profiles.active=postgres"), Map.of(), none)).isFalse();
		assertThat(DatabaseLock.guardsDatabaseOf(List.of("--spring.profiles.active=dev, postgres"), Map.of(), none))
			.isFalse();
		assertThat(DatabaseLock.guardsDatabaseOf(List.of("--spring.profiles.active=postgresql"), Map.of(), none))
			.as("another profile").isTrue();
		assertThat(DatabaseLock.guardsDatabaseOf(List.of("--spring.datasource.url=jdbc:hsqldb:mem:x"), Map.of(), none))
			.isFalse();
		assertThat(DatabaseLock.guardsDatabaseOf(List.of(), Map.of("SPRING_PROFILES_ACTIVE", "postgres"), none)).isFalse();
		assertThat(DatabaseLock.guardsDatabaseOf(List.of(), Map.of("SPRING_DATASOURCE_URL", "jdbc:x"), none)).isFalse();
		Properties profile = new Properties();
		profile.setProperty("spring.profiles.active", "postgres");
		assertThat(DatabaseLock.guardsDatabaseOf(List.of(), Map.of(), profile)).isFalse();
	}

	@Test
	void shouldKeepTheStatusFileAtEachStepAndAtMostEveryQuarterSecondBetween(@TempDir Path folder) throws Exception {
		Path file = folder.resolve(DatabaseLock.STATUS_FILE);
		RunStatus.ofThisProcess("run", folder, STARTED).write(file);
		AtomicLong nanos = new AtomicLong();
		LiveStatus live = new LiveStatus(file, Clock.fixed(STARTED.plusSeconds(2), ZoneId.of("UTC")), nanos::get);
		live.stepStarted("reconcileStep");
		assertThat(RunStatus.read(file)).get().extracting(RunStatus::step, RunStatus::progress)
			.containsExactly("reconcileStep", null);
		nanos.set(1_000_000_000L);
		LiveStatus.Progress progress = live.track("reconcileStep", "constituencies", 650, -1, 0, 0);
		assertThat(RunStatus.read(file)).get().extracting(RunStatus::progress)
			.isEqualTo("reconcileStep: 0 of 650 constituencies");
		nanos.addAndGet(100_000_000L);
		progress.update(25);
		assertThat(RunStatus.read(file)).get().extracting(RunStatus::progress).as("a tenth of a second later")
			.isEqualTo("reconcileStep: 0 of 650 constituencies");
		assertThat(live.current().progress()).isEqualTo(
				"reconcileStep: 25 of 650 constituencies, 250.0 constituencies/s, about 3 s left");
		nanos.addAndGet(150_000_000L);
		progress.update(50);
		assertThat(RunStatus.read(file)).get()
			.extracting(RunStatus::command, RunStatus::started, RunStatus::step, RunStatus::progress)
			.containsExactly("run", STARTED, "reconcileStep",
					"reconcileStep: 50 of 650 constituencies, 200.0 constituencies/s, about 3 s left");
	}
}
