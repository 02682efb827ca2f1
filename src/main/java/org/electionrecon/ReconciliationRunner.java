package org.electionrecon;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

import org.electionrecon.model.FindingStatus;
import org.electionrecon.staging.StagingSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Launches the reconciliation job and turns its outcome into the exit code. */
@Component
public class ReconciliationRunner {

	private static final Logger log = LoggerFactory.getLogger(ReconciliationRunner.class);

	private final JobOperator jobOperator;
	private final Job job;
	private final DataSource dataSource;

	public ReconciliationRunner(JobOperator jobOperator, Job reconciliationJob, DataSource dataSource) {
		this.jobOperator = jobOperator;
		this.job = reconciliationJob;
		this.dataSource = dataSource;
	}

	public int run(Path input, Path output, String election) {
		try {
			StagingSchema.ensure(dataSource);
		}
		catch (SQLException ex) {
			log.error("The job database is unavailable: {}", ExitCodes.oneLine(ex));
			return ExitCodes.FAILED;
		}
		JobParameters parameters = new JobParametersBuilder().addString("input", input.toString())
			.addString("output", output.toString())
			.addString("election", election)
			.addString("run.requested", Instant.now().toString())
			.toJobParameters();
		JobExecution execution;
		try {
			execution = jobOperator.start(job, parameters);
		}
		catch (Exception ex) {
			log.error("The job could not start: {}", ExitCodes.oneLine(ex));
			return ExitCodes.FAILED;
		}
		return exitCode(execution);
	}

	public int exitCode(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			String why = execution.getAllFailureExceptions().stream().findFirst().map(ExitCodes::oneLine)
				.orElse(execution.getExitStatus().getExitDescription());
			log.error("Run {} {}: {}", execution.getJobInstance().getInstanceId(), execution.getStatus(), why);
			return ExitCodes.FAILED;
		}
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		long runId = execution.getJobInstance().getInstanceId();
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
		Long errors = jdbc.queryForObject("SELECT COUNT(*) FROM RECON_FINDING WHERE RUN_ID = ? AND STATUS = ? AND SEVERITY = ?",
				Long.class, runId, FindingStatus.OPEN.name(), "ERROR");
		Long warnings = jdbc.queryForObject(
				"SELECT COUNT(*) FROM RECON_FINDING WHERE RUN_ID = ? AND STATUS = ? AND SEVERITY = ?", Long.class, runId,
				FindingStatus.OPEN.name(), "WARNING");
		int code = errors != null && errors > 0 ? ExitCodes.ERRORS
				: warnings != null && warnings > 0 ? ExitCodes.WARNINGS : ExitCodes.CLEAN;
		log.info("Run {} completed: {} open errors, {} open warnings; exit code {}", runId, errors, warnings, code);
		return code;
	}
}
