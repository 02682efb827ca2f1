package org.electionrecon.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.electionrecon.reconcile.Thresholds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rebuilds every area's workbook from what the run has staged. It writes files only, each moved
 * into place when whole, so a failed or repeated report step leaves no half-written report.
 */
public class ReportTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ReportTasklet.class);

	/** The job execution context's list of the workbooks written, for the run's last word. */
	private static final String WORKBOOKS_WRITTEN = "report.workbooks";

	private final JdbcTemplate jdbc;
	private final ReportWorkbookWriter writer;
	private final Thresholds thresholds;
	private final int workers;
	private final org.electionrecon.operate.LiveStatus liveStatus;

	/**
	 * @param workers threads that write areas' workbooks side by side; 0 writes them one by one in
	 *     the step's own thread
	 * @param liveStatus where the step reports the areas written
	 */
	public ReportTasklet(JdbcTemplate jdbc, ReportWorkbookWriter writer, Thresholds thresholds, int workers,
			org.electionrecon.operate.LiveStatus liveStatus) {
		this.workers = workers;
		this.liveStatus = liveStatus;
		this.jdbc = jdbc;
		this.writer = writer;
		this.thresholds = thresholds;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		writeReports(job, Path.of(job.getJobParameters().getString("output")));
		return RepeatStatus.FINISHED;
	}

	/**
	 * Writes every area's workbook of the run of this execution into the folder, and notes their
	 * paths in the execution (see {@link #written}).
	 */
	public List<Path> writeReports(JobExecution job, Path output) throws java.io.IOException {
		List<Path> written = writeAreas(job, output);
		job.getExecutionContext().put(WORKBOOKS_WRITTEN,
				new java.util.ArrayList<>(written.stream().map(Path::toString).toList()));
		return written;
	}

	/** The workbooks this execution's report step (or the report command) wrote, in the order written. */
	@SuppressWarnings("unchecked")
	public static List<String> written(JobExecution job) {
		Object paths = job.getExecutionContext().get(WORKBOOKS_WRITTEN);
		return paths instanceof List<?> list ? (List<String>) list : List.of();
	}

	private List<Path> writeAreas(JobExecution job, Path output) throws java.io.IOException {
		long runId = job.getJobInstance().getInstanceId();
		JobParameters parameters = job.getJobParameters();
		Files.createDirectories(output);
		String election = ElectionLabel.describe(parameters.getString("election"));
		// the run's own thresholds (a rebuild may run with other settings), shown once, as Threshold rows
		Map<String, String> runThresholds = new LinkedHashMap<>();
		thresholds.asProperties().forEach((name, value) -> runThresholds.put(name,
				parameters.getString(name) != null ? parameters.getString(name) : value));
		Map<String, String> shown = new LinkedHashMap<>();
		parameters.parameters().stream()
			.filter(p -> !runThresholds.containsKey(p.name()))
			.forEach(p -> shown.put(p.name(), String.valueOf(p.value())));
		Instant start = job.getStartTime() == null ? Instant.now()
				: job.getStartTime().atZone(ZoneId.systemDefault()).toInstant();
		AreaReportData.RunFacts facts = new AreaReportData.RunFacts(job.getId(), shown, start, Instant.now(),
				ElectionLabel.applicationVersion(), runThresholds);
		List<String> areas = StagedAreaReport.areas(jdbc, runId);
		if (areas.isEmpty()) {
			log.warn("No report area is in this run: no constituency has a verification statement or a declaration");
		}
		List<Path> written = new java.util.ArrayList<>();
		org.electionrecon.operate.LiveStatus.Progress progress = liveStatus.track("reportStep", "areas", areas.size(),
				-1, 0, 0);
		java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
		if (workers == 0 || areas.size() < 2) {
			for (String area : areas) {
				written.add(write(runId, area, election, facts, output));
				progress.update(done.incrementAndGet());
			}
			return written;
		}
		// areas are independent workbooks: written side by side, one per worker
		java.util.concurrent.ExecutorService pool = org.electionrecon.Parallelism.pool(Math.min(areas.size(), workers),
				"report-writer");
		try {
			List<java.util.concurrent.Future<Path>> files = new java.util.ArrayList<>();
			for (String area : areas) {
				files.add(pool.submit(() -> {
					Path file = write(runId, area, election, facts, output);
					progress.update(done.incrementAndGet());
					return file;
				}));
			}
			for (java.util.concurrent.Future<Path> file : files) {
				written.add(await(file));
			}
		}
		finally {
			pool.shutdownNow();
		}
		return written;
	}

	private Path write(long runId, String area, String election, AreaReportData.RunFacts facts, Path output)
			throws java.io.IOException {
		Path file = writer.write(new StagedAreaReport(jdbc, runId, area, election, facts), output);
		log.info("Wrote {}", file);
		org.electionrecon.FaultInjection.pauseIfRequested("reportStep");
		return file;
	}

	/** The workbook's path, or what stopped it, as it was thrown. */
	private static Path await(java.util.concurrent.Future<Path> file) throws java.io.IOException {
		try {
			return file.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new java.io.InterruptedIOException("interrupted while writing the reports");
		}
		catch (java.util.concurrent.ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof java.io.IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause);
		}
	}
}
