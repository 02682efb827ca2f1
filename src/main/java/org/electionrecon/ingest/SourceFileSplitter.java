package org.electionrecon.ingest;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the partitions' step executions, named {@code <manager step>:<partition>}, with one
 * repository query for a whole restart instead of one per partition. Spring Batch's
 * {@code SimpleStepExecutionSplitter} asks the repository for each partition's last execution,
 * which loads every step execution of the run each time: with the 331 files of a national run
 * that alone took seconds.
 * <p>
 * A first execution creates one execution per partition with the partitioner's context. A
 * restart (the manager's context says the partitions were made) reads the earlier executions of
 * the run once: a partition that completed is not run again, any other resumes from its last
 * execution's context, which holds its file and the records already staged from it.
 */
public class SourceFileSplitter implements StepExecutionSplitter {

	private static final Logger log = LoggerFactory.getLogger(SourceFileSplitter.class);

	/** Kept in the manager's execution context once its partitions exist: a restart reuses them. */
	static final String PARTITIONS = "partitions";

	private final JobRepository jobRepository;
	private final String stepName;
	private final Partitioner partitioner;
	private final FileProgress progress;
	private final TransactionTemplate transaction;

	/**
	 * @param stepName the manager step's name, the prefix of the partitions' names
	 * @param progress told how many files there are and how many an earlier execution read
	 */
	public SourceFileSplitter(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			String stepName, Partitioner partitioner, FileProgress progress) {
		this.jobRepository = jobRepository;
		this.transaction = new TransactionTemplate(transactionManager);
		this.stepName = stepName;
		this.partitioner = partitioner;
		this.progress = progress;
	}

	@Override
	public String getStepName() {
		return stepName;
	}

	/**
	 * Creates the partitions' executions, then saves their execution contexts in one transaction:
	 * the repository commits each new execution on its own (one sync to disk each), but the
	 * contexts, which name the files, take one commit for them all.
	 */
	@Override
	public Set<StepExecution> split(StepExecution manager, int gridSize) {
		JobExecution job = manager.getJobExecution();
		Map<String, ExecutionContext> partitions = partitioner.partition(gridSize);
		Map<String, StepExecution> earlier = manager.getExecutionContext().containsKey(PARTITIONS)
				? earlierPartitions(job) : Map.of();
		Set<StepExecution> toRun = new LinkedHashSet<>();
		long totalBytes = 0;
		long doneFiles = 0;
		long doneBytes = 0;
		for (Map.Entry<String, ExecutionContext> partition : partitions.entrySet()) {
			long bytes = partition.getValue().getLong(SourceFilePartitioner.BYTES, 0);
			totalBytes += bytes;
			String name = stepName + ":" + partition.getKey();
			StepExecution last = earlier.get(name);
			if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
				doneFiles++;
				doneBytes += bytes;
				continue;
			}
			StepExecution execution = jobRepository.createStepExecution(name, job);
			execution.setExecutionContext(
					last == null ? partition.getValue() : new ExecutionContext(last.getExecutionContext()));
			toRun.add(execution);
		}
		manager.getExecutionContext().putInt(PARTITIONS, partitions.size());
		transaction.executeWithoutResult(status -> {
			toRun.forEach(jobRepository::updateExecutionContext);
			jobRepository.updateExecutionContext(manager);
		});
		progress.start(stepName, partitions.size(), totalBytes, doneFiles, doneBytes);
		log.info("{}: {} files, {} to read ({} read before)", stepName, partitions.size(), toRun.size(), doneFiles);
		return toRun;
	}

	/** The latest execution of each partition in the run's earlier executions. */
	private Map<String, StepExecution> earlierPartitions(JobExecution current) {
		Map<String, StepExecution> latest = new HashMap<>();
		String prefix = stepName + ":";
		for (JobExecution execution : jobRepository.getJobExecutions(current.getJobInstance())) {
			if (execution.getId() == current.getId()) {
				continue;
			}
			for (StepExecution step : execution.getStepExecutions()) {
				if (step.getStepName().startsWith(prefix)) {
					latest.merge(step.getStepName(), step, (a, b) -> a.getId() >= b.getId() ? a : b);
				}
			}
		}
		return latest;
	}
}
