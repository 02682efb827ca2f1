package org.electionrecon.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.electionrecon.run.RunCatalog;
import org.electionrecon.settings.RunSettings;
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
 * Rebuilds every area's workbook, then the run's index workbook, from what the run has staged. It
 * writes files only, each moved into place when whole, so a failed or repeated report step leaves
 * no half-written report.
 */
public class ReportTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ReportTasklet.class);

	/** The job execution context's list of the workbooks written, for the run's last word. */
	private static final String WORKBOOKS_WRITTEN = "report.workbooks";

	private final JdbcTemplate jdbc;
	private final ReportWorkbookWriter writer;
	private final IndexWorkbookWriter indexWriter = new IndexWorkbookWriter();
	private final int workers;
	private final org.electionrecon.run.LiveStatus liveStatus;

	/**
	 * @param workers threads that write areas' workbooks side by side; 0 writes them one by one in
	 *     the step's own thread
	 * @param liveStatus where the step reports the areas written
	 */
	public ReportTasklet(JdbcTemplate jdbc, ReportWorkbookWriter writer, int workers,
			org.electionrecon.run.LiveStatus liveStatus) {
		this.workers = workers;
		this.liveStatus = liveStatus;
		this.jdbc = jdbc;
		this.writer = writer;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		writeReports(job, Path.of(job.getJobParameters().getString("output")), RunEnd.stamp(job), null);
		return RepeatStatus.FINISHED;
	}

	/**
	 * Rebuilds every area's workbook of the run of this execution, and its index workbook, into the
	 * folder, as the run wrote them (its own start and end, as recorded) with the time of the rebuild
	 * added, and notes the area workbooks' paths in the execution (see {@link #written}).
	 */
	public List<Path> rebuildReports(JobExecution job, Path output) throws java.io.IOException {
		return writeReports(job, output, job.getEndTime(), LocalDateTime.now());
	}

	private List<Path> writeReports(JobExecution job, Path output, LocalDateTime end, LocalDateTime rebuiltAt)
			throws java.io.IOException {
		// a run killed while writing left its temporary files; nothing else of this run writes here yet
		for (Path leftover : ReportWorkbookWriter.removeLeftoverTemporaryFiles(output)) {
			log.info("Removed {}, a temporary workbook left by a run that stopped while writing it", leftover);
		}
		long runId = job.getJobInstance().getInstanceId();
		String election = ElectionLabel.describe(job.getJobParameters().getString("election"));
		AreaReportData.RunFacts facts = runFacts(job, end, rebuiltAt);
		// what every area's workbook shows alike, read once for all of them
		StagedRun run = StagedRun.read(jdbc, runId, election, facts);
		List<String> areas = run.areas();
		List<Path> written = writeAreas(run, output);
		if (!areas.isEmpty()) {
			// the index last, from the same staged tables: its counts are those of the workbooks just written
			Path index = indexWriter.write(new StagedIndexData(jdbc, run), output);
			log.info("Wrote {}", index);
		}
		job.getExecutionContext().put(WORKBOOKS_WRITTEN,
				new java.util.ArrayList<>(written.stream().map(Path::toString).toList()));
		return written;
	}

	/**
	 * The run facts of an execution: the run as status shows it, what identifies it, under human
	 * labels, and the settings it recorded under their documented names (never the settings of the
	 * process that writes the workbook, which may be a rebuild with others).
	 */
	static AreaReportData.RunFacts runFacts(JobExecution job, LocalDateTime end, LocalDateTime rebuiltAt) {
		JobParameters parameters = job.getJobParameters();
		Map<String, String> identity = new LinkedHashMap<>();
		identity.put(AreaReportData.RunFacts.INPUT_FOLDER, parameters.getString("input"));
		identity.put("Output folder", parameters.getString("output"));
		identity.put("Inputs SHA-256", parameters.getString(RunCatalog.INPUTS));
		identity.put("Settings SHA-256", parameters.getString(RunCatalog.SETTINGS));
		String rerun = parameters.getString("rerun");
		if (rerun != null) {
			// --rerun makes a new run of inputs already reconciled; its parameter is the time it was asked for
			identity.put("Rerun requested at", rerunTime(rerun));
		}
		RunSettings settings = RunSettings.of(parameters);
		if (settings == null) {
			identity.put("Settings", "not recorded (a run of an older version)");
		}
		return new AreaReportData.RunFacts(job.getJobInstance().getInstanceId(), job.getStartTime(), end, rebuiltAt,
				identity, settings == null ? Map.of() : settings.values(), ElectionLabel.applicationVersion());
	}

	/** The workbooks this execution's report step (or the report command) wrote, in the order written. */
	@SuppressWarnings("unchecked")
	public static List<String> written(JobExecution job) {
		Object paths = job.getExecutionContext().get(WORKBOOKS_WRITTEN);
		return paths instanceof List<?> list ? (List<String>) list : List.of();
	}

	/** The time a --rerun was asked for, as status shows times; as recorded if it is not an instant. */
	private static String rerunTime(String recorded) {
		try {
			return AreaReportData.RunFacts.time(LocalDateTime.ofInstant(Instant.parse(recorded), ZoneId.systemDefault()));
		}
		catch (java.time.format.DateTimeParseException ex) {
			return recorded;
		}
	}

	private List<Path> writeAreas(StagedRun run, Path output) throws java.io.IOException {
		List<String> areas = run.areas();
		Files.createDirectories(output);
		if (areas.isEmpty()) {
			log.warn("No report area is in this run: no constituency has a verification statement or a declaration");
		}
		// written in the run's write order (the areas of the files it read first), listed by name
		List<String> order = run.writeOrder();
		Map<String, Path> written = new java.util.HashMap<>();
		org.electionrecon.run.LiveStatus.Progress progress = liveStatus.track("reportStep", "areas", areas.size(),
				-1, 0, 0);
		java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
		if (workers == 0 || areas.size() < 2) {
			for (String area : order) {
				written.put(area, write(run, area, output));
				progress.update(done.incrementAndGet());
			}
			return areas.stream().map(written::get).toList();
		}
		// areas are independent workbooks: written side by side, one per worker
		java.util.concurrent.ExecutorService pool = org.electionrecon.run.Parallelism.pool(Math.min(areas.size(), workers),
				"report-writer");
		try {
			Map<String, java.util.concurrent.Future<Path>> files = new java.util.HashMap<>();
			for (String area : order) {
				files.put(area, pool.submit(() -> {
					Path file = write(run, area, output);
					progress.update(done.incrementAndGet());
					return file;
				}));
			}
			for (String area : areas) {
				written.put(area, await(files.get(area)));
			}
		}
		finally {
			pool.shutdownNow();
		}
		return areas.stream().map(written::get).toList();
	}

	private Path write(StagedRun run, String area, Path output) throws java.io.IOException {
		Path file = writer.write(new StagedAreaReport(jdbc, run, area), output);
		log.info("Wrote {}", file);
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
