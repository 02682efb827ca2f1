package org.electionrecon.report;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * The run's end as its workbooks state it. The report step writes End into the workbooks before
 * the job has ended, so it takes the time it writes them as the run's end, and this listener has
 * the job repository record that same time (Spring Batch sets its own end just before
 * {@link #afterJob} and saves the execution again after it): {@code status}, a rebuild by the
 * {@code report} command and the run's own workbooks all show one end.
 */
public class RunEnd implements JobExecutionListener {

	/** The job execution context's entry for the end the report step wrote. */
	private static final String STAMPED = "report.end";

	/**
	 * The run's end, as the report step writes it now, noted in the execution. Milliseconds: the
	 * job repository keeps at least those, so the time read back is the time written.
	 */
	static LocalDateTime stamp(JobExecution job) {
		LocalDateTime end = LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS);
		job.getExecutionContext().putString(STAMPED, end.toString());
		return end;
	}

	@Override
	public void beforeJob(JobExecution job) {
		// a restarted execution starts from its predecessor's context: that end is not this one's
		job.getExecutionContext().remove(STAMPED);
	}

	@Override
	public void afterJob(JobExecution job) {
		if (job.getStatus() == BatchStatus.COMPLETED && job.getExecutionContext().containsKey(STAMPED)) {
			job.setEndTime(LocalDateTime.parse(job.getExecutionContext().getString(STAMPED)));
		}
	}
}
