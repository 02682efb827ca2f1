package org.electionrecon.operate;

import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.electionrecon.model.FindingStatus;
import org.electionrecon.model.Severity;
import org.electionrecon.run.RunCatalog;
import org.electionrecon.settings.RunSettings;
import org.springframework.jdbc.core.JdbcTemplate;

/** The runs in the job database, as an operator asks about them. A run is a job instance. */
public class RunHistory {

	private final JdbcTemplate jdbc;

	public RunHistory(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A run's latest execution.
	 *
	 * @param failedStep the step that did not complete, with its exit description, or {@code null}
	 * @param settings the settings that change findings, as the run recorded them ({@code null} before they were)
	 */
	public record Run(long runId, long executionId, String status, LocalDateTime start, LocalDateTime end,
			String election, String input, String fingerprint, String failedStep, String exitDescription,
			RunSettings settings) {
	}

	private static final String LATEST_EXECUTIONS = "SELECT I.JOB_INSTANCE_ID, E.JOB_EXECUTION_ID, E.STATUS,"
			+ " E.START_TIME, E.END_TIME, E.EXIT_MESSAGE FROM BATCH_JOB_INSTANCE I JOIN BATCH_JOB_EXECUTION E"
			+ " ON E.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID WHERE I.JOB_NAME = ? AND E.JOB_EXECUTION_ID ="
			+ " (SELECT MAX(X.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION X WHERE X.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID)";

	/** The most recent runs, newest first. */
	public List<Run> recent(int limit) {
		List<Run> runs = jdbc.query(LATEST_EXECUTIONS + " ORDER BY I.JOB_INSTANCE_ID DESC",
				(rs, i) -> run(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4), rs.getTimestamp(5),
						rs.getString(6)),
				RunCatalog.JOB_NAME);
		return runs.subList(0, Math.min(limit, runs.size()));
	}

	public Run find(long runId) {
		List<Run> runs = jdbc.query(LATEST_EXECUTIONS + " AND I.JOB_INSTANCE_ID = ?",
				(rs, i) -> run(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4), rs.getTimestamp(5),
						rs.getString(6)),
				RunCatalog.JOB_NAME, runId);
		return runs.isEmpty() ? null : runs.get(0);
	}

	private Run run(long runId, long executionId, String status, java.sql.Timestamp start, java.sql.Timestamp end,
			String exitMessage) {
		Map<String, String> parameters = new java.util.HashMap<>();
		jdbc.query("SELECT PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ?",
				rs -> {
					parameters.put(rs.getString(1), rs.getString(2));
				}, executionId);
		List<String[]> failed = jdbc.query("SELECT STEP_NAME, EXIT_MESSAGE FROM BATCH_STEP_EXECUTION"
				+ " WHERE JOB_EXECUTION_ID = ? AND STATUS <> 'COMPLETED' ORDER BY STEP_EXECUTION_ID",
				(rs, i) -> new String[] { rs.getString(1), rs.getString(2) }, executionId);
		String failedStep = failed.isEmpty() ? null : failed.get(0)[0];
		List<String> recorded = failedStep == null ? List.of()
				: jdbc.queryForList("SELECT REASON FROM RECON_RUN_FAILURE WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?",
						String.class, executionId, failedStep);
		String why = !recorded.isEmpty() ? recorded.get(0) : failed.isEmpty() ? exitMessage : failed.get(0)[1];
		return new Run(runId, executionId, status, start == null ? null : start.toLocalDateTime(),
				end == null ? null : end.toLocalDateTime(), parameters.get("election"), parameters.get("input"),
				parameters.get("inputs.sha256"), failedStep, firstLine(why), RunSettings.recorded(parameters::get));
	}

	private static String firstLine(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		return text.lines().findFirst().orElse(text).strip();
	}

	/** Open findings by severity (explained ones do not count towards the exit code). */
	public Map<Severity, Long> openFindings(long runId) {
		Map<Severity, Long> counts = new EnumMap<>(Severity.class);
		for (Severity severity : Severity.values()) {
			counts.put(severity, 0L);
		}
		jdbc.query("SELECT SEVERITY, COUNT(*) FROM RECON_FINDING WHERE RUN_ID = ? AND STATUS = ? GROUP BY SEVERITY",
				rs -> {
					counts.put(Severity.valueOf(rs.getString(1)), rs.getLong(2));
				}, runId, FindingStatus.OPEN.name());
		return counts;
	}
}
