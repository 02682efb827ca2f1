package org.electionrecon.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.electionrecon.run.Parallelism;
import org.electionrecon.ingest.UnchangedFiles;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.ConstituencyFigures;
import org.electionrecon.model.Finding;
import org.electionrecon.run.RunCatalog;
import org.electionrecon.staging.StagingTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The batch adapters around the rules: a chunked step over the run's constituencies (each one's
 * facts loaded, reconciled, its figures and findings written), then a tasklet for the checks that
 * compare a constituency with its area.
 */
public class ReconcileSteps {

	private static final Logger log = LoggerFactory.getLogger(ReconcileSteps.class);

	private final ConstituencyFactsRepository facts;
	private final StagingTables tables;
	private final ConstituencyReconciler reconciler;
	private final AreaRules areaRules;
	private final SourceRules sourceRules = new SourceRules();
	private final CarriedOutcomes carriedOutcomes;
	private final int constituenciesPerChunk;
	private final int workers;

	/**
	 * @param workers threads that reconcile a chunk's constituencies side by side; 0 reconciles them
	 *     in the step's own thread
	 */
	public ReconcileSteps(ConstituencyFactsRepository facts, StagingTables tables, ConstituencyReconciler reconciler,
			Thresholds thresholds, int constituenciesPerChunk, int workers) {
		this.constituenciesPerChunk = constituenciesPerChunk;
		this.workers = workers;
		this.facts = facts;
		this.tables = tables;
		this.reconciler = reconciler;
		this.carriedOutcomes = new CarriedOutcomes(tables.jdbc());
		this.areaRules = new AreaRules(thresholds);
	}

	public Step reconcileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			StepExecutionListener failures, org.electionrecon.run.LiveStatus liveStatus,
			List<org.springframework.batch.core.listener.StepListener> extraListeners) {
		ConstituencyReader reader = new ConstituencyReader(new TransactionTemplate(transactionManager), liveStatus);
		OutcomeWriter writer = new OutcomeWriter(reader);
		var step = new StepBuilder("reconcileStep", jobRepository)
			.<String, ConstituencyReconciler.Outcome>chunk(constituenciesPerChunk)
			.transactionManager(transactionManager)
			.reader(reader)
			.processor(code -> reconciler.reconcile(facts.load(reader.runId, code),
					reader.previousRun == null ? null : facts.loadIfStaged(reader.previousRun, code),
					reader.previousRun == null ? 0 : reader.previousRun, reader.sources.missing()))
			.writer(writer);
		if (workers > 0) {
			// constituencies are independent: each is loaded and checked on one of the cores, and the
			// chunk's outcomes are written in reading order, in the chunk's transaction
			step.taskExecutor(new TaskExecutorAdapter(Parallelism.pool(workers, "reconciler")));
		}
		extraListeners.forEach(step::listener);
		return step.listener(reader).listener(writer).listener(failures).listener(liveStatus).build();
	}

	/**
	 * The run's constituencies to reconcile in a fixed order; restarts resume after the last
	 * committed chunk. Before the step reads them, the run's untouched constituencies are carried
	 * over from the previous completed run ({@link CarryOver}), in one transaction that first
	 * removes what an earlier attempt of the step wrote of every constituency but those of its
	 * committed chunks.
	 */
	final class ConstituencyReader extends AbstractItemCountingItemStreamItemReader<String>
			implements StepExecutionListener {

		private long runId;
		private Long previousRun;
		private List<String> codes;
		private SourceRules.Result sources = SourceRules.Result.NONE;
		private final TransactionTemplate transaction;
		private final org.electionrecon.run.LiveStatus liveStatus;
		/** The step's progress, in constituencies: made when the reader opens, again at a restart's position. */
		private volatile org.electionrecon.run.LiveStatus.Progress progress;
		private volatile int resumedAt;

		ConstituencyReader(TransactionTemplate transaction, org.electionrecon.run.LiveStatus liveStatus) {
			this.transaction = transaction;
			this.liveStatus = liveStatus;
			setName("constituencies");
		}

		@Override
		public void beforeStep(StepExecution stepExecution) {
			this.runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
			JobParameters parameters = stepExecution.getJobExecution().getJobParameters();
			ExecutionContext context = stepExecution.getExecutionContext();
			String election = parameters.getString("election");
			// the run compared with is chosen once: a restarted step compares with the same run
			if (context.containsKey(CarryOver.PREVIOUS_RUN_KEY)) {
				long pinned = context.getLong(CarryOver.PREVIOUS_RUN_KEY);
				this.previousRun = pinned < 0 ? null : pinned;
			}
			else {
				this.previousRun = election == null ? null : facts.previousCompletedRun(runId, election);
				context.putLong(CarryOver.PREVIOUS_RUN_KEY, previousRun == null ? -1 : previousRun);
			}
			context.putString(CarryOver.RULES_VERSION_KEY, CarryOver.RULES_VERSION);
			if (previousRun != null) {
				log.info("Comparing the inputs with run {}, the previous completed run of {}", previousRun, election);
			}
			String input = parameters.getString("input");
			sources = sourceRules.check(facts.sourceFolders(runId, input == null ? null : java.nio.file.Path.of(input)),
					facts.coverage(runId));
			List<String> inRun = facts.constituenciesInRun(runId);
			boolean full = UnchangedFiles.full(parameters);
			String reconcileAll = CarryOver.reasonToReconcileAll(full, previousRun,
					new CarryOver.RunInputs(parameters.getString(RunCatalog.SETTINGS), sources.missing(),
							CarryOver.RULES_VERSION),
					full || previousRun == null ? null : facts.runInputs(previousRun));
			List<String> carried = List.of();
			if (reconcileAll == null) {
				// CarryOver.untouched, found from the files that differ between the runs (CarryOver.changedFiles)
				java.util.Set<String> reconciledBefore = facts.reconciledIn(previousRun);
				java.util.Set<String> registeredBefore = facts.registered(previousRun);
				Map<Long, CarryOver.StagedFile> filesNow = facts.stagedFiles(runId);
				Map<Long, CarryOver.StagedFile> filesBefore = facts.stagedFiles(previousRun);
				java.util.Set<String> touched = new java.util.HashSet<>(
						facts.fedBy(runId, CarryOver.changedFiles(filesNow, filesBefore)));
				touched.addAll(facts.fedBy(previousRun, CarryOver.changedFiles(filesBefore, filesNow)));
				carried = inRun.stream()
					.filter(code -> reconciledBefore.contains(code) && registeredBefore.contains(code)
							&& !touched.contains(code))
					.toList();
			}
			java.util.Set<String> carriedCodes = new java.util.HashSet<>(carried);
			this.codes = inRun.stream().filter(code -> !carriedCodes.contains(code)).toList();
			// a restart keeps the chunks committed before (the first codes, as many as were read) and
			// writes everything else again
			int committed = Math.min(context.getInt(getExecutionContextKey("read.count"), 0), codes.size());
			List<String> toCarry = carried;
			transaction.executeWithoutResult(status -> {
				// run-level findings, replaced whole: a restarted step writes them once
				tables.jdbc().update("DELETE FROM RECON_FINDING WHERE RUN_ID = ? AND STAGE = ? AND CHECK_CODE = ?", runId,
						StagingTables.Stage.RECONCILE.name(), CheckCode.SOURCE_MISSING.name());
				tables.insertFindings(runId, StagingTables.Stage.RECONCILE, sources.findings());
				Long written = tables.jdbc().queryForObject("SELECT COUNT(*) FROM RECON_FIGURES WHERE RUN_ID = ?",
						Long.class, runId);
				if (written != null && written > 0) {
					java.util.Set<String> kept = new java.util.HashSet<>(codes.subList(0, committed));
					carriedOutcomes.delete(runId, inRun.stream().filter(code -> !kept.contains(code)).toList());
				}
				carriedOutcomes.copy(runId, previousRun == null ? 0 : previousRun, toCarry);
			});
			sources.findings().forEach(f -> log.warn("{} {}", f.check(), f.message()));
			if (reconcileAll == null) {
				log.info("Constituencies: {} to reconcile, {} carried over from run {} (their inputs unchanged since)",
						codes.size(), carried.size(), previousRun);
			}
			else {
				log.info("Constituencies: {} to reconcile, 0 carried over ({})", codes.size(), reconcileAll);
			}
		}

		@Override
		protected void doOpen() {
			resumedAt = 0;
			progress = liveStatus.track("reconcileStep", "constituencies", codes.size(), -1, 0, 0);
		}

		@Override
		protected String doRead() {
			int index = getCurrentItemCount() - 1;
			if (index >= codes.size()) {
				return null;
			}
			if (index > 0 && index % 100 == 0) {
				log.info("Reconciled {} of {} constituencies", index, codes.size());
			}
			return codes.get(index);
		}

		@Override
		protected void jumpToItem(int itemIndex) {
			// doRead indexes by the item count, so a restart needs no replay
			resumedAt = itemIndex;
			progress = liveStatus.track("reconcileStep", "constituencies", codes.size(), -1, itemIndex, 0);
		}

		@Override
		protected void doClose() {
		}
	}

	/** Writes a chunk's figures and findings in one transaction. */
	final class OutcomeWriter implements ItemWriter<ConstituencyReconciler.Outcome>, StepExecutionListener {

		private final ConstituencyReader reader;
		private long runId;
		private long written;

		OutcomeWriter(ConstituencyReader reader) {
			this.reader = reader;
		}

		@Override
		public void beforeStep(StepExecution stepExecution) {
			this.runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
			this.written = 0;
		}

		@Override
		public void write(Chunk<? extends ConstituencyReconciler.Outcome> chunk) {
			List<Finding> findings = new ArrayList<>();
			List<Object[]> rows = new ArrayList<>();
			for (ConstituencyReconciler.Outcome outcome : chunk) {
				findings.addAll(outcome.findings());
				ConstituencyFigures f = outcome.figures();
				rows.add(new Object[] { runId, f.code(), f.name(), f.area(), f.electorate(), f.verified(), f.validVotes(),
						f.rejected(), f.turnout(), f.turnoutBasis(), f.validVoteTurnout(), f.notionalTurnout(),
						f.turnoutChange(), f.winner(), f.party(), f.winnerVotes(), f.share(), f.runnerUpParty(),
						f.majority(), f.majorityPercent(), f.result(), f.notionalWinner(), f.swing(), f.boxes(),
						StagingTables.clip(f.sources().electorate(), 1000), StagingTables.clip(f.sources().verified(), 16000),
						StagingTables.clip(f.sources().declaration(), 4000), StagingTables.clip(f.sources().notional(), 1000),
						StagingTables.clip(f.sources().turnout(), 16000) });
			}
			JdbcTemplate jdbc = tables.jdbc();
			jdbc.batchUpdate("INSERT INTO RECON_FIGURES (RUN_ID, CODE, NAME, AREA, ELECTORATE, VERIFIED, VALID_VOTES,"
					+ " REJECTED, TURNOUT, TURNOUT_BASIS, VALID_VOTE_TURNOUT, NOTIONAL_TURNOUT, TURNOUT_CHANGE, WINNER, PARTY,"
					+ " WINNER_VOTES, SHARE, RUNNER_UP_PARTY, MAJORITY, MAJORITY_PERCENT, RESULT_LABEL, NOTIONAL_WINNER,"
					+ " SWING, BOXES, ELECTORATE_SOURCE, VERIFIED_SOURCE, DECLARATION_SOURCE, NOTIONAL_SOURCE, TURNOUT_SOURCE)"
					+ " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows,
					nullableTypes());
			tables.insertFindings(runId, StagingTables.Stage.RECONCILE, findings);
			tables.insertCheckEvaluations(runId, chunk.getItems().stream()
				.map(outcome -> new StagingTables.ConstituencyChecks(outcome.figures().code(), outcome.evaluations()))
				.toList());
			written += chunk.size();
			reader.progress.update(reader.resumedAt + written); // once a chunk
		}
	}

	private static int[] nullableTypes() {
		int[] types = { java.sql.Types.BIGINT, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR,
				java.sql.Types.BIGINT, java.sql.Types.BIGINT, java.sql.Types.BIGINT, java.sql.Types.BIGINT,
				java.sql.Types.DECIMAL, java.sql.Types.VARCHAR, java.sql.Types.DECIMAL, java.sql.Types.DECIMAL,
				java.sql.Types.DECIMAL, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.BIGINT,
				java.sql.Types.DECIMAL, java.sql.Types.VARCHAR, java.sql.Types.BIGINT, java.sql.Types.DECIMAL,
				java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.DECIMAL, java.sql.Types.INTEGER,
				java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR,
				java.sql.Types.VARCHAR };
		return types;
	}

	/**
	 * Marks the findings that an operator's note explains as EXPLAINED, with the note: same
	 * constituency and check, and the same box where the note names one.
	 */
	static void applyExplanations(JdbcTemplate jdbc, long runId) {
		int[] explained = { 0 };
		List<String> unmatched = new ArrayList<>();
		jdbc.query("SELECT CONSTITUENCY_CODE, CHECK_CODE, BOX, NOTE, EXPLAINED_BY, SOURCE FROM RECON_EXPLANATION"
				+ " WHERE RUN_ID = ? ORDER BY SEQ", rs -> {
					String note = rs.getString(4) + (rs.getString(5) == null ? "" : " (" + rs.getString(5) + ")");
					String box = rs.getString(3);
					String sql = "UPDATE RECON_FINDING SET STATUS = 'EXPLAINED', NOTE = ? WHERE RUN_ID = ?"
							+ " AND CONSTITUENCY_CODE = ? AND CHECK_CODE = ? AND STATUS = 'OPEN'";
					int updated = box == null
							? jdbc.update(sql, note, runId, rs.getString(1), rs.getString(2))
							: jdbc.update(sql + " AND (', ' || BOX || ', ') LIKE ?", note, runId, rs.getString(1),
									rs.getString(2), "%, " + box.strip() + ", %");
					explained[0] += updated;
					if (updated == 0) {
						unmatched.add(rs.getString(6));
					}
				}, runId);
		if (explained[0] > 0) {
			log.info("{} findings explained by operators' notes", explained[0]);
		}
		for (String source : unmatched) {
			log.warn("The explanation at {} matches no open finding", source);
		}
	}

	/**
	 * The area checks, as one transaction that first removes what an earlier attempt of this step
	 * wrote, so a restart never doubles a finding.
	 */
	public Tasklet areaChecks() {
		return (contribution, chunkContext) -> {
			long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance()
				.getInstanceId();
			JdbcTemplate jdbc = tables.jdbc();
			jdbc.update("DELETE FROM RECON_FINDING WHERE RUN_ID = ? AND STAGE = ?", runId,
					StagingTables.Stage.AREA.name());
			Map<String, List<ConstituencyFigures>> byArea = new LinkedHashMap<>();
			jdbc.query("SELECT CODE, NAME, AREA, TURNOUT, NOTIONAL_TURNOUT, TURNOUT_CHANGE FROM RECON_FIGURES"
					+ " WHERE RUN_ID = ? ORDER BY AREA, NAME", rs -> {
						ConstituencyFigures f = new ConstituencyFigures(rs.getString(1), rs.getString(2), rs.getString(3),
								null, null, null, null, rs.getBigDecimal(4), null, null, rs.getBigDecimal(5),
								rs.getBigDecimal(6), null, null, null, null, null, null, null, null, null, null, 0, 0,
								0, 0);
						byArea.computeIfAbsent(f.area(), a -> new ArrayList<>()).add(f);
					}, runId);
			// the turnout's cells, then the notional turnout's: every cell the change is computed from
			Map<String, String> sources = new HashMap<>();
			jdbc.query("SELECT CODE, TURNOUT_SOURCE, NOTIONAL_SOURCE FROM RECON_FIGURES WHERE RUN_ID = ?", rs -> {
				String turnout = rs.getString(2);
				String notional = rs.getString(3);
				sources.put(rs.getString(1), turnout == null ? notional
						: notional == null ? turnout : turnout + "; notional 2019 turnout: " + notional);
			}, runId);
			List<Finding> findings = new ArrayList<>();
			byArea.values().forEach(area -> findings.addAll(areaRules.check(area, sources)));
			tables.insertFindings(runId, StagingTables.Stage.AREA, findings);
			log.info("Area checks: {} areas, {} findings", byArea.size(), findings.size());
			applyExplanations(jdbc, runId);
			return RepeatStatus.FINISHED;
		};
	}
}
