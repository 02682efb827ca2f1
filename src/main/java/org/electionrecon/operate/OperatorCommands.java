package org.electionrecon.operate;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.electionrecon.run.ExitCodes;
import org.electionrecon.model.Severity;
import org.electionrecon.report.ReportTasklet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * What an operator on the overnight shift does with runs: see them ({@code status}), resume a
 * failed one ({@code restart}), mark one that died without saying so as failed ({@code recover}),
 * and rebuild a run's workbooks from what it staged ({@code report}).
 */
public class OperatorCommands {

	private static final Logger log = LoggerFactory.getLogger(OperatorCommands.class);
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final RunHistory history;
	private final JobRepository jobRepository;
	private final JobOperator jobOperator;
	private final ReconciliationRunner runner;
	private final ReportTasklet reports;
	private final FailureRecorder failures;
	/** This process holds the embedded job database's lock: a run marked as running has no live process. */
	private final boolean holdsJobDatabase;

	public OperatorCommands(RunHistory history, JobRepository jobRepository, JobOperator jobOperator,
			ReconciliationRunner runner, ReportTasklet reports, FailureRecorder failures, boolean holdsJobDatabase) {
		this.holdsJobDatabase = holdsJobDatabase;
		this.failures = failures;
		this.history = history;
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.runner = runner;
		this.reports = reports;
	}

	public int status(Long runId, PrintStream out) {
		if (!runner.databaseReady()) {
			return ExitCodes.FAILED;
		}
		List<RunHistory.Run> runs = runId == null ? history.recent(10)
				: history.find(runId) == null ? List.of() : List.of(history.find(runId));
		if (runs.isEmpty()) {
			out.println(runId == null ? "No runs in this job database yet." : "There is no run " + runId + ".");
			return runId == null ? ExitCodes.CLEAN : ExitCodes.FAILED;
		}
		out.printf("%-5s %-10s %-19s %-19s %-10s %-7s %-7s %-7s %s%n", "run", "status", "start", "end", "election",
				"errors", "warn", "info", "inputs, settings");
		for (RunHistory.Run run : runs) {
			Map<Severity, Long> open = history.openFindings(run.runId());
			out.printf("%-5d %-10s %-19s %-19s %-10s %-7d %-7d %-7d %s (%s), settings %s%n", run.runId(), run.status(),
					run.start() == null ? "" : TIME.format(run.start()), run.end() == null ? "" : TIME.format(run.end()),
					run.election(), open.get(Severity.ERROR), open.get(Severity.WARNING), open.get(Severity.INFO),
					run.input(), run.fingerprint() == null ? "" : run.fingerprint().substring(0, 12),
					run.settings() == null ? "not recorded" : run.settings().describe());
			if (BatchStatus.valueOf(run.status()).isRunning()) {
				out.printf(holdsJobDatabase ? "      left running in %s by a process that is gone (no process holds the job"
						+ " database): use recover, then run the same command again%n"
						: "      running in %s (if its process is gone, use recover)%n",
						run.failedStep() == null ? "the job" : run.failedStep());
			}
			else if (run.failedStep() != null || ("FAILED".equals(run.status()) && run.exitDescription() != null)) {
				out.printf("      failed in %s: %s%n", run.failedStep() == null ? "the job" : run.failedStep(),
						run.exitDescription() == null ? "(no message recorded)" : run.exitDescription());
			}
		}
		return ExitCodes.CLEAN;
	}

	/** Restarts the given run, or the most recent one that failed or stopped. */
	public int restart(Long runId) {
		if (!runner.databaseReady()) {
			return ExitCodes.FAILED;
		}
		RunHistory.Run run = runId != null ? history.find(runId)
				: history.latestWithStatus(Set.of(BatchStatus.FAILED, BatchStatus.STOPPED));
		if (run == null) {
			log.error(runId == null ? "There is no failed run to restart." : "There is no run " + runId + ".");
			return ExitCodes.FAILED;
		}
		if (!"FAILED".equals(run.status()) && !"STOPPED".equals(run.status())) {
			log.error("Run {} is {}: only a failed or stopped run can be restarted{}", run.runId(), run.status(),
					BatchStatus.valueOf(run.status()).isRunning() ? " (use recover first if its process is gone)" : "");
			return ExitCodes.FAILED;
		}
		if (run.input() != null && run.fingerprint() != null) {
			try {
				if (!run.fingerprint().equals(InputFingerprint.of(Path.of(run.input())))) {
					log.error("The inputs in {} have changed since run {} failed: a restart would mix old and new files."
							+ " Run the job on them instead (a new run).", run.input(), run.runId());
					return ExitCodes.FAILED;
				}
			}
			catch (java.io.IOException ex) {
				log.error("Cannot read the inputs of run {} in {}: {}", run.runId(), run.input(), ExitCodes.oneLine(ex));
				return ExitCodes.FAILED;
			}
		}
		return runner.restart(jobRepository.getJobExecution(run.executionId()));
	}

	/** The statuses of a run still marked as running (STARTING, STARTED, STOPPING). */
	private static final Set<BatchStatus> RUNNING = java.util.EnumSet.copyOf(
			java.util.Arrays.stream(BatchStatus.values()).filter(BatchStatus::isRunning).toList());

	/** Marks runs left STARTED by a process that died (kill -9, a reboot) as FAILED, so they can restart. */
	public int recover(Long runId) {
		if (!runner.databaseReady()) {
			return ExitCodes.FAILED;
		}
		RunHistory.Run named = runId == null ? null : history.find(runId);
		List<RunHistory.Run> runs = (runId == null ? history.withStatus(RUNNING, Integer.MAX_VALUE)
				: named == null ? List.<RunHistory.Run>of() : List.of(named))
			.stream()
			.filter(r -> BatchStatus.valueOf(r.status()).isRunning())
			.toList();
		if (runs.isEmpty()) {
			log.info(runId == null ? "No run is marked as running: nothing to recover."
					: "Run " + runId + " is not marked as running: nothing to recover.");
			return runId == null ? ExitCodes.CLEAN : ExitCodes.FAILED;
		}
		for (RunHistory.Run run : runs) {
			JobExecution execution = jobRepository.getJobExecution(run.executionId());
			jobOperator.recover(execution);
			failures.record(run.runId(), run.executionId(), run.failedStep() == null ? "the job" : run.failedStep(),
					"the process died while running this step (marked failed by recover)");
			log.info("Run {} marked FAILED; run the same command again, or restart, to resume it", run.runId());
		}
		return ExitCodes.CLEAN;
	}

	/** Rebuilds the workbooks of a run (by default the latest completed one) from its staged data. */
	public int report(Long runId, Path output) {
		if (!runner.databaseReady()) {
			return ExitCodes.FAILED;
		}
		RunHistory.Run run = runId != null ? history.find(runId)
				: history.latestWithStatus(Set.of(BatchStatus.COMPLETED));
		if (run == null) {
			log.error(runId == null ? "There is no completed run to report." : "There is no run " + runId + ".");
			return ExitCodes.FAILED;
		}
		JobExecution execution = jobRepository.getJobExecution(run.executionId());
		try {
			List<Path> written = reports.rebuildReports(execution, output);
			if (written.isEmpty()) {
				log.error("Run {} staged no report area", run.runId());
				return ExitCodes.FAILED;
			}
		}
		catch (Exception ex) {
			log.error("The report of run {} could not be written: {}", run.runId(), ExitCodes.oneLine(ex));
			return ExitCodes.FAILED;
		}
		return "COMPLETED".equals(run.status()) ? runner.exitCode(execution) : ExitCodes.FAILED;
	}
}
