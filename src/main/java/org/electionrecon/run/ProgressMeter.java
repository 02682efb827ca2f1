package org.electionrecon.run;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How far a step has got: done of total (and bytes, where the step reads files), the rate since
 * this execution of the step started and the time left at that rate, as one line such as
 * {@code ingestStep: 120 of 331 files, 14.2 of 28.0 MB, 3.1 MB/s, about 5 s left}. It also says
 * when a line is due in the log (every {@link #LOG_EVERY}), so that a long step is heard from
 * without a line per file. Plain and clock-driven, so the timing is tested with a fake clock.
 */
public final class ProgressMeter {

	/** How often a long step logs its progress. */
	public static final Duration LOG_EVERY = Duration.ofSeconds(5);

	/** A step's progress line, and whether it is due in the log. */
	public record Reading(String line, boolean dueForLog) {
	}

	private final String step;
	private final String unit;
	private final long total;
	private final long totalBytes;
	private final LongSupplier nanoClock;
	private final long logEveryNanos;
	private final long startNanos;
	private final long startDone;
	private final long startBytes;
	private long nextLogNanos;

	/**
	 * @param totalBytes the bytes the step reads, or a negative number when it reads no files (the
	 *     rate and the time left are then counted in units)
	 * @param done what an earlier execution of the step already did (a restart resumes after it): it
	 *     counts as done but not in the rate
	 */
	public ProgressMeter(String step, String unit, long total, long totalBytes, long done, long doneBytes,
			LongSupplier nanoClock, Duration logEvery) {
		this.step = step;
		this.unit = unit;
		this.total = total;
		this.totalBytes = totalBytes;
		this.nanoClock = nanoClock;
		this.logEveryNanos = logEvery.toNanos();
		this.startNanos = nanoClock.getAsLong();
		this.startDone = done;
		this.startBytes = doneBytes;
		this.nextLogNanos = startNanos + logEveryNanos;
	}

	/** The line for this much done; due in the log when {@link #LOG_EVERY} has passed since the last due one. */
	public synchronized Reading update(long done, long doneBytes) {
		long now = nanoClock.getAsLong();
		boolean due = now - nextLogNanos >= 0;
		if (due) {
			nextLogNanos = now + logEveryNanos;
		}
		return new Reading(describe(done, doneBytes, now), due);
	}

	private String describe(long done, long doneBytes, long now) {
		boolean bytes = totalBytes >= 0;
		StringBuilder line = new StringBuilder(step).append(": ").append(done).append(" of ").append(total).append(' ')
			.append(unit);
		if (bytes) {
			line.append(", ").append(megabytes(doneBytes)).append(" of ").append(megabytes(totalBytes)).append(" MB");
		}
		double seconds = (now - startNanos) / 1e9;
		long progressed = bytes ? doneBytes - startBytes : done - startDone;
		if (seconds > 0 && progressed > 0) {
			double perSecond = progressed / seconds;
			line.append(", ").append(bytes ? megabytes(perSecond) + " MB/s" : oneDecimal(perSecond) + " " + unit + "/s");
			long remaining = bytes ? totalBytes - doneBytes : total - done;
			if (remaining > 0) {
				line.append(", about ").append(duration(remaining / perSecond)).append(" left");
			}
		}
		return line.toString();
	}

	private static String megabytes(double bytes) {
		return oneDecimal(bytes / 1_000_000);
	}

	private static String oneDecimal(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	/** Seconds under a minute, minutes under an hour, then hours and minutes: an estimate, not a promise. */
	static String duration(double seconds) {
		long whole = Math.max(1, (long) Math.ceil(seconds));
		if (whole < 60) {
			return whole + " s";
		}
		long minutes = Math.round(whole / 60.0);
		if (minutes < 60) {
			return minutes + " min";
		}
		return minutes / 60 + " h " + minutes % 60 + " min";
	}
}
