package org.electionrecon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.electionrecon.run.RunCatalog;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * One run's times as the job repository recorded them: each step execution's start and end time.
 * The job time is from the first step's start to the last step's end, so the JVM, the Spring
 * context and opening the database are excluded, and so is the work after the last step (the job
 * execution's own end time is not used: the report step's run-end bookkeeping can set it before
 * the step ends). A partitioned step's workers ({@code ingestStep:partition3}) run within their
 * manager step's time and are not listed apart.
 *
 * @param status the job execution's status
 * @param firstStepStart when the first step started, or {@code null} when none did
 * @param jobMillis first step start to last step end, or {@code null} when a step has not ended
 * @param stepMillis each step's time, start to end, in the order the steps ran; a step that ran
 *                   more than once in the execution counts all its times
 * @param lastStep the last step that started, or {@code null}
 */
record JobTimes(BatchStatus status, LocalDateTime firstStepStart, Long jobMillis, Map<String, Long> stepMillis,
		String lastStep) {

	/** The times of a job execution's steps, as its step executions hold them. */
	static JobTimes of(JobExecution execution) {
		List<StepExecution> steps = execution.getStepExecutions()
			.stream()
			.filter(step -> !step.getStepName().contains(":"))
			.sorted(Comparator.comparingLong(StepExecution::getId))
			.toList();
		Map<String, Long> stepMillis = new LinkedHashMap<>();
		for (StepExecution step : steps) {
			if (step.getStartTime() != null && step.getEndTime() != null) {
				stepMillis.merge(step.getStepName(), Duration.between(step.getStartTime(), step.getEndTime()).toMillis(),
						Long::sum);
			}
		}
		LocalDateTime first = steps.stream()
			.map(StepExecution::getStartTime)
			.filter(Objects::nonNull)
			.min(Comparator.naturalOrder())
			.orElse(null);
		boolean allEnded = !steps.isEmpty() && steps.stream().allMatch(step -> step.getEndTime() != null);
		LocalDateTime last = allEnded
				? steps.stream().map(StepExecution::getEndTime).max(Comparator.naturalOrder()).orElseThrow() : null;
		Long job = first != null && last != null ? Duration.between(first, last).toMillis() : null;
		return new JobTimes(execution.getStatus(), first, job, stepMillis,
				steps.isEmpty() ? null : steps.get(steps.size() - 1).getStepName());
	}

	/**
	 * Every run's latest execution in the embedded job database in {@code databaseDir}, by run
	 * number; empty when there is no such database.
	 */
	static List<JobTimes> readAll(Path databaseDir) throws IOException {
		if (!Files.isRegularFile(databaseDir.resolve("recon.properties"))) {
			return List.of();
		}
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
				"jdbc:hsqldb:file:" + databaseDir.resolve("recon") + ";shutdown=true;hsqldb.lock_file=false", "SA", "",
				true);
		try {
			JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
			factory.setDataSource(dataSource);
			factory.setTransactionManager(new JdbcTransactionManager(dataSource));
			factory.afterPropertiesSet();
			JobRepository repository = factory.getObject();
			return repository.getJobInstances(RunCatalog.JOB_NAME, 0, Integer.MAX_VALUE)
				.stream()
				.sorted(Comparator.comparingLong(JobInstance::getInstanceId))
				.map(repository::getLastJobExecution)
				.filter(Objects::nonNull)
				.map(JobTimes::of)
				.toList();
		}
		catch (Exception ex) {
			throw new IOException("cannot read the job repository in " + databaseDir + ": " + ex.getMessage(), ex);
		}
		finally {
			dataSource.destroy();
		}
	}

	/**
	 * The latest execution of the latest run in the embedded job database in {@code databaseDir},
	 * read through a {@link JobRepository} once the job's process has ended; empty when there is no
	 * such database or run.
	 */
	static Optional<JobTimes> read(Path databaseDir) throws Exception {
		List<JobTimes> runs = readAll(databaseDir);
		return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
	}
}
