package org.electionrecon;

import java.util.List;

import javax.sql.DataSource;

import org.electionrecon.ingest.ConstituencyDirectory;
import org.electionrecon.ingest.ParseContext;
import org.electionrecon.ingest.PartyNames;
import org.electionrecon.ingest.SourceFolderReader;
import org.electionrecon.ingest.SourceKind;
import org.electionrecon.operate.ReconciliationRunner;
import org.electionrecon.run.FaultInjection;
import org.electionrecon.run.Parallelism;
import org.electionrecon.run.RunCatalog;
import org.electionrecon.settings.ReconProperties;
import org.electionrecon.staging.StagingWriter;
import org.electionrecon.operate.FailureRecorder;
import org.electionrecon.run.LiveStatus;
import org.electionrecon.operate.OperatorCommands;
import org.electionrecon.operate.RunHistory;
import org.electionrecon.reconcile.ConstituencyFactsRepository;
import org.electionrecon.reconcile.ConstituencyReconciler;
import org.electionrecon.reconcile.ReconcileSteps;
import org.electionrecon.reconcile.Thresholds;
import org.electionrecon.report.ReportTasklet;
import org.electionrecon.report.ReportWorkbookWriter;
import org.electionrecon.ingest.StagedItem;
import org.electionrecon.staging.StagingTables;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
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
			.listener(new org.electionrecon.report.RunEnd())
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
	public LiveStatus liveStatus(@org.springframework.beans.factory.annotation.Value("${recon.status-file:}") String file) {
		return LiveStatus.of(file.isEmpty() ? null : java.nio.file.Path.of(file));
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

	@Bean
	public Step registerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			StagingTables stagingTables, ReconProperties properties, FailureRecorder failureRecorder,
			LiveStatus liveStatus, ObjectProvider<FaultInjection> faults) {
		ParseContext empty = new ParseContext(new ConstituencyDirectory(List.of()), partyNames(properties),
				properties.headerSynonyms());
		return ingestStep("registerStep", List.of(SourceKind.REGISTER), runId -> empty, 0, jobRepository,
				transactionManager, stagingTables, properties, failureRecorder, liveStatus, faults.getIfAvailable());
	}

	@Bean
	public Step ingestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			StagingTables stagingTables, ConstituencyFactsRepository facts, ReconProperties properties,
			FailureRecorder failureRecorder, LiveStatus liveStatus, ObjectProvider<FaultInjection> faults) {
		PartyNames parties = partyNames(properties);
		return ingestStep("ingestStep", List.of(SourceKind.VERIFICATION, SourceKind.DECLARATIONS, SourceKind.NOTIONAL,
				SourceKind.REPORTED, SourceKind.EXPLANATIONS),
				runId -> new ParseContext(new ConstituencyDirectory(facts.register(runId)), parties,
						properties.headerSynonyms()),
				INGEST_SEQ_BASE, jobRepository, transactionManager, stagingTables, properties, failureRecorder,
				liveStatus, faults.getIfAvailable());
	}

	/** The ingest step's rows sort after the register step's: a million register files would be needed to meet them. */
	private static final long INGEST_SEQ_BASE = 1_000_000L * SourceFolderReader.SEQ_PER_FILE;

	private static Step ingestStep(String name, List<SourceKind> kinds,
			java.util.function.LongFunction<ParseContext> contexts, long seqBase, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, StagingTables stagingTables, ReconProperties properties,
			FailureRecorder failureRecorder, LiveStatus liveStatus, FaultInjection faults) {
		SourceFolderReader reader = new SourceFolderReader(name, kinds, contexts, seqBase);
		reader.reportProgressTo(liveStatus);
		StagingWriter writer = new StagingWriter(stagingTables);
		var step = new StepBuilder(name, jobRepository).<StagedItem, StagedItem>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(reader)
			.writer(writer)
			.listener(reader)
			.listener(writer)
			.listener(failureRecorder)
			.listener((org.springframework.batch.core.listener.StepExecutionListener) liveStatus);
		if (faults != null) {
			step.listener(faults.pauseAfterWrites(name));
		}
		return step.build();
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
			.listener((org.springframework.batch.core.listener.StepExecutionListener) liveStatus)
			.build();
	}

	@Bean
	public Step reportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ReportTasklet reportTasklet, FailureRecorder failureRecorder, LiveStatus liveStatus,
			ObjectProvider<FaultInjection> faults) {
		return new StepBuilder("reportStep", jobRepository)
			.tasklet(pausing(faults, "reportStep", reportTasklet), transactionManager)
			.listener(failureRecorder)
			.listener((org.springframework.batch.core.listener.StepExecutionListener) liveStatus)
			.build();
	}

	@Bean
	public StagingTables stagingTables(DataSource dataSource) {
		return new StagingTables(new JdbcTemplate(dataSource));
	}

	@Bean
	public ConstituencyFactsRepository constituencyFactsRepository(DataSource dataSource, JobRepository jobRepository) {
		return new ConstituencyFactsRepository(new JdbcTemplate(dataSource), new RunCatalog(jobRepository, RunCatalog.JOB_NAME));
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
			org.springframework.batch.core.launch.JobOperator jobOperator, ReconciliationRunner runner,
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

	private static PartyNames partyNames(ReconProperties properties) {
		return new PartyNames(properties.parties());
	}
}
