package org.electionrecon.ingest;

import java.util.concurrent.atomic.AtomicLong;

import org.electionrecon.run.LiveStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * A partitioned step's progress in files and bytes, as the run's live status shows it (for
 * example {@code ingestStep: 120 of 331 files, 14.2 of 28.0 MB, 3.1 MB/s, about 5 s left}):
 * started by the splitter once the partitions are known, and moved on by each partition as it
 * finishes, whichever thread ran it. A listener of the worker step.
 */
public class FileProgress implements StepExecutionListener {

	private final LiveStatus liveStatus;
	private final AtomicLong files = new AtomicLong();
	private final AtomicLong bytes = new AtomicLong();
	private volatile LiveStatus.Progress progress;

	public FileProgress(LiveStatus liveStatus) {
		this.liveStatus = liveStatus;
	}

	/** The step's files and bytes, of which an earlier execution read {@code doneFiles} and {@code doneBytes}. */
	public void start(String step, long totalFiles, long totalBytes, long doneFiles, long doneBytes) {
		files.set(doneFiles);
		bytes.set(doneBytes);
		progress = liveStatus.track(step, "files", totalFiles, totalBytes, doneFiles, doneBytes);
	}

	@Override
	public ExitStatus afterStep(StepExecution partition) {
		long read = partition.getExecutionContext().getLong(SourceFilePartitioner.BYTES, 0);
		long doneFiles = files.incrementAndGet();
		long doneBytes = bytes.addAndGet(read);
		LiveStatus.Progress current = progress;
		if (current != null) {
			current.update(doneFiles, doneBytes);
		}
		return null;
	}
}
