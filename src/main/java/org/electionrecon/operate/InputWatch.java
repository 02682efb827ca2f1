package org.electionrecon.operate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.electionrecon.model.Severity;
import org.electionrecon.run.ExitCodes;
import org.electionrecon.run.RunCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code watch} command: polls the input folder and, each time its input files have changed
 * and settled, reconciles it with an ordinary run ({@link ReconciliationRunner}, the run command's
 * own rules: a completed run of the same inputs is not repeated, a failed one is restarted, files
 * staged unchanged are copied, not read). It prints one line per update, and stops between updates
 * on SIGINT or SIGTERM, letting the current run finish first.
 * <p>
 * The folder's listing (names, sizes, modification times) decides, and it is listed every poll:
 * the file system's notifications miss events on network and container file systems, so they are
 * not the rule. They are a wake-up ({@link InputNotifications}): where the file system gives them,
 * a change makes the loop list the folder at once, so the settle clock starts when a file arrives
 * rather than at the next poll; and while a listing waits to settle, the loop lists again when the
 * settle time is over ({@link InputSettling#settlesAt()}), not at the poll after it. An update thus
 * starts the settle time after the file's last change, give or take a listing, where it started up
 * to two polls later. What it keeps is two listings, whatever the length of the night.
 */
public final class InputWatch {

	private static final Logger log = LoggerFactory.getLogger(InputWatch.class);

	private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	/** Changed files named in an update's line; the rest are counted. */
	static final int CHANGES_SHOWN = 3;

	/**
	 * @param settle how long the input files must stay unchanged before an update
	 * @param poll how often the folder is listed
	 * @param stopWait how long a stop request waits for the current run before stopping it
	 */
	public record Options(Path input, Path output, String election, boolean full, Duration settle, Duration poll,
			Duration stopWait) {
	}

	private final ReconciliationRunner runner;
	private final OperatorCommands commands;
	private final JobOperator jobOperator;
	private final JdbcTemplate jdbc;
	private final RunHistory history;
	private final RunCatalog runs;
	/** The input files' SHA-256s, read again only for files whose size, time or file key changed. */
	private final ContentHashes hashes = ContentHashes.remembered();
	private final UpdateFacts facts;
	private final boolean holdsJobDatabase;
	private final Options options;
	private final PrintStream out;
	private final Clock clock;

	/**
	 * The least time between two listings woken by notifications: a file copied in many writes
	 * notifies at each, and the folder need not be listed for each one. It delays the listing that
	 * sees a file arrive by at most this, and only when the folder was listed just before.
	 */
	static final Duration WAKE_GAP = Duration.ofMillis(20);

	private final CountDownLatch stopRequested = new CountDownLatch(1);

	/** The wake-up of {@link #watch()}'s loop, closed by a stop request to end its wait; {@code null} before it starts. */
	private volatile InputNotifications notifications;
	private final AtomicInteger stopRequests = new AtomicInteger();
	private volatile boolean updating;

	/** The exit code of the last update, or {@code null} before the first. */
	private Integer lastExitCode;

	public InputWatch(ReconciliationRunner runner, OperatorCommands commands, JobRepository jobRepository,
			JobOperator jobOperator, JdbcTemplate jdbc, boolean holdsJobDatabase, Options options, PrintStream out,
			Clock clock) {
		this.runner = runner;
		this.commands = commands;
		this.jobOperator = jobOperator;
		this.jdbc = jdbc;
		this.history = new RunHistory(jdbc, jobRepository);
		this.runs = new RunCatalog(jdbc, jobRepository, RunCatalog.JOB_NAME);
		this.facts = new UpdateFacts(jdbc);
		this.holdsJobDatabase = holdsJobDatabase;
		this.options = options;
		this.out = out;
		this.clock = clock;
	}

	/**
	 * Watches until a stop is requested; the exit code of the last update (0, 1 or 2 as a run's;
	 * 3 if it failed or was stopped), or 3 when no update was made.
	 */
	public int watch() throws InterruptedException {
		if (!runner.databaseReady()) {
			return ExitCodes.FAILED;
		}
		if (holdsJobDatabase && !runs.running(parameters -> true).isEmpty()) {
			// this process holds the job database: a run marked as running was left so by a watch that was killed
			out.println("A run was left running by a process that is gone (killed, or the machine rebooted):"
					+ " marking it failed, to be resumed by the first update");
			commands.recover(null);
		}
		out.printf("Watching %s (settle %s, poll %s): each change reconciled into %s. Stop with Ctrl-C or SIGTERM.%n",
				options.input(), describe(options.settle()), describe(options.poll()), options.output());
		InputSettling settling = new InputSettling(options.settle());
		int update = 0;
		boolean folderMissing = false;
		notifications = InputNotifications.open(options.input());
		try {
			long listedNanos = System.nanoTime() - WAKE_GAP.toNanos();
			while (stopRequested.getCount() > 0) {
				Duration wait = options.poll();
				if (!Files.isDirectory(options.input())) {
					if (!folderMissing) {
						out.println("The input folder " + options.input() + " is gone; waiting for it to come back");
						folderMissing = true;
					}
				}
				else {
					folderMissing = false;
					notifications.register();
					listedNanos = System.nanoTime();
					Optional<InputListing> settled = listing().flatMap(listing -> settling.poll(listing, clock.instant()));
					if (settled.isPresent()) {
						update++;
						out.println(update(update, settling.lastReconciled(), settled.get()));
						settling.reconciled(settled.get());
						continue; // the folder may have changed during the run: look again at once
					}
					wait = untilNextListing(options.poll(), settling.settlesAt(), clock.instant());
				}
				if (notifications.await(wait, stopRequested)) {
					// a burst of notifications (a file written in many pieces) lists the folder once per WAKE_GAP at most
					long sinceListed = System.nanoTime() - listedNanos;
					if (sinceListed < WAKE_GAP.toNanos()) {
						stopRequested.await(WAKE_GAP.toNanos() - sinceListed, TimeUnit.NANOSECONDS);
					}
				}
			}
		}
		finally {
			notifications.close();
		}
		int code = lastExitCode == null ? ExitCodes.FAILED : lastExitCode;
		out.printf("Stopped watching after %d update%s; exit code %d%s%n", update, update == 1 ? "" : "s", code,
				lastExitCode == null ? " (no update was made)" : " (the last update's)");
		return code;
	}

	/**
	 * How long the loop waits before it lists the folder again, unless a notification or a stop
	 * request comes first: a poll, or less when the listing seen last settles sooner, so that the
	 * update starts when the settle time is over rather than at the poll after it.
	 */
	static Duration untilNextListing(Duration poll, Optional<Instant> settlesAt, Instant now) {
		if (settlesAt.isEmpty()) {
			return poll;
		}
		Duration left = Duration.between(now, settlesAt.get());
		return left.isNegative() ? Duration.ZERO : left.compareTo(poll) < 0 ? left : poll;
	}

	private Optional<InputListing> listing() {
		try {
			return Optional.of(InputListing.of(options.input()));
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Cannot list the input folder {}: {}; trying again", options.input(), ExitCodes.oneLine(ex));
			return Optional.empty();
		}
	}

	/**
	 * Asks the watch to stop (from a signal handler): no new update starts; the current run, if any,
	 * may finish for the stop wait, then is stopped through the job operator, at its next chunk or
	 * step boundary, as STOPPED: the same command restarts it. A second request stops it at once.
	 */
	public void requestStop(String why) {
		int requests = stopRequests.incrementAndGet();
		stopRequested.countDown();
		InputNotifications waking = notifications;
		if (waking != null) {
			waking.close(); // ends the loop's wait for a notification at once
		}
		if (!updating) {
			return;
		}
		if (requests > 1) {
			out.println(why + " again: stopping the current run now; the same command resumes it");
			stopCurrentRun();
			return;
		}
		out.printf("%s: the current run may finish (up to %s), then it is stopped; the same command resumes it%n", why,
				describe(options.stopWait()));
		Thread waiter = new Thread(() -> {
			try {
				Thread.sleep(options.stopWait().toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
			if (updating) {
				out.println("The current run did not finish within " + describe(options.stopWait()) + ": stopping it");
				stopCurrentRun();
			}
		}, "watch-stop-wait");
		waiter.setDaemon(true);
		waiter.start();
	}

	/**
	 * Handles SIGINT (Ctrl-C) and SIGTERM by {@link #requestStop} rather than by the JVM's shutdown,
	 * which would close the job database under a running run. Where a signal cannot be handled (the
	 * JVM started with -Xrs), it keeps its default: the JVM ends, the run is left to be recovered.
	 */
	public void stopOnSignals() {
		for (String name : List.of("INT", "TERM")) {
			try {
				sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> requestStop("SIG" + signal.getName()));
			}
			catch (IllegalArgumentException | IllegalStateException ex) {
				log.warn("SIG{} cannot be handled here ({}): it ends the JVM; a run it interrupts is resumed by the"
						+ " same command", name, ExitCodes.oneLine(ex));
			}
		}
	}

	private void stopCurrentRun() {
		for (JobExecution execution : runs.running(parameters -> true)) {
			try {
				jobOperator.stop(execution);
			}
			catch (Exception ex) {
				log.warn("Run {} could not be stopped: {}", execution.getJobInstance().getInstanceId(), ExitCodes.oneLine(ex));
			}
		}
	}

	/** Reconciles the folder as it settled; the update's line. */
	private String update(int number, InputListing before, InputListing now) {
		Instant started = clock.instant();
		long startNanos = System.nanoTime();
		Long executionBefore = newestExecutionId();
		Optional<String> fingerprint = Optional.empty();
		int code;
		updating = true;
		try {
			// the folder's fingerprint, taken once for the update's look-ups and its run: it was taken for each of
			// them (two to four times an update), each a listing of the folder and a look at every file
			fingerprint = fingerprint();
			// the folder back as an earlier completed run had it (a file removed and put back, a revision
			// withdrawn) while the workbooks are the latest run's, of other inputs: reconciled again as a new run,
			// compared with the latest one, as the run command does with --rerun
			boolean earlierInputs = fingerprint.isPresent() && sameInputsCompleted(fingerprint.get()).isPresent()
					&& !latestRunHasTheseInputs(fingerprint.get());
			if (earlierInputs) {
				log.info("The input folder is as an earlier run had it, not as the latest run: reconciling it as a new run");
			}
			code = run(earlierInputs, fingerprint);
			if (code == ExitCodes.FAILED && !earlierInputs && Objects.equals(newestExecutionId(), executionBefore)
					&& fingerprint.isPresent() && !latestRunHasTheseInputs(fingerprint.get())
					&& failedRunOfTheseInputs(fingerprint.get())) {
				// refused: a run of these inputs failed before the latest run completed, and restarting it would
				// write over the latest run's workbooks; the folder is reconciled as a new run instead
				log.info("A run of these inputs failed before the latest run completed: reconciling them as a new run");
				code = run(true, fingerprint);
			}
		}
		catch (RuntimeException ex) {
			log.error("The update could not run: {}", ExitCodes.oneLine(ex), ex);
			code = ExitCodes.FAILED;
		}
		finally {
			updating = false;
		}
		lastExitCode = code;
		Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
		String head = String.format("Update %d at %s: %s; ", number,
				CLOCK_TIME.format(started.atZone(clock.getZone() == null ? ZoneId.systemDefault() : clock.getZone())),
				changes(before, now));
		String outcome;
		try {
			outcome = outcome(executionBefore, code, fingerprint);
		}
		catch (RuntimeException ex) {
			log.warn("What update {} did could not be read from the job database: {}", number, ExitCodes.oneLine(ex), ex);
			outcome = "its run's counts could not be read (" + ExitCodes.oneLine(ex) + ")";
		}
		return head + outcome + "; exit code " + code + "; " + seconds(took);
	}

	/** What the run did: the run, files read and copied, seats changed, open findings; or why there is none. */
	private String outcome(Long executionBefore, int code, Optional<String> fingerprint) {
		Long newest = newestExecutionId();
		if (newest == null || newest.equals(executionBefore)) {
			if (code == ExitCodes.FAILED) {
				return "no run (the reason is above and in the log)";
			}
			Optional<JobExecution> done = fingerprint.flatMap(this::sameInputsCompleted);
			return done.map(execution -> "run " + execution.getJobInstance().getInstanceId()
					+ " already reconciled these inputs: no file read, no seat changed; " + open(execution.getJobInstance()
						.getInstanceId()))
				.orElse("no run");
		}
		long runId = jdbc.queryForObject("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				Long.class, newest);
		Long executions = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?",
				Long.class, runId);
		boolean resumed = executions != null && executions > 1;
		String run = "run " + runId + (resumed ? " (resumed)" : "");
		RunHistory.Run recorded = history.find(runId);
		if (recorded == null || !"COMPLETED".equals(recorded.status())) {
			String status = recorded == null ? "unknown" : recorded.status();
			String step = recorded == null || recorded.failedStep() == null ? "" : " in " + recorded.failedStep();
			String why = recorded == null || recorded.exitDescription() == null ? "" : ": " + recorded.exitDescription();
			return run + " " + status + step + why;
		}
		long read = facts.filesRead(runId);
		long reused = facts.filesReused(runId);
		Long previous = runs.latestCompleted(RunCatalog.sameElection(options.election()), runId)
			.map(e -> e.getJobInstance().getInstanceId())
			.orElse(null);
		int seats = facts.seatsChanged(runId, previous).size();
		return String.format("%s: %s read, %d reused; %s changed; %s", run, plural(read, "file"), reused,
				plural(seats, "seat"), open(runId));
	}

	private String open(long runId) {
		Map<Severity, Long> open = history.openFindings(runId);
		return String.format("%s, %s, %d info open", plural(open.get(Severity.ERROR), "error"),
				plural(open.get(Severity.WARNING), "warning"), open.get(Severity.INFO));
	}

	/**
	 * The folder's fingerprint now, as the update's run takes it; empty when the folder cannot be read
	 * (the run then takes it itself, and says why it cannot).
	 */
	private Optional<String> fingerprint() {
		try {
			return Optional.of(InputFingerprint.of(options.input(), hashes));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** Reconciles the folder: with its fingerprint as taken for the update, or, when it could not be, as the run takes it. */
	private int run(boolean rerun, Optional<String> fingerprint) {
		return fingerprint.isPresent()
				? runner.run(options.input(), options.output(), options.election(), rerun, options.full(), fingerprint.get())
				: runner.run(options.input(), options.output(), options.election(), rerun, options.full(), hashes);
	}

	/**
	 * Whether the election's latest completed run has the folder's inputs as they are now (so its
	 * workbooks are the folder's), or there is no completed run to compare with.
	 */
	private boolean latestRunHasTheseInputs(String fingerprint) {
		Optional<JobExecution> latest = runs.latestCompleted(RunCatalog.sameElection(options.election()));
		return latest.isEmpty() || fingerprint.equals(latest.get().getJobParameters().getString(RunCatalog.INPUTS));
	}

	/** Whether a run of the folder's inputs as they are now failed or was stopped. */
	private boolean failedRunOfTheseInputs(String fingerprint) {
		return runs.latest(RunCatalog.sameInputs(options.election(), fingerprint), Long.MAX_VALUE,
				Set.of(BatchStatus.FAILED, BatchStatus.STOPPED)).isPresent();
	}

	/** The newest completed run of the folder's inputs as they are now (one query: {@link RunCatalog}). */
	private Optional<JobExecution> sameInputsCompleted(String fingerprint) {
		return runs.latestCompleted(RunCatalog.sameInputs(options.election(), fingerprint));
	}

	/** The newest execution of the job, of whichever run: the one an update started or restarted. */
	private Long newestExecutionId() {
		// a restart adds an execution to an older run: the newest execution is not always the newest run's
		return jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
	}

	/** The files that changed since the last update, the first few by name; the first update's folder as it is. */
	static String changes(InputListing before, InputListing now) {
		if (before == null) {
			return "the folder as it is, " + plural(now.files().size(), "input file");
		}
		List<String> changes = now.changesSince(before);
		if (changes.size() <= CHANGES_SHOWN) {
			return String.join(", ", changes);
		}
		return String.join(", ", changes.subList(0, CHANGES_SHOWN)) + " and " + (changes.size() - CHANGES_SHOWN)
				+ " more changes";
	}

	static String plural(long n, String noun) {
		return n + " " + noun + (n == 1 ? "" : "s");
	}

	static String seconds(Duration took) {
		return String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
	}

	static String describe(Duration duration) {
		long millis = duration.toMillis();
		return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
	}
}
