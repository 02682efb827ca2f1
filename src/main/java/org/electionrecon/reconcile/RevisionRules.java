package org.electionrecon.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.electionrecon.ingest.Names;
import org.electionrecon.model.BallotBox;
import org.electionrecon.model.CandidateVotes;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.DeclaredResult;
import org.electionrecon.model.Finding;
import org.electionrecon.model.Severity;

/**
 * {@code INPUT_REVISED}: a figure that differs from the same figure in the previous completed run
 * of the same election, as when the HoC Library corrected electorates after the count.
 */
public final class RevisionRules {

	/** Both runs' facts, each already merged. */
	public List<Finding> check(ConstituencyFacts previous, ConstituencyFacts current, long previousRun) {
		List<Finding> findings = new ArrayList<>();
		if (previous == null) {
			return findings;
		}
		FindingFactory factory = new FindingFactory(current.constituency());
		DeclaredResult before = previous.declaration();
		DeclaredResult after = current.declaration();
		if (before != null && after != null) {
			declared(before, after, "electorate", DeclaredResult::electorate, DeclaredResult::electorateSource, previousRun,
					factory, findings);
			declared(before, after, "valid votes", DeclaredResult::validVotes, DeclaredResult::validVotesSource,
					previousRun, factory, findings);
			declared(before, after, "rejected ballots", DeclaredResult::rejected, DeclaredResult::rejectedSource,
					previousRun, factory, findings);
			declared(before, after, "majority", DeclaredResult::majority, DeclaredResult::majoritySource, previousRun,
					factory, findings);
		}
		Map<String, CandidateVotes> candidates = new LinkedHashMap<>();
		previous.candidates().forEach(c -> candidates.put(SourceMerger.candidateKey(c), c));
		for (CandidateVotes now : current.candidates()) {
			CandidateVotes then = candidates.get(SourceMerger.candidateKey(now));
			if (then != null && then.votes() != now.votes()) {
				findings.add(revised(factory, null, now.fullName() + "'s votes", then.votes(), now.votes(), previousRun,
						now.source()));
			}
		}
		Map<String, BallotBox> boxes = new LinkedHashMap<>();
		previous.boxes().forEach(b -> boxes.put(Names.normalise(b.box()), b));
		for (BallotBox now : current.boxes()) {
			BallotBox then = boxes.get(Names.normalise(now.box()));
			if (then == null) {
				continue;
			}
			if (then.issued() != now.issued()) {
				findings.add(revised(factory, now.box(), "box " + now.box() + " papers issued", then.issued(), now.issued(),
						previousRun, now.issuedSource()));
			}
			if (then.verified() != now.verified()) {
				findings.add(revised(factory, now.box(), "box " + now.box() + " papers verified", then.verified(),
						now.verified(), previousRun, now.verifiedSource()));
			}
		}
		return findings;
	}

	private static void declared(DeclaredResult before, DeclaredResult after, String what,
			Function<DeclaredResult, Long> value, Function<DeclaredResult, String> source, long previousRun,
			FindingFactory factory, List<Finding> findings) {
		Long then = value.apply(before);
		Long now = value.apply(after);
		if (then != null && now != null && !Objects.equals(then, now)) {
			findings.add(revised(factory, null, "the declared " + what, then, now, previousRun, source.apply(after)));
		}
	}

	private static Finding revised(FindingFactory factory, String box, String what, long then, long now,
			long previousRun, String source) {
		return factory.counts(Severity.INFO, CheckCode.INPUT_REVISED, box, then, now,
				factory.name() + ": " + what + " revised from " + FindingFactory.n(then) + " (run " + previousRun + ") to "
						+ FindingFactory.n(now),
				source);
	}
}
