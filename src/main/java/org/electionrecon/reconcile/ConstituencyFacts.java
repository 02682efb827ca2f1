package org.electionrecon.reconcile;

import java.util.List;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.CandidateVotes;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.DeclaredPartyVotes;
import org.electionrecon.model.DeclaredResult;
import org.electionrecon.model.NotionalResult;
import org.electionrecon.model.StatedFigure;

/**
 * Everything the sources say about one constituency, as staged.
 *
 * @param verificationSources where its verification statements are; empty when it has none
 * @param declaration its declared totals, {@code null} when no file declares it
 * @param notional its 2019 notional result, {@code null} when there is no baseline
 */
public record ConstituencyFacts(Constituency constituency, List<String> verificationSources, List<BallotBox> boxes,
		List<StatedFigure> stated, DeclaredResult declaration, List<DeclaredPartyVotes> declaredPartyVotes,
		List<CandidateVotes> candidates, NotionalResult notional) {

	public ConstituencyFacts {
		verificationSources = List.copyOf(verificationSources);
		boxes = List.copyOf(boxes);
		stated = List.copyOf(stated);
		declaredPartyVotes = List.copyOf(declaredPartyVotes);
		candidates = List.copyOf(candidates);
	}

	public boolean hasVerification() {
		return !verificationSources.isEmpty();
	}

	public boolean hasDeclaration() {
		return declaration != null || !candidates.isEmpty();
	}

	public String code() {
		return constituency.code();
	}

	public String name() {
		return constituency.name();
	}
}
