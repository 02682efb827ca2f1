package org.electionrecon.run;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.core.env.PropertyResolver;

/**
 * Hooks for the restart tests, registered on the job's steps only when a property names them
 * ({@link #requested}): they make a run stop at a known point so that a test can kill its JVM there
 * ({@code -Drecon.testing.pause-at=ingestStep:2} pauses after the second chunk the step writes,
 * before its commit; a tasklet step is one chunk; {@code ingestStep.copy} pauses inside the
 * transaction that copies the unchanged files' staging, before its commit), or fail the way a full
 * disk fails
 * ({@code -Drecon.testing.fail=report-write}).
 */
public final class FaultInjection {

	public static final String PAUSE_PROPERTY = "recon.testing.pause-at";
	public static final String FAIL_PROPERTY = "recon.testing.fail";
	public static final String PAUSED_MARKER = "RECON-TEST-PAUSED ";

	private final String pauseStep;
	private final int pauseAt;
	private final String failPoint;

	private FaultInjection(String pauseAt, String failPoint) {
		String[] parts = pauseAt == null ? new String[] { "" } : pauseAt.split(":");
		this.pauseStep = parts[0];
		this.pauseAt = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
		this.failPoint = failPoint;
	}

	/** The hooks the properties ask for, or {@code null} when neither property is set (a real run). */
	public static FaultInjection requested(PropertyResolver properties) {
		String pause = properties.getProperty(PAUSE_PROPERTY);
		String fail = properties.getProperty(FAIL_PROPERTY);
		return pause == null && fail == null ? null : new FaultInjection(pause, fail);
	}

	/** Whether the named step is the one to pause in. */
	public boolean pausesIn(String step) {
		return pauseStep.equals(step);
	}

	/** For a chunked step: pauses for good after the n-th chunk's write, inside that chunk's transaction. */
	public ItemWriteListener<Object> pauseAfterWrites(String step) {
		AtomicInteger writes = new AtomicInteger();
		return new ItemWriteListener<>() {
			@Override
			public void afterWrite(Chunk<?> items) {
				if (pausesIn(step) && writes.incrementAndGet() == pauseAt) {
					pause(step);
				}
			}
		};
	}

	/**
	 * For a point inside a transaction of a step (named {@code <step>.<point>}): pauses for good the
	 * n-th time the point is reached, before the transaction commits.
	 */
	public Runnable pauseAt(String point) {
		AtomicInteger reached = new AtomicInteger();
		return () -> {
			if (pausesIn(point) && reached.incrementAndGet() == pauseAt) {
				pause(point);
			}
		};
	}

	/**
	 * As {@link #pauseAt}, and failing as a full disk fails when {@code recon.testing.fail} names
	 * the point.
	 */
	public Runnable pauseOrFailAt(String point) {
		Runnable pause = pauseAt(point);
		return () -> {
			pause.run();
			try {
				failIfRequested(point);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		};
	}

	/** For a tasklet step: the tasklet, pausing for good after its work, inside its transaction. */
	public Tasklet pausingAfter(String step, Tasklet tasklet) {
		if (!pausesIn(step)) {
			return tasklet;
		}
		AtomicInteger runs = new AtomicInteger();
		return (contribution, chunkContext) -> {
			var status = tasklet.execute(contribution, chunkContext);
			if (runs.incrementAndGet() == pauseAt) {
				pause(step);
			}
			return status;
		};
	}

	/** Throws the failure a full disk gives, at the named point, if asked to. */
	public void failIfRequested(String point) throws IOException {
		if (point.equals(failPoint)) {
			throw new IOException("No space left on device");
		}
	}

	/** Until the JVM is killed: the test waits for the marker, then kills. */
	private static void pause(String step) {
		System.out.println(PAUSED_MARKER + step);
		System.out.flush();
		try {
			Thread.sleep(Long.MAX_VALUE);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
