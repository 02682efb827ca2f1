package org.electionrecon.operate;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.electionrecon.ingest.UnchangedFiles;
import org.electionrecon.model.Severity;
import org.electionrecon.run.ExitCodes;
import org.electionrecon.run.LiveStatus;
import org.electionrecon.run.RunCatalog;
import org.electionrecon.reconcile.Thresholds;
import org.electionrecon.settings.ReconProperties;
import org.electionrecon.settings.RunSettings;
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

import com.zaxxer.hikari.HikariDataSource;

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
	private final Thresholds thresholds;
	private final ReconProperties properties;
	private final RunCatalog runs;
	private final LiveStatus liveStatus;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	public ReconciliationRunner(JobOperator jobOperator, JobRepository jobRepository, Job reconciliationJob,
			DataSource dataSource, Thresholds thresholds, ReconProperties properties, LiveStatus liveStatus) {
		this.liveStatus = liveStatus;
		this.thresholds = thresholds;
		this.properties = properties;
		this.runs = new RunCatalog(new JdbcTemplate(dataSource), jobRepository, reconciliationJob.getName());
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = reconciliationJob;
		this.dataSource = dataSource;
		this.history = new RunHistory(new JdbcTemplate(dataSource), jobRepository);
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
		return run(input, output, election, rerun, false);
	}

	/**
	 * @param full read every input file again ({@code --full}), rather than copy the staged rows of
	 *     the files an earlier completed run staged unchanged; not part of the run's identity
	 */
	public int run(Path input, Path output, String election, boolean rerun, boolean full) {
		return run(input, output, election, rerun, full, ContentHashes.direct());
	}

	/**
	 * @param hashes the input files' SHA-256s for the run's fingerprint: read anew by the run
	 *     command, remembered for unchanged files by {@code watch} ({@link ContentHashes})
	 */
	public int run(Path input, Path output, String election, boolean rerun, boolean full, ContentHashes hashes) {
		return run(input, output, election, rerun, full, () -> InputFingerprint.of(input, hashes));
	}

	/**
	 * @param fingerprint the inputs' fingerprint ({@link InputFingerprint}) as the caller took it:
	 *     {@code watch} takes it once per update, for its own look-ups and the run, rather than
	 *     reading the folder again for each (the same remembered hashes would give the same value)
	 */
	public int run(Path input, Path output, String election, boolean rerun, boolean full, String fingerprint) {
		return run(input, output, election, rerun, full, () -> fingerprint);
	}

	/** The inputs' fingerprint, taken when the run needs it. */
	@FunctionalInterface
	private interface FingerprintSource {
		String fingerprint() throws IOException;
	}

	private int run(Path input, Path output, String election, boolean rerun, boolean full, FingerprintSource source) {
		RunSettings settings = RunSettings.of(election, thresholds, properties);
		log.info(RunAnnouncement.firstLine(input, output, databaseUrl(), settings));
		if (!databaseReady()) {
			return ExitCodes.FAILED;
		}
		String fingerprint;
		try {
			fingerprint = source.fingerprint();
		}
		catch (IOException ex) {
			log.error("Cannot read the input folder {}: {}", input, ExitCodes.oneLine(ex));
			return ExitCodes.FAILED;
		}
		RunCatalog.RunMatch sameInputs = RunCatalog.sameInputs(election, fingerprint);
		RunCatalog.RunMatch sameSettings = RunCatalog.sameSettings(settings.digest());
		List<JobExecution> running = runs.running(sameInputs);
		if (!running.isEmpty()) {
			JobExecution other = running.get(0);
			if (liveStatus.holdsJobDatabase()) {
				log.error("Run {} of these inputs is marked {} since {}, but its process is gone (killed, or the machine"
						+ " rebooted: no other process holds the job database). Mark it failed with the recover command,"
						+ " then run the same command again to resume it.", other.getJobInstance().getInstanceId(),
						other.getStatus(), time(other.getStartTime()));
				return ExitCodes.FAILED;
			}
			log.error("Run {} of these inputs is marked {} since {}: a second run of them would write the same workbooks."
					+ " If its process is still working, let it finish; if the process is gone (killed, a reboot), mark"
					+ " the run failed with the recover command, then run the same command again.",
					other.getJobInstance().getInstanceId(), other.getStatus(), time(other.getStartTime()));
			return ExitCodes.FAILED;
		}
		JobParametersBuilder builder = settings.addTo(new JobParametersBuilder().addString(RunCatalog.ELECTION, election)
			.addString(RunCatalog.INPUTS, fingerprint)
			.addString("input", input.toString(), false)
			.addString("output", output.toString(), false));
		if (rerun) {
			builder.addString("rerun", Instant.now().toString());
		}
		if (full) {
			// how the files are staged, not what is reconciled: the same inputs and settings are the same run
			builder.addString(UnchangedFiles.FULL, "true", false);
		}
		JobParameters parameters = builder.toJobParameters();
		Optional<JobExecution> latestOfElection = runs.latestCompleted(RunCatalog.sameElection(election));
		if (!rerun) {
			JobInstance instance = jobRepository.getJobInstance(job.getName(), parameters);
			JobExecution last = instance == null ? null : runs.lastExecution(instance.getInstanceId()).orElse(null);
			Optional<JobExecution> done = runs.latestCompleted(sameInputs.and(sameSettings));
			if (done.isPresent() && (last == null || last.getStatus() == BatchStatus.COMPLETED
					|| done.get().getJobInstance().getInstanceId() > instance.getInstanceId())) {
				if (full) {
					log.info("--full reads every input file again only for a run that reads its inputs: these inputs"
							+ " are reconciled already. Give --rerun --full to reconcile them anew from every file.");
				}
				return alreadyReconciled(done.get(), latestOfElection.orElseThrow(), settings);
			}
			if (last != null) {
				long runId = instance.getInstanceId();
				if (latestOfElection.isPresent() && latestOfElection.get().getJobInstance().getInstanceId() > runId) {
					log.error("Run {} of these inputs {} before run {} completed: restarting it would write its workbooks"
							+ " over run {}'s, with revisions counted from an older run. Give --rerun to reconcile these"
							+ " inputs as a new run.", runId, last.getStatus(),
							latestOfElection.get().getJobInstance().getInstanceId(),
							latestOfElection.get().getJobInstance().getInstanceId());
					return ExitCodes.FAILED;
				}
				log.info("Restarting run {} ({}) where it stopped", runId, last.getStatus());
				return launch(parameters);
			}
		}
		runs.latestCompleted(sameInputs.and(RunCatalog.otherSettings(settings.digest())))
			.ifPresent(other -> log.info("These inputs were reconciled by run {} with other settings: {}. This is a new run.",
					other.getJobInstance().getInstanceId(), differences(settings, other)));
		return launch(parameters);
	}

	/** The answer when a completed run already has these inputs and settings: its outcome again. */
	private int alreadyReconciled(JobExecution done, JobExecution latestOfElection, RunSettings settings) {
		long runId = done.getJobInstance().getInstanceId();
		int previous = outcome(done);
		log.info("Run {} already reconciled these inputs with these settings (completed {}); its outcome stands: exit code {}."
				+ " Use --rerun to run them again, or the report command to rebuild its workbooks.", runId,
				time(done.getEndTime()), previous);
		long latest = latestOfElection.getJobInstance().getInstanceId();
		if (latest != runId) {
			boolean sameInputs = Objects.equals(latestOfElection.getJobParameters().getString(RunCatalog.INPUTS),
					done.getJobParameters().getString(RunCatalog.INPUTS));
			log.warn("Run {} is the latest completed run of {}, with {}{}: the workbooks in {} are its own unless"
					+ " rebuilt (report --run={}).", latest, settings.values().get(RunSettings.ELECTION),
					sameInputs ? "the same inputs and other settings" : "other inputs",
					sameInputs ? " (" + differences(settings, latestOfElection) + ")" : "",
					latestOfElection.getJobParameters().getString("output"), runId);
		}
		return previous;
	}

	private static String differences(RunSettings settings, JobExecution other) {
		RunSettings theirs = RunSettings.of(other.getJobParameters());
		if (theirs == null) {
			return "run " + other.getJobInstance().getInstanceId() + " recorded no settings (made by an older version)";
		}
		return String.join(", ", settings.differencesFrom(theirs, "run " + other.getJobInstance().getInstanceId()));
	}

	private static String time(LocalDateTime time) {
		return time == null ? "an unknown time" : TIME.format(time);
	}

	/** The job database's address without a password, for the run's first line. */
	private String databaseUrl() {
		return dataSource instanceof HikariDataSource hikari ? RunAnnouncement.withoutSecrets(hikari.getJdbcUrl())
				: dataSource.getClass().getSimpleName();
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
		long runId = failed.getJobInstance().getInstanceId();
		String election = failed.getJobParameters().getString(RunCatalog.ELECTION);
		Optional<JobExecution> latest = runs.latestCompleted(RunCatalog.sameElection(String.valueOf(election)));
		if (latest.isPresent() && latest.get().getJobInstance().getInstanceId() > runId) {
			long newer = latest.get().getJobInstance().getInstanceId();
			log.error("Run {} is older than run {}, the latest completed run of {}: restarting it would write its workbooks"
					+ " over run {}'s. Reconcile the current inputs as a new run instead (the run command; --rerun if a"
					+ " completed run already has them).", runId, newer, election, newer);
			return ExitCodes.FAILED;
		}
		RunSettings recorded = RunSettings.of(failed.getJobParameters());
		RunSettings now = RunSettings.of(String.valueOf(election), thresholds, properties);
		if (recorded != null && !recorded.digest().equals(now.digest())) {
			log.error("Run {} was started with other settings than these: {}. Restart it with the settings it was started"
					+ " with, or reconcile with these settings as a new run (the run command).", runId,
					String.join(", ", now.differencesFrom(recorded, "run " + runId)));
			return ExitCodes.FAILED;
		}
		log.info("Restarting run {} ({}) where it stopped", runId, failed.getStatus());
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
					? "SOURCE_MISSING " + jdbc.queryForList("SELECT MESSAGE FROM RECON_FINDING WHERE RUN_ID = ? AND CHECK_CODE"
							+ " = 'SOURCE_MISSING' AND SOURCE = 'register/'", String.class, runId).stream().findFirst()
								.orElse("register/ is missing or empty: no constituency can be matched") + " (put the register in register/)"
					: "no register constituency has a verification statement or a declaration");
			return ExitCodes.FAILED;
		}
		Map<Severity, Long> open = history.openFindings(runId);
		long errors = open.get(Severity.ERROR);
		long warnings = open.get(Severity.WARNING);
		return errors > 0 ? ExitCodes.ERRORS : warnings > 0 ? ExitCodes.WARNINGS : ExitCodes.CLEAN;
	}
}
