package org.electionrecon.operate;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.electionrecon.model.FindingStatus;
import org.electionrecon.model.Severity;
import org.electionrecon.run.RunCatalog;
import org.electionrecon.settings.RunSettings;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The runs in the job database, as an operator asks about them, through Spring Batch's
 * {@link JobRepository} query methods. A run is a job instance; its state is that of its latest
 * execution.
 */
public class RunHistory {

	private final JdbcTemplate jdbc;

	private final JobRepository repository;

	/**
	 * @param jdbc the staging tables, for the failure reasons and findings a run recorded
	 * @param repository the job repository, for the runs themselves
	 */
	public RunHistory(JdbcTemplate jdbc, JobRepository repository) {
		this.jdbc = jdbc;
		this.repository = repository;
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
		return repository.getJobInstances(RunCatalog.JOB_NAME, 0, limit)
			.stream()
			.sorted(Comparator.comparingLong(JobInstance::getInstanceId).reversed())
			.map(this::run)
			.filter(Objects::nonNull)
			.toList();
	}

	/** The run, or {@code null} when the job database has no run of that number. */
	public Run find(long runId) {
		JobInstance instance = repository.getJobInstance(runId);
		return instance == null || !RunCatalog.JOB_NAME.equals(instance.getJobName()) ? null : run(instance);
	}

	private Run run(JobInstance instance) {
		JobExecution execution = repository.getLastJobExecution(instance);
		if (execution == null) {
			return null;
		}
		StepExecution failed = execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparingLong(StepExecution::getId))
			.filter(step -> step.getStatus() != BatchStatus.COMPLETED)
			.findFirst()
			.orElse(null);
		String failedStep = failed == null ? null : failed.getStepName();
		List<String> recorded = failedStep == null ? List.of()
				: jdbc.queryForList("SELECT REASON FROM RECON_RUN_FAILURE WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?",
						String.class, execution.getId(), failedStep);
		String why = !recorded.isEmpty() ? recorded.get(0)
				: (failed == null ? execution.getExitStatus() : failed.getExitStatus()).getExitDescription();
		JobParameters parameters = execution.getJobParameters();
		Function<String, String> parameter = name -> {
			JobParameter<?> value = parameters.getParameter(name);
			return value == null ? null : String.valueOf(value.value());
		};
		return new Run(instance.getInstanceId(), execution.getId(), execution.getStatus().name(),
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
