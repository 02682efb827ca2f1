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
import org.electionrecon.model.SourceRef;

/**
 * Merges what several sources say about one constituency, as inputs.md says, reporting
 * {@code DUPLICATE_RECORD}: the same box or candidate twice (identical: counted once, WARNING;
 * different: ERROR naming both, the later used) and declaring files that differ on a field (ERROR,
 * the later file in name order used; a field only one file gives is simply used).
 */
public final class SourceMerger {

	/** The merged facts and what merging found. */
	public record Merged(ConstituencyFacts facts, List<Finding> findings) {
	}

	public Merged merge(ConstituencyFacts facts) {
		List<Finding> findings = new ArrayList<>();
		FindingFactory factory = new FindingFactory(facts.constituency());
		List<BallotBox> boxes = mergeBoxes(facts.boxes(), factory, findings);
		List<CandidateVotes> candidates = mergeCandidates(facts.candidates(), factory, findings);
		DeclaredResult declaration = mergeDeclarations(facts, factory, findings);
		return new Merged(facts.merged(declaration, candidates, boxes), findings);
	}

	private static List<BallotBox> mergeBoxes(List<BallotBox> boxes, FindingFactory factory, List<Finding> findings) {
		Map<String, BallotBox> byRef = new LinkedHashMap<>();
		for (BallotBox box : boxes) {
			String key = Names.normalise(box.box());
			BallotBox earlier = byRef.get(key);
			if (earlier == null) {
				byRef.put(key, box);
				continue;
			}
			boolean identical = earlier.issued() == box.issued() && earlier.verified() == box.verified()
					&& Objects.equals(earlier.station(), box.station()) && earlier.type() == box.type();
			findings.add(factory.counts(identical ? Severity.WARNING : Severity.ERROR, CheckCode.DUPLICATE_RECORD,
					box.box(), earlier.verified(), box.verified(),
					factory.name() + ", box " + box.box() + " is given twice"
							+ (identical ? " with the same figures: counted once"
									: ": issued " + earlier.issued() + " / verified " + earlier.verified() + " against issued "
											+ box.issued() + " / verified " + box.verified() + "; the later one is used"),
					SourceRef.labelled("earlier", earlier.verifiedSource(), "later", box.verifiedSource())));
			if (!identical) {
				byRef.put(key, box);
			}
		}
		return List.copyOf(byRef.values());
	}

	/**
	 * Candidates are the same when surname and first forename agree, with case, accents and
	 * punctuation ignored ("Oliver Joseph" is "Oliver"), and so does the party: Mid Buckinghamshire
	 * had two candidates called Greg Smith in 2024, a Conservative and a Green.
	 */
	static String candidateKey(CandidateVotes c) {
		String first = c.firstName() == null ? "" : Names.normalise(c.firstName());
		int space = first.indexOf(' ');
		return Names.normalise(c.surname()) + "|" + (space < 0 ? first : first.substring(0, space)) + "|"
				+ (c.party() == null ? "" : Names.header(c.party()));
	}

	private static List<CandidateVotes> mergeCandidates(List<CandidateVotes> candidates, FindingFactory factory,
			List<Finding> findings) {
		Map<String, CandidateVotes> byKey = new LinkedHashMap<>();
		for (CandidateVotes candidate : candidates) {
			String key = candidateKey(candidate);
			CandidateVotes earlier = byKey.get(key);
			if (earlier == null) {
				byKey.put(key, candidate);
				continue;
			}
			boolean sameFile = Objects.equals(SourceRef.fileOf(earlier.source()), SourceRef.fileOf(candidate.source()));
			boolean sameVotes = earlier.votes() == candidate.votes();
			// the names as first given (a council may write "Connor Dean RAND" for the HoC's "Connor Rand")
			CandidateVotes merged = new CandidateVotes(candidate.constituencyCode(),
					earlier.firstName() != null ? earlier.firstName() : candidate.firstName(), earlier.surname(),
					candidate.party() != null ? candidate.party() : earlier.party(), candidate.votes(),
					candidate.elected() != null ? candidate.elected() : earlier.elected(), candidate.source());
			byKey.put(key, sameVotes ? withSource(merged, earlier.source()) : merged);
			if (sameVotes && !sameFile) {
				continue; // two files agree on a candidate: used once, no finding
			}
			String who = candidate.fullName();
			String message = sameVotes
					? factory.name() + ": " + who + " is listed twice in " + SourceRef.fileOf(candidate.source())
							+ " with the same votes (" + FindingFactory.n(candidate.votes()) + "): counted once"
					: factory.name() + ": " + who + " has " + FindingFactory.n(earlier.votes()) + " votes in "
							+ SourceRef.fileOf(earlier.source()) + " but " + FindingFactory.n(candidate.votes()) + " in "
							+ SourceRef.fileOf(candidate.source()) + "; the later is used";
			findings.add(factory.counts(sameVotes ? Severity.WARNING : Severity.ERROR, CheckCode.DUPLICATE_RECORD, null,
					earlier.votes(), candidate.votes(), message,
					SourceRef.labelled("earlier", earlier.source(), "later", candidate.source())));
		}
		return List.copyOf(byKey.values());
	}

	private static CandidateVotes withSource(CandidateVotes c, String firstSource) {
		return new CandidateVotes(c.constituencyCode(), c.firstName(), c.surname(), c.party(), c.votes(), c.elected(),
				firstSource);
	}

	private static DeclaredResult mergeDeclarations(ConstituencyFacts facts, FindingFactory factory,
			List<Finding> findings) {
		List<DeclaredResult> all = facts.declarations();
		if (all.size() <= 1) {
			return facts.declaration() != null ? facts.declaration() : all.isEmpty() ? null : all.get(0);
		}
		DeclaredResult merged = all.get(0);
		for (DeclaredResult next : all.subList(1, all.size())) {
			Long electorate = field(merged, next, "electorate", DeclaredResult::electorate,
					DeclaredResult::electorateSource, factory, findings);
			Long valid = field(merged, next, "valid votes", DeclaredResult::validVotes, DeclaredResult::validVotesSource,
					factory, findings);
			Long rejected = field(merged, next, "rejected ballots", DeclaredResult::rejected,
					DeclaredResult::rejectedSource, factory, findings);
			Long majority = field(merged, next, "majority", DeclaredResult::majority, DeclaredResult::majoritySource,
					factory, findings);
			merged = new DeclaredResult(merged.constituencyCode(), merged.file() + "; " + next.file(), electorate,
					pick(merged, next, DeclaredResult::electorate, DeclaredResult::electorateSource), valid,
					pick(merged, next, DeclaredResult::validVotes, DeclaredResult::validVotesSource), rejected,
					pick(merged, next, DeclaredResult::rejected, DeclaredResult::rejectedSource), majority,
					pick(merged, next, DeclaredResult::majority, DeclaredResult::majoritySource),
					later(merged.result(), next.result()), pick(merged, next, DeclaredResult::result, DeclaredResult::resultSource),
					later(merged.firstParty(), next.firstParty()),
					pick(merged, next, DeclaredResult::firstParty, DeclaredResult::firstPartySource),
					later(merged.memberFirstName(), next.memberFirstName()), later(merged.memberSurname(), next.memberSurname()),
					pick(merged, next, DeclaredResult::memberSurname, DeclaredResult::memberSource));
		}
		return merged;
	}

	private static Long field(DeclaredResult earlier, DeclaredResult later, String what,
			Function<DeclaredResult, Long> value, Function<DeclaredResult, String> source, FindingFactory factory,
			List<Finding> findings) {
		Long a = value.apply(earlier);
		Long b = value.apply(later);
		if (a != null && b != null && !a.equals(b)) {
			findings.add(factory.counts(Severity.ERROR, CheckCode.DUPLICATE_RECORD, null, a, b,
					factory.name() + ": the " + what + " is " + FindingFactory.n(a) + " in " + SourceRef.fileOf(source.apply(earlier))
							+ " but " + FindingFactory.n(b) + " in " + SourceRef.fileOf(source.apply(later))
							+ "; the later file's is used",
					SourceRef.labelled("earlier", source.apply(earlier), "later", source.apply(later))));
		}
		return b != null ? b : a;
	}

	private static <T> String pick(DeclaredResult earlier, DeclaredResult later, Function<DeclaredResult, T> value,
			Function<DeclaredResult, String> source) {
		return value.apply(later) != null ? source.apply(later) : source.apply(earlier);
	}

	private static <T> T later(T earlier, T later) {
		return later != null ? later : earlier;
	}
}
