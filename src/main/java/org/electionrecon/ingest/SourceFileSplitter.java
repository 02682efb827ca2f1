package org.electionrecon.ingest;

import java.util.Arrays;
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

	/**
	 * Kept in the manager's execution context with {@link #PARTITIONS}: the partitions whose files
	 * were copied from an earlier run's staging rather than read (their names, comma-separated).
	 */
	static final String COPIED = "partitions.copied";

	private final JobRepository jobRepository;
	private final String stepName;
	private final Partitioner partitioner;
	private final FileProgress progress;
	private final TransactionTemplate transaction;
	private final UnchangedFiles unchanged;
	private final Runnable beforeCopyCommits;

	/**
	 * @param stepName the manager step's name, the prefix of the partitions' names
	 * @param progress told how many files there are and how many an earlier execution read or copied
	 * @param unchanged which files are copied rather than read; {@code null} to read every file
	 * @param beforeCopyCommits run inside the copy's transaction, after the copy and before its commit
	 *     (the restart tests pause there)
	 */
	public SourceFileSplitter(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			String stepName, Partitioner partitioner, FileProgress progress, UnchangedFiles unchanged,
			Runnable beforeCopyCommits) {
		this.jobRepository = jobRepository;
		this.transaction = new TransactionTemplate(transactionManager);
		this.stepName = stepName;
		this.partitioner = partitioner;
		this.progress = progress;
		this.unchanged = unchanged;
		this.beforeCopyCommits = beforeCopyCommits;
	}

	@Override
	public String getStepName() {
		return stepName;
	}

	/**
	 * Copies the unchanged files (a first execution), creates the partitions' executions of the
	 * others, then saves the copy, their execution contexts and the manager's in one transaction:
	 * the repository commits each new execution on its own (one sync to disk each), but the
	 * contexts, which name the files, take one commit for them all.
	 */
	@Override
	public Set<StepExecution> split(StepExecution manager, int gridSize) {
		JobExecution job = manager.getJobExecution();
		long runId = job.getJobInstance().getInstanceId();
		Map<String, ExecutionContext> partitions = partitioner.partition(gridSize);
		boolean restart = manager.getExecutionContext().containsKey(PARTITIONS);
		Map<String, StepExecution> earlier = restart ? earlierPartitions(job) : Map.of();
		Set<String> copied = restart ? copied(manager.getExecutionContext()) : new LinkedHashSet<>();
		Map<String, ReusedFile> copies = restart || unchanged == null ? Map.of() : unchanged.find(manager, partitions);
		copied.addAll(copies.keySet());
		Set<StepExecution> toRun = new LinkedHashSet<>();
		long totalBytes = 0;
		long doneFiles = 0;
		long doneBytes = 0;
		for (Map.Entry<String, ExecutionContext> partition : partitions.entrySet()) {
			long bytes = partition.getValue().getLong(SourceFilePartitioner.BYTES, 0);
			totalBytes += bytes;
			String name = stepName + ":" + partition.getKey();
			StepExecution last = earlier.get(name);
			if (copied.contains(partition.getKey()) || last != null && last.getStatus() == BatchStatus.COMPLETED) {
				doneFiles++;
				doneBytes += bytes;
				continue;
			}
			StepExecution execution = jobRepository.createStepExecution(name, job);
			execution.setExecutionContext(
					last == null ? partition.getValue() : new ExecutionContext(last.getExecutionContext()));
			toRun.add(execution);
		}
		ExecutionContext context = manager.getExecutionContext();
		context.putInt(PARTITIONS, partitions.size());
		context.putString(COPIED, String.join(",", copied));
		long rows;
		try {
			rows = transaction.execute(status -> {
				long copiedRows = 0;
				if (!copies.isEmpty()) {
					copiedRows = unchanged.copy(runId, copies.values());
					beforeCopyCommits.run();
				}
				toRun.forEach(jobRepository::updateExecutionContext);
				jobRepository.updateExecutionContext(manager);
				return copiedRows;
			});
		}
		catch (RuntimeException | Error ex) {
			if (!restart) {
				// rolled back: the step saves its context as it fails, and it must not say the files were copied
				context.remove(PARTITIONS);
				context.remove(COPIED);
			}
			throw ex;
		}
		progress.start(stepName, partitions.size(), totalBytes, doneFiles, doneBytes);
		if (copies.isEmpty()) {
			log.info("{}: {} files, {} to read ({} done before)", stepName, partitions.size(), toRun.size(), doneFiles);
		}
		else {
			log.info("{}: {} files, {} copied from earlier runs' staging ({} rows), {} to read", stepName,
					partitions.size(), copies.size(), rows, toRun.size());
		}
		return toRun;
	}

	/** The partitions an earlier execution of the step copied. */
	private static Set<String> copied(ExecutionContext manager) {
		String names = manager.containsKey(COPIED) ? manager.getString(COPIED) : "";
		Set<String> copied = new LinkedHashSet<>();
		Arrays.stream(names.split(",")).filter(n -> !n.isEmpty()).forEach(copied::add);
		return copied;
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
