package org.electionrecon;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;

import org.electionrecon.ingest.FileProgress;
import org.electionrecon.ingest.ParseContext;
import org.electionrecon.ingest.PartitionRepository;
import org.electionrecon.ingest.RunParseContexts;
import org.electionrecon.ingest.SourceFilePartitioner;
import org.electionrecon.ingest.SourceFileReader;
import org.electionrecon.ingest.SourceFileSplitter;
import org.electionrecon.ingest.SourceKind;
import org.electionrecon.ingest.StagedItem;
import org.electionrecon.ingest.UnchangedFiles;
import org.electionrecon.operate.FailureRecorder;
import org.electionrecon.operate.OperatorCommands;
import org.electionrecon.operate.ReconciliationRunner;
import org.electionrecon.operate.RunHistory;
import org.electionrecon.reconcile.ConstituencyFactsRepository;
import org.electionrecon.reconcile.ConstituencyReconciler;
import org.electionrecon.reconcile.ReconcileSteps;
import org.electionrecon.reconcile.Thresholds;
import org.electionrecon.report.ReportTasklet;
import org.electionrecon.report.ReportWorkbookWriter;
import org.electionrecon.report.RunEnd;
import org.electionrecon.run.FaultInjection;
import org.electionrecon.run.LiveStatus;
import org.electionrecon.run.Parallelism;
import org.electionrecon.run.RunCatalog;
import org.electionrecon.settings.ReconProperties;
import org.electionrecon.staging.GroupedCommits;
import org.electionrecon.staging.StagedFiles;
import org.electionrecon.staging.StagingTables;
import org.electionrecon.staging.StagingWriter;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The reconciliation job: sources → staging → findings → workbook. Steps in run order; each is
 * restartable (chunked steps keep their place in the execution context, tasklets replace what they
 * wrote).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ReconProperties.class, Thresholds.class })
public class ReconciliationJobConfiguration {

	@Bean
	public Job reconciliationJob(JobRepository jobRepository, Step registerStep, Step ingestStep, Step reconcileStep,
			Step areaChecksStep, Step reportStep, LiveStatus liveStatus) {
		return new JobBuilder(RunCatalog.JOB_NAME, jobRepository).listener(liveStatus)
			.listener(new RunEnd())
			.start(registerStep)
			.next(ingestStep)
			.next(reconcileStep)
			.next(areaChecksStep)
			.next(reportStep)
			.build();
	}

	/**
	 * The run's live status: progress in the log, and in the status file that the entry point
	 * names ({@code recon.status-file}) while this process holds the embedded database.
	 */
	@Bean
	public LiveStatus liveStatus(@Value("${recon.status-file:}") String file) {
		return LiveStatus.of(file.isEmpty() ? null : Path.of(file));
	}

	/** The restart tests' hooks, only when {@code recon.testing.pause-at} or {@code recon.testing.fail} is set. */
	@Bean
	@ConditionalOnExpression("'${recon.testing.pause-at:}' != '' or '${recon.testing.fail:}' != ''")
	public FaultInjection faultInjection(Environment environment) {
		return FaultInjection.requested(environment);
	}

	@Bean
	public FailureRecorder failureRecorder(DataSource dataSource) {
		return new FailureRecorder(new JdbcTemplate(dataSource));
	}

	/** The register's files, one partition each; they come first in the staged order. */
	@Bean
	@StepScope
	public SourceFilePartitioner registerFiles(@Value("#{jobParameters['input']}") String input) {
		return new SourceFilePartitioner(Path.of(input), List.of(SourceKind.REGISTER), 0);
	}

	/** The other sources' files, one partition each, in the contract's order after the register's. */
	@Bean
	@StepScope
	public SourceFilePartitioner sourceFiles(@Value("#{jobParameters['input']}") String input) {
		return new SourceFilePartitioner(Path.of(input), INGESTED, INGEST_SEQ_BASE);
	}

	private static final List<SourceKind> INGESTED = List.of(SourceKind.VERIFICATION, SourceKind.DECLARATIONS,
			SourceKind.NOTIONAL, SourceKind.REPORTED, SourceKind.EXPLANATIONS);

	/** The ingest step's rows sort after the register step's: a million register files would be needed to meet them. */
	private static final long INGEST_SEQ_BASE = 1_000_000L * SourceFilePartitioner.SEQ_PER_FILE;

	/** What the register step knows when it reads the register: no constituency yet. */
	@Bean
	public RunParseContexts runParseContexts(ConstituencyFactsRepository facts, ReconProperties properties) {
		return new RunParseContexts(properties.parties(), properties.headerSynonyms(), facts::register);
	}

	/** The staged files of earlier runs, which an incremental run copies instead of reading their files again. */
	@Bean
	public StagedFiles stagedFiles(DataSource dataSource) {
		return new StagedFiles(new JdbcTemplate(dataSource));
	}

	/**
	 * The reader of one partition's file, made for each partition: the file and where its records'
	 * sequence numbers start come from the partition's execution context, the election from the
	 * job parameters.
	 */
	@Bean
	@StepScope
	public SourceFileReader sourceFileReader(@Value("#{stepExecution}") StepExecution partition,
			@Value("#{jobParameters['election']}") String election, RunParseContexts contexts) {
		long runId = partition.getJobExecution().getJobInstance().getInstanceId();
		ExecutionContext file = partition.getExecutionContext();
		boolean register = SourceFilePartitioner.file(file).kind() == SourceKind.REGISTER;
		LocalDate date = ParseContext.election(election);
		return SourceFileReader.keyed(file, () -> contexts.keyed(register, runId, date));
	}

	/**
	 * Which files of a file step an incremental run copies from an earlier run's staging instead of
	 * reading them, decided before the step's partitions are made: only the others get one.
	 */
	@Bean
	public UnchangedFiles unchangedFiles(RunParseContexts contexts, StagedFiles stagedFiles) {
		return new UnchangedFiles(contexts, stagedFiles);
	}

	@Bean
	public FileProgress registerProgress(LiveStatus liveStatus) {
		return new FileProgress(liveStatus);
	}

	@Bean
	public FileProgress ingestProgress(LiveStatus liveStatus) {
		return new FileProgress(liveStatus);
	}

	/** Reads one register file (a partition of {@code registerStep}). */
	@Bean
	public Step registerFileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SourceFileReader sourceFileReader, StagingTables stagingTables, ReconProperties properties,
			FileProgress registerProgress, ObjectProvider<FaultInjection> faults) {
		return fileStep("registerFileStep", "registerStep", jobRepository, transactionManager, sourceFileReader,
				stagingTables, properties, registerProgress, faults.getIfAvailable());
	}

	/** Reads one source file (a partition of {@code ingestStep}). */
	@Bean
	public Step sourceFileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SourceFileReader sourceFileReader, StagingTables stagingTables, ReconProperties properties,
			FileProgress ingestProgress, ObjectProvider<FaultInjection> faults) {
		return fileStep("sourceFileStep", "ingestStep", jobRepository, transactionManager, sourceFileReader,
				stagingTables, properties, ingestProgress, faults.getIfAvailable());
	}

	private static Step fileStep(String name, String manager, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, SourceFileReader reader, StagingTables stagingTables,
			ReconProperties properties, FileProgress progress, FaultInjection faults) {
		StagingWriter writer = new StagingWriter(stagingTables);
		var step = new StepBuilder(name, PartitionRepository.wrap(jobRepository))
			.<StagedItem, StagedItem>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(reader)
			.writer(writer)
			.listener(writer)
			.listener(progress);
		if (faults != null) {
			step.listener(faults.pauseAfterWrites(manager));
		}
		return step.build();
	}

	/** Stages the register: one partition per register file. */
	@Bean
	public Step registerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SourceFilePartitioner registerFiles,
			PartitionHandler registerPartitionHandler, FileProgress registerProgress, FailureRecorder failureRecorder,
			LiveStatus liveStatus, UnchangedFiles unchangedFiles, ObjectProvider<FaultInjection> faults) {
		return partitioned("registerStep", jobRepository, transactionManager, registerFiles, registerPartitionHandler, registerProgress,
				failureRecorder, liveStatus, unchangedFiles, faults.getIfAvailable());
	}

	/** Stages the other sources: one partition per file, read side by side. */
	@Bean
	public Step ingestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SourceFilePartitioner sourceFiles,
			PartitionHandler ingestPartitionHandler, FileProgress ingestProgress, FailureRecorder failureRecorder,
			LiveStatus liveStatus, DataSource dataSource, StagedFiles stagedFiles, UnchangedFiles unchangedFiles,
			ObjectProvider<FaultInjection> faults) {
		return partitioned("ingestStep", jobRepository, transactionManager, sourceFiles, ingestPartitionHandler,
				ingestProgress, failureRecorder, liveStatus, unchangedFiles, faults.getIfAvailable(),
				new GroupedCommits(new JdbcTemplate(dataSource)), stagedFiles);
	}

	/**
	 * A file step: the unchanged files copied and a partition for each other file
	 * ({@link SourceFileSplitter}); the restart tests may pause or fail inside the copy's
	 * transaction ({@code <name>.copy}).
	 */
	private static Step partitioned(String name, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, SourceFilePartitioner files,
			PartitionHandler handler, FileProgress progress, FailureRecorder failureRecorder, LiveStatus liveStatus,
			UnchangedFiles unchangedFiles, FaultInjection faults, StepExecutionListener... more) {
		Runnable beforeCopyCommits = faults == null ? () -> { } : faults.pauseOrFailAt(name + ".copy");
		var step = new StepBuilder(name, jobRepository).partitioner(name, files)
			.splitter(new SourceFileSplitter(jobRepository, transactionManager, name, files, progress, unchangedFiles,
					beforeCopyCommits))
			.partitionHandler(handler)
			.aggregator(new PartitionFailures())
			.listener(failureRecorder)
			.listener((StepExecutionListener) liveStatus);
		for (var listener : more) {
			step.listener(listener);
		}
		return step.build();
	}

	/**
	 * The partitions' counts and status summed into the manager's; a failed partition's failure
	 * then fails the manager as its cause, so that {@code status} and the run's last line say which
	 * file stopped the step, not only that a partition failed.
	 */
	static final class PartitionFailures implements StepExecutionAggregator {

		private final DefaultStepExecutionAggregator sums = new DefaultStepExecutionAggregator();

		@Override
		public void aggregate(StepExecution result, java.util.Collection<StepExecution> partitions) {
			sums.aggregate(result, partitions);
			partitions.stream()
				.sorted(java.util.Comparator.comparingLong(StepExecution::getId))
				.filter(p -> !p.getFailureExceptions().isEmpty())
				.findFirst()
				.ifPresent(failed -> {
					throw new IllegalStateException("partition " + failed.getStepName() + " failed",
							failed.getFailureExceptions().get(0));
				});
		}
	}

	/**
	 * The partition handlers of {@code recon.partitioning.handler=local} (the default): the
	 * partitions run in this JVM on one thread per core (see docs/partitioning.md for a remote one).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "recon.partitioning.handler", havingValue = "local", matchIfMissing = true)
	static class LocalPartitioning {

		@Bean
		TaskExecutor partitionTaskExecutor(DataSource dataSource) {
			return new TaskExecutorAdapter(Parallelism.pool(Parallelism.partitionWorkers(dataSource), "partition"));
		}

		@Bean
		PartitionHandler registerPartitionHandler(Step registerFileStep, TaskExecutor partitionTaskExecutor) {
			return local(registerFileStep, partitionTaskExecutor);
		}

		@Bean
		PartitionHandler ingestPartitionHandler(Step sourceFileStep, TaskExecutor partitionTaskExecutor) {
			return local(sourceFileStep, partitionTaskExecutor);
		}

		private static PartitionHandler local(Step worker, TaskExecutor executor) {
			TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
			handler.setStep(worker);
			handler.setTaskExecutor(executor);
			return handler;
		}
	}

	@Bean
	public Step reconcileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ReconcileSteps reconcileSteps, FailureRecorder failureRecorder, LiveStatus liveStatus,
			ObjectProvider<FaultInjection> faults) {
		List<StepListener> pause = faults.stream().<StepListener>map(f -> f.pauseAfterWrites("reconcileStep")).toList();
		return reconcileSteps.reconcileStep(jobRepository, transactionManager, failureRecorder, liveStatus, pause);
	}

	@Bean
	public Step areaChecksStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ReconcileSteps reconcileSteps, FailureRecorder failureRecorder, LiveStatus liveStatus,
			ObjectProvider<FaultInjection> faults) {
		return new StepBuilder("areaChecksStep", jobRepository)
			.tasklet(pausing(faults, "areaChecksStep", reconcileSteps.areaChecks()), transactionManager)
			.listener(failureRecorder)
			.listener((StepExecutionListener) liveStatus)
			.build();
	}

	@Bean
	public Step reportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ReportTasklet reportTasklet, FailureRecorder failureRecorder, LiveStatus liveStatus,
			ObjectProvider<FaultInjection> faults) {
		return new StepBuilder("reportStep", jobRepository)
			.tasklet(pausing(faults, "reportStep", reportTasklet), transactionManager)
			.listener(failureRecorder)
			.listener((StepExecutionListener) liveStatus)
			.build();
	}

	@Bean
	public StagingTables stagingTables(DataSource dataSource) {
		return new StagingTables(new JdbcTemplate(dataSource));
	}

	@Bean
	public ConstituencyFactsRepository constituencyFactsRepository(DataSource dataSource, JobRepository jobRepository) {
		return new ConstituencyFactsRepository(new JdbcTemplate(dataSource),
				new RunCatalog(new JdbcTemplate(dataSource), jobRepository, RunCatalog.JOB_NAME));
	}

	@Bean
	public ReconcileSteps reconcileSteps(ConstituencyFactsRepository facts, StagingTables stagingTables,
			Thresholds thresholds, ReconProperties properties, DataSource dataSource) {
		return new ReconcileSteps(facts, stagingTables, new ConstituencyReconciler(thresholds), thresholds,
				properties.reconcileChunkSize(), Parallelism.workers(dataSource));
	}

	@Bean
	public ReportTasklet reportTasklet(DataSource dataSource, LiveStatus liveStatus,
			ObjectProvider<FaultInjection> faults) {
		ReportWorkbookWriter writer = new ReportWorkbookWriter();
		faults.ifAvailable(f -> writer.notifying(temp -> f.failIfRequested("report-write")));
		return new ReportTasklet(new JdbcTemplate(dataSource), writer, Parallelism.workers(dataSource),
				liveStatus);
	}

	@Bean
	public OperatorCommands operatorCommands(DataSource dataSource, JobRepository jobRepository,
			JobOperator jobOperator, ReconciliationRunner runner,
			ReportTasklet reportTasklet, FailureRecorder failureRecorder, LiveStatus liveStatus) {
		return new OperatorCommands(new RunHistory(new JdbcTemplate(dataSource), jobRepository), jobRepository, jobOperator, runner,
				reportTasklet, failureRecorder, liveStatus.holdsJobDatabase());
	}

	/** The tasklet, pausing after its work when the restart tests ask for it. */
	private static org.springframework.batch.core.step.tasklet.Tasklet pausing(ObjectProvider<FaultInjection> faults,
			String step, org.springframework.batch.core.step.tasklet.Tasklet tasklet) {
		FaultInjection requested = faults.getIfAvailable();
		return requested == null ? tasklet : requested.pausingAfter(step, tasklet);
	}
}
