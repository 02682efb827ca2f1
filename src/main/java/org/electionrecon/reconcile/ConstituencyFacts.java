package org.electionrecon.reconcile;

import java.util.List;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.CandidateVotes;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.DeclaredBreakdown;
import org.electionrecon.model.DeclaredPartyVotes;
import org.electionrecon.model.DeclaredResult;
import org.electionrecon.model.NotionalResult;
import org.electionrecon.model.RejectedFigure;
import org.electionrecon.model.ReportedFigure;
import org.electionrecon.model.StatedFigure;

/**
 * Everything the sources say about one constituency, as staged.
 *
 * @param verificationSources where its verification statements are; empty when it has none
 * @param declaration its declared totals merged over the declaring files, {@code null} when no file declares it
 * @param declarations each declaring file's totals, in file-name order, before merging
 * @param notional its 2019 notional result, {@code null} when there is no baseline
 * @param rejected the rows that would have given it a box, a candidate, a declaration or a notional
 *     result but were rejected, in source order: the findings computed without them name them
 */
public record ConstituencyFacts(Constituency constituency, List<String> verificationSources, List<BallotBox> boxes,
		List<StatedFigure> stated, DeclaredResult declaration, List<DeclaredPartyVotes> declaredPartyVotes,
		List<CandidateVotes> candidates, NotionalResult notional, List<DeclaredResult> declarations,
		List<DeclaredBreakdown> breakdowns, List<ReportedFigure> reported, List<RejectedFigure> rejected) {

	public ConstituencyFacts {
		rejected = List.copyOf(rejected);
		verificationSources = List.copyOf(verificationSources);
		boxes = List.copyOf(boxes);
		stated = List.copyOf(stated);
		declaredPartyVotes = List.copyOf(declaredPartyVotes);
		candidates = List.copyOf(candidates);
		declarations = List.copyOf(declarations);
		breakdowns = List.copyOf(breakdowns);
		reported = List.copyOf(reported);
	}

	/** Facts with no rejected row. */
	public ConstituencyFacts(Constituency constituency, List<String> verificationSources, List<BallotBox> boxes,
			List<StatedFigure> stated, DeclaredResult declaration, List<DeclaredPartyVotes> declaredPartyVotes,
			List<CandidateVotes> candidates, NotionalResult notional, List<DeclaredResult> declarations,
			List<DeclaredBreakdown> breakdowns, List<ReportedFigure> reported) {
		this(constituency, verificationSources, boxes, stated, declaration, declaredPartyVotes, candidates, notional,
				declarations, breakdowns, reported, List.of());
	}

	/** One declaration, no council breakdown and nothing reported: the common case. */
	public ConstituencyFacts(Constituency constituency, List<String> verificationSources, List<BallotBox> boxes,
			List<StatedFigure> stated, DeclaredResult declaration, List<DeclaredPartyVotes> declaredPartyVotes,
			List<CandidateVotes> candidates, NotionalResult notional) {
		this(constituency, verificationSources, boxes, stated, declaration, declaredPartyVotes, candidates, notional,
				declaration == null ? List.of() : List.of(declaration), List.of(), List.of());
	}

	/** The same facts with the sources merged: one declaration, each candidate and box once. */
	public ConstituencyFacts merged(DeclaredResult mergedDeclaration, List<CandidateVotes> mergedCandidates,
			List<BallotBox> mergedBoxes) {
		return new ConstituencyFacts(constituency, verificationSources, mergedBoxes, stated, mergedDeclaration,
				declaredPartyVotes, mergedCandidates, notional, declarations, breakdowns, reported, rejected);
	}

	/** The same facts with these rejected rows. */
	public ConstituencyFacts withRejected(List<RejectedFigure> rows) {
		return new ConstituencyFacts(constituency, verificationSources, boxes, stated, declaration, declaredPartyVotes,
				candidates, notional, declarations, breakdowns, reported, rows);
	}

	/** The rejected rows of one kind. */
	public List<RejectedFigure> rejected(RejectedFigure.Kind kind) {
		return rejected.stream().filter(r -> r.kind() == kind).toList();
	}

	public boolean hasVerification() {
		return !verificationSources.isEmpty();
	}

	public boolean hasDeclaration() {
		return declaration != null || !declarations.isEmpty() || !candidates.isEmpty();
	}

	public String code() {
		return constituency.code();
	}

	public String name() {
		return constituency.name();
	}
}
