package org.electionrecon.staging;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.electionrecon.ingest.StagedItem;
import org.electionrecon.model.BallotBox;
import org.electionrecon.model.CandidateVotes;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.CheckEvaluation;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.DeclaredBreakdown;
import org.electionrecon.model.DeclaredPartyVotes;
import org.electionrecon.model.Explanation;
import org.electionrecon.model.ReportedFigure;
import org.electionrecon.model.DeclaredResult;
import org.electionrecon.model.Finding;
import org.electionrecon.model.FindingStatus;
import org.electionrecon.model.NotionalResult;
import org.electionrecon.model.RejectedFigure;
import org.electionrecon.model.RejectedRow;
import org.electionrecon.model.SourceFile;
import org.electionrecon.model.Staged;
import org.electionrecon.model.StatedFigure;
import org.electionrecon.model.VerificationSheet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Batched, prepared inserts into the staging tables: one JDBC batch per record type per chunk.
 */
public class StagingTables {

	/** Which stage wrote a finding, so a re-run stage replaces only its own. */
	public enum Stage {
		INGEST, RECONCILE, AREA
	}

	private final JdbcTemplate jdbc;

	public StagingTables(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public JdbcTemplate jdbc() {
		return jdbc;
	}

	/**
	 * When this job database first received a file of that name and content: the earliest
	 * RECEIVED_AT of a completed run (or this run) that staged it, whatever read it or copied it;
	 * empty for content never staged before (or a file whose content could not be hashed), which
	 * this run receives now. A file read again by {@code --full} keeps its first receipt; a revised
	 * file is other content, so a new receipt.
	 */
	private Optional<LocalDateTime> firstReceived(long runId, SourceFile file) {
		if (file.sha256() == null) {
			return Optional.empty();
		}
		Timestamp first = jdbc.queryForObject("SELECT MIN(S.RECEIVED_AT) FROM RECON_SOURCE_FILE S WHERE S.SHA256 = ?"
				+ " AND S.FILE_NAME = ? AND (S.RUN_ID = ? OR EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION E"
				+ " WHERE E.JOB_INSTANCE_ID = S.RUN_ID AND E.STATUS = 'COMPLETED'))", Timestamp.class, file.sha256(),
				file.file(), runId);
		return Optional.ofNullable(first).map(Timestamp::toLocalDateTime);
	}

	public void insert(long runId, Collection<StagedItem> items) {
		Map<Class<?>, List<StagedItem>> byType = items.stream()
			.collect(Collectors.groupingBy(i -> i.record().getClass(), java.util.LinkedHashMap::new, Collectors.toList()));
		byType.forEach((type, group) -> insertGroup(runId, type, group));
	}

	private void insertGroup(long runId, Class<?> type, List<StagedItem> group) {
		if (type == Constituency.class) {
			batch("INSERT INTO RECON_CONSTITUENCY (RUN_ID, FILE_SEQ, CODE, NAME, REGION, COUNTY, AREA, ALIASES) VALUES (?,?,?,?,?,?,?,?)",
					group, (seq, file, r) -> {
						Constituency c = (Constituency) r;
						return new Object[] { runId, file, c.code(), c.name(), c.region(), c.county(), c.area(),
								String.join(";", c.aliases()) };
					});
		}
		else if (type == BallotBox.class) {
			BoxBlocks.insert(jdbc, runId, group);
		}
		else if (type == VerificationSheet.class) {
			batch("INSERT INTO RECON_VERIFICATION_SHEET (RUN_ID, FILE_SEQ, CONSTITUENCY_CODE, SOURCE) VALUES (?,?,?,?)", group,
					(seq, file, r) -> {
						VerificationSheet v = (VerificationSheet) r;
						return new Object[] { runId, file, v.constituencyCode(), v.source() };
					});
		}
		else if (type == StatedFigure.class) {
			batch("INSERT INTO RECON_STATED_FIGURE (RUN_ID, FILE_SEQ, CONSTITUENCY_CODE, KIND, FIGURE_VALUE, DECIMALS, SOURCE)"
					+ " VALUES (?,?,?,?,?,?,?)", group, (seq, file, r) -> {
						StatedFigure s = (StatedFigure) r;
						return new Object[] { runId, file, s.constituencyCode(), s.kind().name(), s.value(), s.decimals(),
								s.source() };
					});
		}
		else if (type == DeclaredResult.class) {
			batch("INSERT INTO RECON_DECLARATION (RUN_ID, FILE_SEQ, SEQ, CONSTITUENCY_CODE, FILE_NAME, ELECTORATE, ELECTORATE_SOURCE,"
					+ " VALID_VOTES, VALID_VOTES_SOURCE, REJECTED, REJECTED_SOURCE, MAJORITY, MAJORITY_SOURCE,"
					+ " RESULT_LABEL, RESULT_SOURCE, FIRST_PARTY, FIRST_PARTY_SOURCE, MEMBER_FIRST_NAME, MEMBER_SURNAME,"
					+ " MEMBER_SOURCE) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", group, (seq, file, r) -> {
						DeclaredResult d = (DeclaredResult) r;
						return new Object[] { runId, file, seq, d.constituencyCode(), d.file(), big(d.electorate()),
								d.electorateSource(), big(d.validVotes()), d.validVotesSource(), big(d.rejected()),
								d.rejectedSource(), big(d.majority()), d.majoritySource(), d.result(), d.resultSource(),
								d.firstParty(), d.firstPartySource(), d.memberFirstName(), d.memberSurname(),
								d.memberSource() };
					});
		}
		else if (type == DeclaredPartyVotes.class) {
			insertPartyVotes(runId, group);
		}
		else if (type == CandidateVotes.class) {
			batch("INSERT INTO RECON_CANDIDATE (RUN_ID, FILE_SEQ, SEQ, CONSTITUENCY_CODE, FIRST_NAME, SURNAME, PARTY, VOTES, ELECTED,"
					+ " SOURCE) VALUES (?,?,?,?,?,?,?,?,?,?)", group, (seq, file, r) -> {
						CandidateVotes c = (CandidateVotes) r;
						return new Object[] { runId, file, seq, c.constituencyCode(), c.firstName(), c.surname(), c.party(),
								c.votes(), new SqlParameterValue(Types.BOOLEAN, c.elected()), c.source() };
					});
		}
		else if (type == NotionalResult.class) {
			batch("INSERT INTO RECON_NOTIONAL (RUN_ID, FILE_SEQ, CONSTITUENCY_CODE, ELECTORATE, TURNOUT, TOTAL_VOTES, PARTY_VOTES,"
					+ " WINNER, SECOND_PARTY, SOURCE, ELECTORATE_SOURCE, WINNER_SOURCE) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", group,
					(seq, file, r) -> {
						NotionalResult n = (NotionalResult) r;
						return new Object[] { runId, file, n.constituencyCode(), n.electorate(), n.turnout(), n.totalVotes(),
								PartyVotesText.format(n.partyVotes()), n.winner(), n.second(), n.source(),
								n.electorateSource(), n.winnerSource() };
					});
		}
		else if (type == RejectedRow.class) {
			batch("INSERT INTO RECON_REJECTED_ROW (RUN_ID, FILE_SEQ, SEQ, FILE_NAME, SHEET, ROW_NO, CELL, RAW_VALUE, REASON)"
					+ " VALUES (?,?,?,?,?,?,?,?,?)", group, (seq, file, r) -> {
						RejectedRow x = (RejectedRow) r;
						return new Object[] { runId, file, seq, x.file(), x.sheet(), x.row(), x.cell(), clip(x.value(), 4000),
								clip(x.reason(), 2000) };
					});
		}
		else if (type == RejectedFigure.class) {
			batch("INSERT INTO RECON_REJECTED_FIGURE (RUN_ID, FILE_SEQ, SEQ, CONSTITUENCY_CODE, KIND, ITEM, SOURCE, REASON)"
					+ " VALUES (?,?,?,?,?,?,?,?)", group, (seq, file, r) -> {
						RejectedFigure x = (RejectedFigure) r;
						return new Object[] { runId, file, seq, x.constituencyCode(), x.kind().name(), clip(x.item(), 400),
								clip(x.source(), 1000), clip(x.reason(), 2000) };
					});
		}
		else if (type == SourceFile.class) {
			// how the file was read goes with its provenance: what an incremental run looks for (StagedFiles)
			List<Object[]> rows = new ArrayList<>(group.size());
			LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
			for (StagedItem item : group) {
				SourceFile f = (SourceFile) item.record();
				rows.add(new Object[] { runId, item.file().firstSeq(), item.seq(), f.file(), f.kind(), f.sha256(),
						f.bytes(), f.rowsRead(), f.rowsAccepted(), f.rowsRejected(), f.rowsOutOfScope(),
						clip(f.notes(), 16000), item.file().readerVersion(), item.file().readKey(),
						Timestamp.valueOf(firstReceived(runId, f).orElse(now)) });
			}
			jdbc.batchUpdate("INSERT INTO RECON_SOURCE_FILE (RUN_ID, FILE_SEQ, SEQ, FILE_NAME, KIND, SHA256, BYTES,"
					+ " ROWS_READ, ROWS_ACCEPTED, ROWS_REJECTED, ROWS_OUT_OF_SCOPE, NOTES, READER_VERSION, READ_KEY,"
					+ " RECEIVED_AT) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows);
		}
		else if (type == DeclaredBreakdown.class) {
			batch("INSERT INTO RECON_DECLARED_BREAKDOWN (RUN_ID, FILE_SEQ, CONSTITUENCY_CODE, FILE_NAME, VOTES_CAST, VOTES_CAST_SOURCE,"
					+ " REJECTED_BY_CATEGORY, REJECTED_SOURCE) VALUES (?,?,?,?,?,?,?,?)", group, (seq, file, r) -> {
						DeclaredBreakdown b = (DeclaredBreakdown) r;
						return new Object[] { runId, file, b.constituencyCode(), b.file(), big(b.votesCast()),
								b.votesCastSource(), PartyVotesText.format(b.rejectedByCategory()),
								clip(b.rejectedSource(), 4000) };
					});
		}
		else if (type == ReportedFigure.class) {
			batch("INSERT INTO RECON_REPORTED (RUN_ID, FILE_SEQ, SEQ, CONSTITUENCY_CODE, FIGURE, FIGURE_VALUE, DECIMALS, REPORTED_AT,"
					+ " OUTLET, SOURCE) VALUES (?,?,?,?,?,?,?,?,?,?)", group, (seq, file, r) -> {
						ReportedFigure f = (ReportedFigure) r;
						return new Object[] { runId, file, seq, f.constituencyCode(), clip(f.figure(), 120), f.value(),
								f.decimals(), clip(f.reportedAt(), 100), clip(f.outlet(), 200), f.source() };
					});
		}
		else if (type == Explanation.class) {
			batch("INSERT INTO RECON_EXPLANATION (RUN_ID, FILE_SEQ, SEQ, CONSTITUENCY_CODE, CHECK_CODE, BOX, NOTE, EXPLAINED_BY,"
					+ " SOURCE) VALUES (?,?,?,?,?,?,?,?,?)", group, (seq, file, r) -> {
						Explanation e = (Explanation) r;
						return new Object[] { runId, file, seq, e.constituencyCode(), e.check().name(), clip(e.box(), 200),
								clip(e.note(), 2000), clip(e.by(), 200), e.source() };
					});
		}
		else if (type == Finding.class) {
			insertIngestFindings(runId, group);
		}
		else {
			throw new IllegalArgumentException("no staging table for " + type.getName());
		}
	}

	/**
	 * The party votes of a chunk, one row per file and constituency ({@link DeclaredPartyVotesText}),
	 * in the order the chunk holds them. A constituency whose parties a file states in two rows, or
	 * in two chunks, gets more than one row: the reader decodes them all and puts them in source order.
	 */
	private void insertPartyVotes(long runId, List<StagedItem> group) {
		record FileConstituency(long fileSeq, String constituencyCode) {
		}
		Map<FileConstituency, List<DeclaredPartyVotes>> byConstituency = new java.util.LinkedHashMap<>();
		for (StagedItem item : group) {
			DeclaredPartyVotes votes = (DeclaredPartyVotes) item.record();
			byConstituency.computeIfAbsent(new FileConstituency(item.file().firstSeq(), votes.constituencyCode()),
					k -> new ArrayList<>(16)).add(votes);
		}
		List<Object[]> rows = new ArrayList<>(byConstituency.size());
		byConstituency.forEach((key, votes) -> rows.add(new Object[] { runId, key.fileSeq(), key.constituencyCode(),
				DeclaredPartyVotesText.format(votes) }));
		jdbc.batchUpdate("INSERT INTO RECON_DECLARED_PARTY_VOTES (RUN_ID, FILE_SEQ, CONSTITUENCY_CODE, PARTY_VOTES)"
				+ " VALUES (?,?,?,?)", rows);
	}

	public void insertFindings(long runId, Stage stage, List<Finding> findings) {
		insertFindings(runId, stage, findings, null);
	}

	/**
	 * The findings a file's reading made, each with its file. They are staged {@code OPEN} with no
	 * note, as every reader makes them: a later stage may mark one {@code EXPLAINED}, and a copy
	 * into a later run ({@link StagedFiles}) puts them back as they were staged.
	 */
	private void insertIngestFindings(long runId, List<StagedItem> group) {
		Map<Long, List<Finding>> byFile = new java.util.LinkedHashMap<>();
		for (StagedItem item : group) {
			Finding finding = (Finding) item.record();
			if (finding.status() != FindingStatus.OPEN || finding.note() != null) {
				throw new IllegalStateException("a reader's finding must be staged OPEN with no note, not " + finding.status()
						+ (finding.note() == null ? "" : " noted '" + finding.note() + "'") + ": " + finding.message());
			}
			byFile.computeIfAbsent(item.file().firstSeq(), f -> new ArrayList<>()).add(finding);
		}
		byFile.forEach((fileSeq, findings) -> insertFindings(runId, Stage.INGEST, findings, fileSeq));
	}

	private void insertFindings(long runId, Stage stage, List<Finding> findings, Long fileSeq) {
		List<Object[]> rows = new ArrayList<>(findings.size());
		for (Finding f : findings) {
			rows.add(new Object[] { runId, new SqlParameterValue(Types.BIGINT, fileSeq), stage.name(),
					f.severity().name(), f.check().name(), f.status().name(), f.constituencyCode(),
					f.constituencyName(), clip(f.box(), 1000), clip(f.expected(), 1000), clip(f.actual(), 1000),
					f.difference(), clip(f.message(), 4000), clip(f.source(), 4000), clip(f.note(), 2000) });
		}
		if (!rows.isEmpty()) {
			jdbc.batchUpdate("INSERT INTO RECON_FINDING (RUN_ID, FILE_SEQ, STAGE, SEVERITY, CHECK_CODE, STATUS,"
					+ " CONSTITUENCY_CODE, CONSTITUENCY_NAME, BOX, EXPECTED, ACTUAL, DIFF, MESSAGE, SOURCE, NOTE)"
					+ " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows);
		}
	}

	/** What the constituency-level checks evaluated for one constituency ({@link #insertCheckEvaluations(long, List)}). */
	public record ConstituencyChecks(String constituencyCode, List<CheckEvaluation> evaluations) {
	}

	/**
	 * What each constituency-level check evaluated, for each of these constituencies: a row each, in
	 * one batch, its checks' counts in one text ({@link CheckCountsText}), INPUT_REVISED's apart from
	 * the others' so that a run that carries the constituency over can write that check anew and
	 * copy the others in one statement ({@code CarriedOutcomes}). A reason is clipped to 400
	 * characters.
	 */
	public void insertCheckEvaluations(long runId, List<ConstituencyChecks> constituencies) {
		List<Object[]> rows = new ArrayList<>(constituencies.size());
		for (ConstituencyChecks constituency : constituencies) {
			List<CheckEvaluation> others = new ArrayList<>(constituency.evaluations().size());
			List<CheckEvaluation> inputRevised = new ArrayList<>(1);
			for (CheckEvaluation e : constituency.evaluations()) {
				CheckEvaluation clipped = new CheckEvaluation(e.check(), e.evaluated(), e.failed(),
						clip(e.notEvaluatedBecause(), 400));
				(e.check() == CheckCode.INPUT_REVISED ? inputRevised : others).add(clipped);
			}
			rows.add(new Object[] { runId, constituency.constituencyCode(), CheckCountsText.format(others),
					CheckCountsText.format(inputRevised) });
		}
		if (!rows.isEmpty()) {
			jdbc.batchUpdate("INSERT INTO RECON_CHECK_COUNT (RUN_ID, CONSTITUENCY_CODE, CHECK_COUNTS,"
					+ " INPUT_REVISED_COUNTS) VALUES (?,?,?,?)", rows);
		}
	}

	private interface RowMapper {
		/** @param file the file's first sequence number ({@code FILE_SEQ}) */
		Object[] row(long seq, long file, Staged record);
	}

	private void batch(String sql, List<StagedItem> group, RowMapper mapper) {
		List<Object[]> rows = new ArrayList<>(group.size());
		for (StagedItem item : group) {
			rows.add(mapper.row(item.seq(), item.file().firstSeq(), item.record()));
		}
		jdbc.batchUpdate(sql, rows);
	}

	private static Object big(Long value) {
		return new SqlParameterValue(Types.BIGINT, value);
	}

	/**
	 * Keeps text within its column. Only free text (reasons, raw values, notes) and a figure's
	 * ranges of cells (boxes scattered over many sheets) can be this long;
	 * the cut is marked so it is never silent.
	 */
	public static String clip(String text, int max) {
		if (text == null || text.length() <= max) {
			return text;
		}
		String mark = " [… " + (text.length() - max) + " more characters]";
		return text.substring(0, max - mark.length()) + mark;
	}

	/** Deletes everything a run staged, for a run that is started again from nothing. */
	public void deleteRun(long runId) {
		for (String table : StagingSchema.TABLES) {
			if (!table.equals("RECON_SCHEMA")) {
				jdbc.update("DELETE FROM " + table + " WHERE RUN_ID = ?", runId);
			}
		}
	}
}
