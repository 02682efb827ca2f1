package org.electionrecon.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * The running job's live status: the run and step it is in and how far the step has got. Long
 * steps log their progress every {@link ProgressMeter#LOG_EVERY}; while this process holds the
 * embedded database ({@link DatabaseLock}) the same lines go to the status file that {@code status}
 * reads from another process, written at each step change and at most every
 * {@link #WRITE_EVERY} in between (the steps report once per chunk or file, never per row).
 */
public class LiveStatus implements JobExecutionListener, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(LiveStatus.class);

	/** The status file is rewritten at most this often within a step: fresh enough for an operator. */
	static final Duration WRITE_EVERY = Duration.ofMillis(250);

	private final Path file;
	private final Clock clock;
	private final LongSupplier nanoClock;
	private RunStatus status;
	private long lastWriteNanos;
	private boolean writeFailed;

	/**
	 * @param file the status file this process keeps (it holds the lock), or {@code null} to log
	 *     progress only (PostgreSQL, or a test's context)
	 */
	public LiveStatus(Path file, Clock clock, LongSupplier nanoClock) {
		this.file = file;
		this.clock = clock;
		this.nanoClock = nanoClock;
		this.status = file == null ? null
				: RunStatus.read(file).orElseGet(() -> RunStatus.ofThisProcess("run", file.getParent(), clock.instant()));
	}

	public static LiveStatus of(Path fileOrNull) {
		return new LiveStatus(fileOrNull, Clock.systemUTC(), System::nanoTime);
	}

	/**
	 * Whether this process holds the embedded job database's lock: then no other process can be
	 * running a run of it, and a run still marked as running was left so by a process that died.
	 */
	public boolean holdsJobDatabase() {
		return file != null;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		synchronized (this) {
			if (status != null) {
				status = status.withRun(jobExecution.getJobInstance().getInstanceId(), clock.instant());
				write(true);
			}
		}
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		stepStarted(stepExecution.getStepName());
	}

	/** The step now running, with no progress known yet. */
	public synchronized void stepStarted(String step) {
		if (status != null) {
			status = status.withStep(step, null, clock.instant());
			write(true);
		}
	}

	/**
	 * A step's progress from here on: {@code done} of {@code total} {@code unit} (and bytes, where
	 * {@code totalBytes} is not negative), of which {@code done} and {@code doneBytes} were done
	 * before this execution of the step.
	 */
	public Progress track(String step, String unit, long total, long totalBytes, long done, long doneBytes) {
		ProgressMeter meter = new ProgressMeter(step, unit, total, totalBytes, done, doneBytes, nanoClock,
				ProgressMeter.LOG_EVERY);
		Progress progress = new Progress(step, meter);
		progress.update(done, doneBytes);
		return progress;
	}

	/** One step's progress; thread-safe, so that parallel workers can report to it. */
	public final class Progress {

		private final String step;
		private final ProgressMeter meter;

		private Progress(String step, ProgressMeter meter) {
			this.step = step;
			this.meter = meter;
		}

		public void update(long done) {
			update(done, 0);
		}

		public void update(long done, long doneBytes) {
			ProgressMeter.Reading reading = meter.update(done, doneBytes);
			if (reading.dueForLog()) {
				log.info(reading.line());
			}
			synchronized (LiveStatus.this) {
				if (status != null) {
					status = status.withStep(step, reading.line(), clock.instant());
					write(false);
				}
			}
		}
	}

	/** What the status file says now (for tests), or {@code null} when this process keeps none. */
	public synchronized RunStatus current() {
		return status;
	}

	private void write(boolean always) {
		long now = nanoClock.getAsLong();
		if (!always && now - lastWriteNanos < WRITE_EVERY.toNanos()) {
			return;
		}
		lastWriteNanos = now;
		try {
			status.write(file);
		}
		catch (IOException | RuntimeException ex) {
			// the run matters more than its status file: say so once and go on
			if (!writeFailed) {
				writeFailed = true;
				log.warn("Cannot write the status file {}: {} (status will show less while this run goes on)", file,
						ex.getMessage());
			}
		}
	}
}
