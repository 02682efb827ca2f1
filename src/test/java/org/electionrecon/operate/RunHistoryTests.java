package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;

import org.electionrecon.reconcile.ConstituencyFactsRepository;
import org.electionrecon.run.RunCatalog;
import org.electionrecon.settings.RunSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Run history read through the job repository: runs made with Spring Batch's own API, in a
 * database of their own, read back field for field.
 */
class RunHistoryTests {

	private static final LocalDateTime NIGHT = LocalDateTime.of(2024, 7, 5, 1, 30, 0);

	private JobRepository repository;

	private JdbcTemplate jdbc;

	private RunHistory history;

	@BeforeEach
	void setUp() throws Exception {
		org.electionrecon.run.InMemoryJobRepository database = org.electionrecon.run.InMemoryJobRepository
			.open("run-history");
		repository = database.repository();
		jdbc = database.jdbc();
		history = new RunHistory(jdbc, repository);
	}

	private static JobParameters parameters(String election, String fingerprint, boolean settings) {
		JobParametersBuilder builder = new JobParametersBuilder().addString(RunCatalog.ELECTION, election)
			.addString(RunCatalog.INPUTS, fingerprint)
			.addString("input", "/data/" + election, false);
		return settings ? RunSettings.defaults(election).addTo(builder).toJobParameters() : builder.toJobParameters();
	}

	/** One execution of the run, its steps ending as given ({@code null}: still running), the job as {@code status}. */
	private JobExecution execute(JobInstance run, JobParameters parameters, int hour, BatchStatus status,
			String exitDescription, Object... steps) {
		JobExecution execution = repository.createJobExecution(run, parameters, new ExecutionContext());
		execution.setStartTime(NIGHT.plusHours(hour));
		for (int i = 0; i < steps.length; i += 3) {
			StepExecution step = repository.createStepExecution((String) steps[i], execution);
			step.setStartTime(NIGHT.plusHours(hour).plusMinutes(i));
			step.setStatus((BatchStatus) steps[i + 1]);
			step.setExitStatus(new ExitStatus(((BatchStatus) steps[i + 1]).name(), (String) steps[i + 2]));
			repository.update(step);
		}
		execution.setStatus(status);
		execution.setExitStatus(new ExitStatus(status.name(), exitDescription));
		if (!status.isRunning()) {
			execution.setEndTime(NIGHT.plusHours(hour).plusMinutes(50));
		}
		repository.update(execution);
		return execution;
	}

	private JobInstance run(JobParameters parameters) {
		return repository.createJobInstance(RunCatalog.JOB_NAME, parameters);
	}

	/** A run of one execution with no steps, ending as {@code status}. */
	private JobInstance runEnding(String election, String fingerprint, int hour, BatchStatus status) {
		JobParameters parameters = parameters(election, fingerprint, false);
		JobInstance run = run(parameters);
		execute(run, parameters, hour, status, "");
		return run;
	}

	@Test
	void shouldGiveEachRunsLatestExecutionNewestFirst() {
		JobParameters first = parameters("2024-07-04", "aaa", true);
		JobInstance completed = run(first);
		JobExecution completedExecution = execute(completed, first, 0, BatchStatus.COMPLETED, "", "registerStep",
				BatchStatus.COMPLETED, "", "ingestStep", BatchStatus.COMPLETED, "");
		JobParameters second = parameters("2024-07-04", "bbb", false);
		JobInstance failed = run(second);
		execute(failed, second, 2, BatchStatus.FAILED, "org.springframework.SomeWrapper: step failed\n\tat x.y(Z.java:1)",
				"registerStep", BatchStatus.COMPLETED, "", "ingestStep", BatchStatus.FAILED,
				"java.lang.IllegalStateException: disk full\n\tat a.b(C.java:2)");
		JobExecution restarted = execute(failed, second, 3, BatchStatus.FAILED,
				"org.springframework.SomeWrapper: again\n\tat x.y(Z.java:1)", "ingestStep", BatchStatus.FAILED,
				"java.io.IOException: No space left on device\n\tat a.b(C.java:3)", "reconcileStep",
				BatchStatus.ABANDONED, "never started");
		jdbc.update("INSERT INTO RECON_RUN_FAILURE (RUN_ID, JOB_EXECUTION_ID, STEP_NAME, REASON) VALUES (?,?,?,?)",
				failed.getInstanceId(), restarted.getId(), "ingestStep", "the disk holding the database is full");
		JobParameters third = parameters("2019-12-12", "ccc", false);
		JobInstance running = run(third);
		JobExecution runningExecution = execute(running, third, 5, BatchStatus.STARTED, "", "registerStep",
				BatchStatus.STARTED, "");
		repository.createJobInstance("anotherJob", parameters("2024-07-04", "ddd", false));

		List<RunHistory.Run> runs = history.recent(10);

		assertThat(runs).containsExactly(
				new RunHistory.Run(running.getInstanceId(), runningExecution.getId(), "STARTED", NIGHT.plusHours(5), null,
						"2019-12-12", "/data/2019-12-12", "ccc", "registerStep", null, null),
				new RunHistory.Run(failed.getInstanceId(), restarted.getId(), "FAILED", NIGHT.plusHours(3),
						NIGHT.plusHours(3).plusMinutes(50), "2024-07-04", "/data/2024-07-04", "bbb", "ingestStep",
						"the disk holding the database is full", null),
				new RunHistory.Run(completed.getInstanceId(), completedExecution.getId(), "COMPLETED", NIGHT,
						NIGHT.plusMinutes(50), "2024-07-04", "/data/2024-07-04", "aaa", null, null,
						RunSettings.defaults("2024-07-04")));
		assertThat(history.recent(2)).extracting(RunHistory.Run::runId)
			.containsExactly(running.getInstanceId(), failed.getInstanceId());
		assertThat(history.find(failed.getInstanceId())).isEqualTo(runs.get(1));
		assertThat(history.find(running.getInstanceId() + 1)).as("another job's instance").isNull();
		assertThat(history.find(999)).isNull();
	}

	@Test
	void shouldGiveAFailedStepsOwnExitDescriptionWhenNoReasonWasRecorded() {
		JobParameters only = parameters("2024-07-04", "aaa", false);
		JobInstance failed = run(only);
		execute(failed, only, 0, BatchStatus.FAILED, "org.springframework.SomeWrapper: step failed\n\tat x.y(Z.java:1)",
				"registerStep", BatchStatus.COMPLETED, "", "ingestStep", BatchStatus.FAILED,
				"  java.lang.IllegalStateException: disk full  \n\tat a.b(C.java:2)");
		JobParameters other = parameters("2024-07-05", "bbb", false);
		JobInstance stopped = run(other);
		execute(stopped, other, 1, BatchStatus.FAILED, "java.lang.OutOfMemoryError: Java heap space\n\tat q.r(S.java:9)");

		assertThat(history.recent(10)).extracting(RunHistory.Run::failedStep, RunHistory.Run::exitDescription)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(null, "java.lang.OutOfMemoryError: Java heap space"),
					org.assertj.core.groups.Tuple.tuple("ingestStep", "java.lang.IllegalStateException: disk full"));
	}

	/** The run a new run is compared with: the newest earlier completed run of the same election. */
	@Test
	void shouldFindThePreviousCompletedRunOfTheSameElection() {
		ConstituencyFactsRepository facts = new ConstituencyFactsRepository(jdbc,
				new RunCatalog(jdbc, repository, RunCatalog.JOB_NAME));
		JobInstance first = runEnding("2024-07-04", "aaa", 0, BatchStatus.COMPLETED);
		JobInstance failedThenCompleted = runEnding("2024-07-04", "bbb", 1, BatchStatus.FAILED);
		execute(failedThenCompleted, parameters("2024-07-04", "bbb", false), 2, BatchStatus.COMPLETED, "");
		JobInstance failed = runEnding("2024-07-04", "ccc", 3, BatchStatus.FAILED);
		JobInstance otherElection = runEnding("2019-12-12", "ddd", 4, BatchStatus.COMPLETED);
		JobInstance latest = runEnding("2024-07-04", "eee", 5, BatchStatus.STARTED);

		assertThat(facts.previousCompletedRun(latest.getInstanceId(), "2024-07-04"))
			.isEqualTo(failedThenCompleted.getInstanceId());
		assertThat(facts.previousCompletedRun(failed.getInstanceId(), "2024-07-04"))
			.isEqualTo(failedThenCompleted.getInstanceId());
		assertThat(facts.previousCompletedRun(failedThenCompleted.getInstanceId(), "2024-07-04"))
			.isEqualTo(first.getInstanceId());
		assertThat(facts.previousCompletedRun(first.getInstanceId(), "2024-07-04")).isNull();
		assertThat(facts.previousCompletedRun(latest.getInstanceId(), "2019-12-12"))
			.isEqualTo(otherElection.getInstanceId());
		assertThat(facts.previousCompletedRun(otherElection.getInstanceId(), "2019-12-12")).isNull();
	}
}
