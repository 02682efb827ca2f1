package org.electionrecon.operate;

import java.nio.file.NoSuchFileException;
import java.util.List;

import org.electionrecon.run.ExitCodes;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps why a step failed, on one line a person understands, for {@code status}: the root cause,
 * not the stack trace of Spring Batch's wrapper exception.
 */
public class FailureRecorder implements StepExecutionListener {

	private final JdbcTemplate jdbc;

	public FailureRecorder(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (stepExecution.getStatus() == BatchStatus.FAILED || stepExecution.getStatus() == BatchStatus.UNKNOWN) {
			List<Throwable> failures = stepExecution.getFailureExceptions();
			String reason = failures.isEmpty() ? stepExecution.getExitStatus().getExitDescription() : reason(failures.get(0));
			record(stepExecution.getJobExecution().getJobInstance().getInstanceId(),
					stepExecution.getJobExecution().getId(), stepExecution.getStepName(), reason);
		}
		return null;
	}

	public void record(long runId, long executionId, String step, String reason) {
		String text = reason == null || reason.isBlank() ? "no reason recorded" : reason.lines().findFirst().orElse(reason);
		jdbc.update("INSERT INTO RECON_RUN_FAILURE (RUN_ID, JOB_EXECUTION_ID, STEP_NAME, REASON) VALUES (?,?,?,?)", runId,
				executionId, step, text.length() > 2000 ? text.substring(0, 2000) : text);
	}

	static String reason(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root instanceof NoSuchFileException missing) {
			return "a source file disappeared while the run read it: " + missing.getFile();
		}
		return ExitCodes.oneLine(root);
	}
}
