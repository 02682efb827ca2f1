package org.electionrecon.operate;

import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.electionrecon.model.FindingStatus;
import org.electionrecon.model.Severity;
import org.electionrecon.run.RunCatalog;
import org.electionrecon.settings.RunSettings;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The runs in the job database, as an operator asks about them. A run is a job instance; its state
 * is that of its latest execution. Runs are found through {@link RunCatalog} (one query on Spring
 * Batch's tables) and each is read without its step executions, so that a question about the
 * latest runs costs the same late in a night of hundreds of runs as early in it.
 */
public class RunHistory {

	private final JdbcTemplate jdbc;

	private final RunCatalog catalog;

	private static final RunCatalog.RunMatch ANY = new RunCatalog.RunMatch(Map.of(), Map.of());

	/**
	 * @param jdbc the staging tables, for the failure reasons and findings a run recorded
	 * @param repository the job repository, for the runs themselves
	 */
	public RunHistory(JdbcTemplate jdbc, JobRepository repository) {
		this.jdbc = jdbc;
		this.catalog = new RunCatalog(jdbc, repository, RunCatalog.JOB_NAME);
	}

	/**
	 * A run's latest execution.
	 *
	 * @param failedStep the step that did not complete, with its exit description, or {@code null}
	 * @param settings the settings that change findings, as the run recorded them ({@code null} before they were)
	 */
	public record Run(long runId, long executionId, String status, LocalDateTime start, LocalDateTime end,
			String election, String input, String fingerprint, String failedStep, String exitDescription,
			RunSettings settings) {
	}

	/** The most recent runs, newest first. */
	public List<Run> recent(int limit) {
		return runs(Set.of(), limit);
	}

	/** The most recent runs (at most {@code limit}) whose latest execution has one of the statuses, newest first. */
	public List<Run> withStatus(Set<BatchStatus> statuses, int limit) {
		return statuses.isEmpty() ? List.of() : runs(statuses, limit);
	}

	/** The newest run whose latest execution has one of the statuses, or {@code null}. */
	public Run latestWithStatus(Set<BatchStatus> statuses) {
		return withStatus(statuses, 1).stream().findFirst().orElse(null);
	}

	private List<Run> runs(Set<BatchStatus> statuses, int limit) {
		return catalog.newestRunIds(ANY, Long.MAX_VALUE, statuses, limit)
			.stream()
			.map(this::find)
			.filter(Objects::nonNull)
			.toList();
	}

	/** The run, or {@code null} when the job database has no run of that number. */
	public Run find(long runId) {
		JobExecution execution = catalog.lastExecution(runId).orElse(null);
		return execution == null ? null : run(execution);
	}

	/** A run from its latest execution, loaded without its step executions: the failed step is looked up alone. */
	private Run run(JobExecution execution) {
		List<String[]> failed = jdbc.query("SELECT STEP_NAME, EXIT_MESSAGE FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
				+ " AND STATUS <> ? ORDER BY STEP_EXECUTION_ID FETCH FIRST 1 ROWS ONLY",
				(rs, i) -> new String[] { rs.getString(1), rs.getString(2) }, execution.getId(),
				BatchStatus.COMPLETED.name());
		String failedStep = failed.isEmpty() ? null : failed.get(0)[0];
		List<String> recorded = failedStep == null ? List.of()
				: jdbc.queryForList("SELECT REASON FROM RECON_RUN_FAILURE WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?",
						String.class, execution.getId(), failedStep);
		String why = !recorded.isEmpty() ? recorded.get(0)
				: failed.isEmpty() ? execution.getExitStatus().getExitDescription() : failed.get(0)[1];
		JobParameters parameters = execution.getJobParameters();
		Function<String, String> parameter = name -> {
			JobParameter<?> value = parameters.getParameter(name);
			return value == null ? null : String.valueOf(value.value());
		};
		return new Run(execution.getJobInstance().getInstanceId(), execution.getId(), execution.getStatus().name(),
				execution.getStartTime(), execution.getEndTime(), parameter.apply(RunCatalog.ELECTION),
				parameter.apply("input"), parameter.apply(RunCatalog.INPUTS), failedStep, firstLine(why),
				RunSettings.recorded(parameter));
	}

	private static String firstLine(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		return text.lines().findFirst().orElse(text).strip();
	}

	/** Open findings by severity (explained ones do not count towards the exit code). */
	public Map<Severity, Long> openFindings(long runId) {
		Map<Severity, Long> counts = new EnumMap<>(Severity.class);
		for (Severity severity : Severity.values()) {
			counts.put(severity, 0L);
		}
		jdbc.query("SELECT SEVERITY, COUNT(*) FROM RECON_FINDING WHERE RUN_ID = ? AND STATUS = ? GROUP BY SEVERITY",
				rs -> {
					counts.put(Severity.valueOf(rs.getString(1)), rs.getLong(2));
				}, runId, FindingStatus.OPEN.name());
		return counts;
	}
}
