package org.electionrecon.reconcile;

import java.util.ArrayList;
import java.util.List;

import org.electionrecon.model.Finding;
import org.electionrecon.model.RejectedFigure;
import org.electionrecon.model.SourceRef;

/**
 * Rejected rows that a finding's figure was computed without. The finding's Message names them
 * (the item, the rejected cell and why) and its Source includes their cells, so that a reader sees
 * that a difference may be the rejected cell rather than the count: "...; the sum of the boxes
 * leaves out box B021, rejected at 'verification/[x.xlsx]X'!E30 (ballot papers verified is not a number)".
 * Their cells are labelled {@code left out}, not {@code rejected}: that is the role of the rejected
 * ballots' cell, which the same Source may hold.
 */
final class LeftOut {

	/** Rows named in a message; more are counted, and listed on the Rejected rows sheet. */
	static final int NAMED = 3;

	private final String phrase;
	private final List<RejectedFigure> rows;

	/** @param phrase what leaves the rows out, with its verb: "the sum of the boxes leaves out" */
	LeftOut(String phrase, List<RejectedFigure> rows) {
		this.phrase = phrase;
		this.rows = List.copyOf(rows);
	}

	static LeftOut boxes(ConstituencyFacts facts) {
		return new LeftOut("the sum of the boxes leaves out", facts.rejected(RejectedFigure.Kind.BOX));
	}

	static LeftOut candidates(ConstituencyFacts facts) {
		return new LeftOut("the candidates' votes leave out", facts.rejected(RejectedFigure.Kind.CANDIDATE));
	}

	boolean isEmpty() {
		return rows.isEmpty();
	}

	/** The finding with the rows named at the end of its Message and their cells added to its Source. */
	Finding on(Finding finding) {
		if (rows.isEmpty()) {
			return finding;
		}
		List<String> named = new ArrayList<>();
		List<String> cells = new ArrayList<>();
		for (RejectedFigure row : rows.subList(0, Math.min(NAMED, rows.size()))) {
			named.add(row.item() + ", rejected at " + row.source() + " (" + row.reason() + ")");
			cells.add(row.source());
		}
		int more = rows.size() - named.size();
		String message = finding.message() + "; " + phrase + " " + String.join(", ", named)
				+ (more == 0 ? "" : " and " + more + " more rejected row" + (more == 1 ? "" : "s"));
		String source = SourceRef.adding(finding.source(), "left out", String.join(", ", cells));
		return new Finding(finding.severity(), finding.check(), finding.status(), finding.constituencyCode(),
				finding.constituencyName(), finding.box(), finding.expected(), finding.actual(), finding.difference(),
				message, source, finding.note());
	}

	List<Finding> on(List<Finding> findings) {
		return rows.isEmpty() ? findings : findings.stream().map(this::on).toList();
	}
}
