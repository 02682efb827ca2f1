package org.electionrecon;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import org.electionrecon.model.Severity;
import org.electionrecon.operate.InputFingerprint;
import org.electionrecon.operate.RunHistory;
import org.electionrecon.operate.RunSummary;
import org.electionrecon.report.ReportTasklet;
import org.electionrecon.staging.StagingSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Launches the reconciliation job and turns its outcome into the exit code. A run is identified
 * by its election and the fingerprint of its inputs: the same inputs restart a failed run and do
 * not silently repeat a completed one; changed inputs make a new run.
 */
@Component
public class ReconciliationRunner {

	private static final Logger log = LoggerFactory.getLogger(ReconciliationRunner.class);

	private final JobOperator jobOperator;
	private final JobRepository jobRepository;
	private final Job job;
	private final DataSource dataSource;
	private final RunHistory history;

	public ReconciliationRunner(JobOperator jobOperator, JobRepository jobRepository, Job reconciliationJob,
			DataSource dataSource) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = reconciliationJob;
		this.dataSource = dataSource;
		this.history = new RunHistory(new JdbcTemplate(dataSource));
	}

	/** Creates the tables of a new database; {@code false} (logged) when the database cannot be used. */
	public boolean databaseReady() {
		try {
			StagingSchema.ensure(dataSource);
			return true;
		}
		catch (SQLException | RuntimeException ex) {
			log.error("The job database is unavailable: {}", ExitCodes.oneLine(ex));
			return false;
		}
	}

	public int run(Path input, Path output, String election, boolean rerun) {
		if (!databaseReady()) {
			return ExitCodes.FAILED;
		}
		String fingerprint;
		try {
			fingerprint = InputFingerprint.of(input);
		}
		catch (IOException ex) {
			log.error("Cannot read the input folder {}: {}", input, ExitCodes.oneLine(ex));
			return ExitCodes.FAILED;
		}
		JobParametersBuilder builder = new JobParametersBuilder().addString("election", election)
			.addString("inputs.sha256", fingerprint)
			.addString("input", input.toString(), false)
			.addString("output", output.toString(), false);
		if (rerun) {
			builder.addString("rerun", Instant.now().toString());
		}
		JobParameters parameters = builder.toJobParameters();
		JobInstance instance = jobRepository.getJobInstance(job.getName(), parameters);
		if (instance != null) {
			JobExecution last = jobRepository.getLastJobExecution(instance);
			if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
				int previous = outcome(last);
				log.info("Run {} already reconciled these inputs (completed {}); its outcome stands: exit code {}."
						+ " Use --rerun to run them again, or the report command to rebuild its workbooks.",
						instance.getInstanceId(), last.getEndTime(), previous);
				return previous;
			}
			if (last != null && last.getStatus().isRunning()) {
				log.error("Run {} for these inputs is marked {} since {}. If no other process is running it (the"
						+ " machine rebooted, the JVM was killed), mark it failed with the recover command, then run"
						+ " again to restart it.", instance.getInstanceId(), last.getStatus(), last.getStartTime());
				return ExitCodes.FAILED;
			}
			if (last != null) {
				log.info("Restarting run {} ({}) where it stopped", instance.getInstanceId(), last.getStatus());
			}
		}
		return launch(parameters);
	}

	private int launch(JobParameters parameters) {
		try {
			return exitCode(jobOperator.start(job, parameters));
		}
		catch (Exception ex) {
			log.error("The job could not start: {}", ExitCodes.oneLine(ex));
			return ExitCodes.FAILED;
		}
	}

	/** Restarts a failed or stopped run from the step and chunk where it stopped. */
	public int restart(JobExecution failed) {
		try {
			return exitCode(jobOperator.restart(failed));
		}
		catch (Exception ex) {
			log.error("Run {} could not be restarted: {}", failed.getJobInstance().getInstanceId(), ExitCodes.oneLine(ex));
			return ExitCodes.FAILED;
		}
	}

	public int exitCode(JobExecution execution) {
		int code = outcome(execution);
		if (execution.getStatus() == BatchStatus.COMPLETED && code != ExitCodes.FAILED) {
			// the last word: findings by severity, check and area, what was read, the workbooks, the exit code
			for (String line : new RunSummary(new JdbcTemplate(dataSource))
				.lines(execution.getJobInstance().getInstanceId(), ReportTasklet.written(execution), code)) {
				log.info(line);
			}
		}
		return code;
	}

	/** The exit code a finished execution gives, with the reason logged when it is a failure. */
	private int outcome(JobExecution execution) {
		long runId = execution.getJobInstance().getInstanceId();
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			String why = execution.getAllFailureExceptions().stream().findFirst().map(ExitCodes::oneLine)
				.orElse(execution.getExitStatus().getExitDescription());
			log.error("Run {} {}: {}. Fix the cause, then run the same command again (or use restart) to resume it.",
					runId, execution.getStatus(), why);
			return ExitCodes.FAILED;
		}
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		Long areas = jdbc.queryForObject("SELECT COUNT(DISTINCT AREA) FROM RECON_FIGURES WHERE RUN_ID = ?", Long.class,
				runId);
		if (areas == null || areas == 0) {
			Long registered = jdbc.queryForObject("SELECT COUNT(*) FROM RECON_CONSTITUENCY WHERE RUN_ID = ?", Long.class,
					runId);
			log.error("Run {} wrote no report: {}", runId, registered == null || registered == 0
					? "the register is missing or empty, so no constituency can be matched (put it in register/)"
					: "no register constituency has a verification statement or a declaration");
			return ExitCodes.FAILED;
		}
		Map<Severity, Long> open = history.openFindings(runId);
		long errors = open.get(Severity.ERROR);
		long warnings = open.get(Severity.WARNING);
		return errors > 0 ? ExitCodes.ERRORS : warnings > 0 ? ExitCodes.WARNINGS : ExitCodes.CLEAN;
	}
}
