package org.electionrecon.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
 * The run-identity look-ups over a long night: 500 runs made through Spring Batch's own API (each
 * with step executions, as a real run has), and look-ups that find the right run while loading at
 * most one execution, and no step execution, however many runs there are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunCatalogTests {

	private static final String ELECTION = "2024-07-04";

	private static final int RUNS = 500;

	private JobRepository repository;

	private JdbcTemplate jdbc;

	/** Calls made on the repository by the catalog, by method name. */
	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private RunCatalog catalog;

	/** The night's run ids by number, made once: the look-ups only read. */
	private long[] ids;

	@BeforeAll
	void setUp() throws Exception {
		InMemoryJobRepository database = InMemoryJobRepository.open("run-catalog");
		repository = database.repository();
		jdbc = database.jdbc();
		JobRepository counted = (JobRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { JobRepository.class }, (proxy, method, args) -> {
					calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
					try {
						return method.invoke(repository, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		catalog = new RunCatalog(jdbc, counted, RunCatalog.JOB_NAME);
		ids = night();
	}

	@BeforeEach
	void countAnew() {
		calls.clear();
	}

	private static JobParameters parameters(String fingerprint, String settings) {
		JobParametersBuilder builder = new JobParametersBuilder().addString(RunCatalog.ELECTION, ELECTION)
			.addString(RunCatalog.INPUTS, fingerprint)
			.addString("input", "/data/in", false);
		if (settings != null) {
			builder.addString(RunCatalog.SETTINGS, settings);
		}
		return builder.toJobParameters();
	}

	/** One execution of the run with three step executions, ending as {@code status}. */
	private JobExecution execute(JobInstance run, JobParameters parameters, BatchStatus status) {
		JobExecution execution = repository.createJobExecution(run, parameters, new ExecutionContext());
		for (String name : List.of("registerStep", "ingestStep", "reconcileStep")) {
			StepExecution step = repository.createStepExecution(name, execution);
			step.setStatus(status);
			step.setExitStatus(new ExitStatus(status.name()));
			repository.update(step);
		}
		execution.setStatus(status);
		execution.setExitStatus(new ExitStatus(status.name()));
		repository.update(execution);
		return execution;
	}

	/**
	 * Run {@code i} (1 to 500) has inputs {@code f<i>}; every tenth failed, the rest completed;
	 * run 255 has settings "other", the rest "usual"; run 300 failed, then completed when restarted.
	 */
	private long[] night() {
		long[] ids = new long[RUNS + 1];
		for (int i = 1; i <= RUNS; i++) {
			JobParameters parameters = parameters("f" + i, i == 255 ? "other" : "usual");
			JobInstance run = repository.createJobInstance(RunCatalog.JOB_NAME, parameters);
			ids[i] = run.getInstanceId();
			execute(run, parameters, i % 10 == 0 ? BatchStatus.FAILED : BatchStatus.COMPLETED);
			if (i == 300) {
				execute(run, parameters, BatchStatus.COMPLETED);
			}
		}
		repository.createJobInstance("anotherJob", parameters("f-other-job", "usual"));
		calls.clear();
		return ids;
	}

	private int loads() {
		return calls.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	@Test
	void shouldFindNoRunOfNewInputsWithoutLoadingAnyRun() {
		assertThat(catalog.latestCompleted(RunCatalog.sameInputs(ELECTION, "never-seen"))).isEmpty();
		assertThat(catalog.latestCompleted(RunCatalog.sameInputs("2019-12-12", "f1"))).isEmpty();

		assertThat(calls).as("the repository is not asked at all").isEmpty();
	}

	@Test
	void shouldLoadOnlyTheExecutionFoundWithoutItsSteps() {
		Optional<JobExecution> found = catalog.latestCompleted(RunCatalog.sameInputs(ELECTION, "f7")
			.and(RunCatalog.sameSettings("usual")));

		assertThat(found).hasValueSatisfying(execution -> {
			assertThat(execution.getJobInstance().getInstanceId()).isEqualTo(ids[7]);
			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(execution.getJobParameters()).isEqualTo(parameters("f7", "usual"));
			assertThat(execution.getStepExecutions()).isEmpty();
		});
		assertThat(calls.keySet()).containsExactlyInAnyOrder("getJobInstance", "findJobExecutions");
		assertThat(loads()).isEqualTo(2);
	}

	@Test
	void shouldGiveTheNewestCompletedRunOfTheElectionBeforeAGivenRun() {
		assertThat(catalog.latestCompleted(RunCatalog.sameElection(ELECTION)).map(e -> e.getJobInstance().getInstanceId()))
			.contains(ids[499]);
		assertThat(catalog.latestCompleted(RunCatalog.sameElection(ELECTION), ids[301])
			.map(e -> e.getJobInstance().getInstanceId())).as("run 300 completed when restarted").contains(ids[300]);
		assertThat(catalog.latestCompleted(RunCatalog.sameElection(ELECTION), ids[300])
			.map(e -> e.getJobInstance().getInstanceId())).contains(ids[299]);
		assertThat(catalog.latestCompleted(RunCatalog.sameInputs(ELECTION, "f20"))).as("run 20 failed").isEmpty();
		assertThat(catalog.latestCompleted(RunCatalog.sameElection(ELECTION), ids[1])).isEmpty();
		assertThat(loads()).as("one instance and its executions for each run found").isEqualTo(2 * 3);
	}

	@Test
	void shouldTellRunsOfOtherSettingsAndOfFailedOrStoppedRuns() {
		assertThat(catalog.latestCompleted(RunCatalog.sameElection(ELECTION).and(RunCatalog.otherSettings("usual")))
			.map(e -> e.getJobInstance().getInstanceId())).contains(ids[255]);
		assertThat(catalog.latestCompleted(RunCatalog.sameInputs(ELECTION, "f255").and(RunCatalog.sameSettings("usual"))))
			.isEmpty();
		assertThat(catalog.latest(RunCatalog.sameElection(ELECTION), Long.MAX_VALUE,
				Set.of(BatchStatus.FAILED, BatchStatus.STOPPED)).map(e -> e.getJobInstance().getInstanceId()))
			.contains(ids[500]);
		assertThat(catalog.newestRunIds(RunCatalog.sameElection(ELECTION), ids[300] + 1, Set.of(BatchStatus.FAILED), 3))
			.as("run 300's latest execution completed").containsExactly(ids[290], ids[280], ids[270]);
		assertThat(catalog.newestRunIds(RunCatalog.sameElection(ELECTION), Long.MAX_VALUE, Set.of(), RUNS + 10))
			.as("every run of this job, none of another").hasSize(RUNS);
	}

	@Test
	void shouldMatchParametersAsItsQueryDoes() {
		RunCatalog.RunMatch match = RunCatalog.sameInputs(ELECTION, "f1").and(RunCatalog.otherSettings("usual"));

		assertThat(match.test(parameters("f1", "other"))).isTrue();
		assertThat(match.test(parameters("f1", null))).as("no settings recorded").isTrue();
		assertThat(match.test(parameters("f1", "usual"))).isFalse();
		assertThat(match.test(parameters("f2", "other"))).isFalse();
	}
}
