package org.electionrecon.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The runs of the job database as the run-identity rules ask about them: the latest completed run
 * of some inputs or of an election, and the runs still marked as running. A run is a job instance;
 * its state is that of its latest execution (the one of the highest id, as Spring Batch's
 * {@code getLastJobExecution} has it).
 * <p>
 * Which run is meant is found by one query on Spring Batch's tables (instance, execution and
 * identifying parameters), and only that run's execution is loaded, without its step executions
 * and their contexts ({@link JobRepository#findJobExecutions}): a look-up costs about the same
 * after hundreds of runs of a night as after a few. Walking the runs through
 * {@code getLastJobExecution} loaded every run's step executions (over 300 a national run).
 */
public class RunCatalog {

	/** The reconciliation job's name: its runs are the job instances of this name. */
	public static final String JOB_NAME = "reconciliationJob";

	/** The job parameter holding the election date. */
	public static final String ELECTION = "election";
	/** The job parameter holding the SHA-256 of the input files' names and contents. */
	public static final String INPUTS = "inputs.sha256";
	/** The job parameter holding the SHA-256 of the settings that change findings. */
	public static final String SETTINGS = "settings.sha256";

	private final JdbcTemplate jdbc;
	private final JobRepository repository;
	private final String jobName;

	/**
	 * @param jdbc the job database, for the look-ups on Spring Batch's tables (default {@code BATCH_} prefix)
	 * @param repository the job repository, for loading the execution found
	 */
	public RunCatalog(JdbcTemplate jdbc, JobRepository repository, String jobName) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.jobName = jobName;
	}

	/**
	 * Which runs are meant, by their string parameters: those equal to a value, and those not equal
	 * to one (or absent). Usable as a predicate on parameters, and as conditions of a query.
	 */
	public record RunMatch(Map<String, String> equal, Map<String, String> notEqual) implements Predicate<JobParameters> {

		public RunMatch {
			equal = Map.copyOf(equal);
			notEqual = Map.copyOf(notEqual);
		}

		@Override
		public boolean test(JobParameters parameters) {
			return equal.entrySet().stream().allMatch(e -> e.getValue().equals(parameters.getString(e.getKey())))
					&& notEqual.entrySet().stream().noneMatch(e -> e.getValue().equals(parameters.getString(e.getKey())));
		}

		/** Runs meeting the conditions of both. */
		public RunMatch and(RunMatch other) {
			Map<String, String> eq = new LinkedHashMap<>(equal);
			eq.putAll(other.equal);
			Map<String, String> ne = new LinkedHashMap<>(notEqual);
			ne.putAll(other.notEqual);
			return new RunMatch(eq, ne);
		}
	}

	/** The newest run whose latest execution completed and whose parameters match, if any. */
	public Optional<JobExecution> latestCompleted(RunMatch matching) {
		return latestCompleted(matching, Long.MAX_VALUE);
	}

	/**
	 * The newest run older than {@code beforeRunId} whose latest execution completed and whose
	 * parameters match, if any: the run a new run is compared with.
	 */
	public Optional<JobExecution> latestCompleted(RunMatch matching, long beforeRunId) {
		return latest(matching, beforeRunId, Set.of(BatchStatus.COMPLETED));
	}

	/**
	 * The newest run older than {@code beforeRunId} whose latest execution ended with one of the
	 * statuses and whose parameters match, if any; its latest execution without its step executions.
	 */
	public Optional<JobExecution> latest(RunMatch matching, long beforeRunId, Set<BatchStatus> statuses) {
		return newestRunIds(matching, beforeRunId, statuses, 1).stream().findFirst().flatMap(this::lastExecution);
	}

	/**
	 * The ids of the newest runs (at most {@code limit}) older than {@code beforeRunId}, whose
	 * latest execution has one of the statuses (any when empty) and whose parameters match; newest first.
	 */
	public List<Long> newestRunIds(RunMatch matching, long beforeRunId, Set<BatchStatus> statuses, int limit) {
		StringBuilder sql = new StringBuilder("SELECT I.JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE I JOIN BATCH_JOB_EXECUTION E"
				+ " ON E.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID WHERE I.JOB_NAME = ? AND I.JOB_INSTANCE_ID < ?"
				+ " AND E.JOB_EXECUTION_ID = (SELECT MAX(L.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION L"
				+ " WHERE L.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID)");
		List<Object> arguments = new ArrayList<>(List.of(jobName, beforeRunId));
		if (!statuses.isEmpty()) {
			sql.append(statuses.stream().map(s -> "?").collect(Collectors.joining(", ", " AND E.STATUS IN (", ")")));
			statuses.stream().map(BatchStatus::name).sorted().forEach(arguments::add);
		}
		for (Map.Entry<String, String> condition : matching.equal().entrySet()) {
			sql.append(" AND EXISTS (").append(PARAMETER).append(')');
			arguments.add(condition.getKey());
			arguments.add(condition.getValue());
		}
		for (Map.Entry<String, String> condition : matching.notEqual().entrySet()) {
			sql.append(" AND NOT EXISTS (").append(PARAMETER).append(')');
			arguments.add(condition.getKey());
			arguments.add(condition.getValue());
		}
		sql.append(" ORDER BY I.JOB_INSTANCE_ID DESC FETCH FIRST ").append(Math.max(1, limit)).append(" ROWS ONLY");
		return jdbc.queryForList(sql.toString(), Long.class, arguments.toArray());
	}

	private static final String PARAMETER = "SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS P WHERE P.JOB_EXECUTION_ID"
			+ " = E.JOB_EXECUTION_ID AND P.PARAMETER_NAME = ? AND P.PARAMETER_VALUE = ?";

	/**
	 * A run's latest execution with its instance and parameters, but not its step executions or
	 * contexts; empty when there is no such run of this job.
	 */
	public Optional<JobExecution> lastExecution(long runId) {
		JobInstance instance = repository.getJobInstance(runId);
		if (instance == null || !jobName.equals(instance.getJobName())) {
			return Optional.empty();
		}
		return repository.findJobExecutions(instance)
			.stream()
			.filter(Objects::nonNull)
			.max(Comparator.comparingLong(JobExecution::getId));
	}

	/**
	 * The job parameters of a run (its latest execution's, loaded as {@link #lastExecution} loads
	 * it), or {@code null} when there is no such run.
	 */
	public JobParameters parameters(long runId) {
		return lastExecution(runId).map(JobExecution::getJobParameters).orElse(null);
	}

	/**
	 * A value a run's step recorded in its execution context (of the step's latest execution), or
	 * {@code null} when the run, the step or the value is not there.
	 */
	public String stepContextValue(long runId, String stepName, String key) {
		JobInstance instance = repository.getJobInstance(runId);
		if (instance == null) {
			return null;
		}
		org.springframework.batch.core.step.StepExecution step = repository.getLastStepExecution(instance, stepName);
		if (step == null || !step.getExecutionContext().containsKey(key)) {
			return null;
		}
		return String.valueOf(step.getExecutionContext().get(key));
	}

	/** Runs still marked as running (STARTING, STARTED or STOPPING) whose parameters match, oldest first. */
	public List<JobExecution> running(Predicate<JobParameters> matching) {
		return repository.findRunningJobExecutions(jobName)
			.stream()
			.filter(execution -> matching.test(execution.getJobParameters()))
			.sorted(Comparator.comparingLong(JobExecution::getId))
			.toList();
	}

	/** Parameters of the same election and inputs. */
	public static RunMatch sameInputs(String election, String fingerprint) {
		return new RunMatch(Map.of(ELECTION, election, INPUTS, fingerprint), Map.of());
	}

	/** Parameters of the same election. */
	public static RunMatch sameElection(String election) {
		return new RunMatch(Map.of(ELECTION, election), Map.of());
	}

	/** Parameters of the same settings. */
	public static RunMatch sameSettings(String digest) {
		return new RunMatch(Map.of(SETTINGS, digest), Map.of());
	}

	/** Parameters of other settings than these, or of none recorded (a run of an older version). */
	public static RunMatch otherSettings(String digest) {
		return new RunMatch(Map.of(), Map.of(SETTINGS, digest));
	}
}
