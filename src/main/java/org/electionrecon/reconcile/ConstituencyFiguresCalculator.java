package org.electionrecon.reconcile;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.CandidateVotes;
import org.electionrecon.model.FigureSources;
import org.electionrecon.model.ConstituencyFigures;
import org.electionrecon.model.NotionalResult;
import org.electionrecon.model.SourceRef;
import org.electionrecon.model.StatedFigure;

/** The derived figures of checks.md for one constituency. */
public final class ConstituencyFiguresCalculator {

	/**
	 * A turnout and how it was computed.
	 *
	 * @param exact unrounded, in percent
	 * @param basis {@code verified} or {@code declared}
	 */
	public record Turnout(BigDecimal exact, String basis, String description) {
	}

	private ConstituencyFiguresCalculator() {
	}

	/** Ballot papers verified: the sum of the boxes, when there is a statement with boxes. */
	public static Long verified(ConstituencyFacts facts) {
		if (!facts.hasVerification() || facts.boxes().isEmpty()) {
			return null;
		}
		return facts.boxes().stream().mapToLong(BallotBox::verified).sum();
	}

	/** The declared electorate; the verification statement's only where there is no declaration. */
	public static Long electorate(ConstituencyFacts facts) {
		if (facts.declaration() != null && facts.declaration().electorate() != null) {
			return facts.declaration().electorate();
		}
		return facts.stated().stream()
			.filter(s -> s.kind() == StatedFigure.Kind.ELECTORATE)
			.map(s -> s.value().longValueExact())
			.findFirst()
			.orElse(null);
	}

	public static Long validVotes(ConstituencyFacts facts) {
		if (facts.declaration() != null && facts.declaration().validVotes() != null) {
			return facts.declaration().validVotes();
		}
		return facts.candidates().isEmpty() ? null : ComputedResult.of(facts.candidates()).candidateVotes();
	}

	/** The declared rejected total; a council's rejected ballots by category where no file gives a total. */
	public static Long rejected(ConstituencyFacts facts) {
		if (facts.declaration() != null && facts.declaration().rejected() != null) {
			return facts.declaration().rejected();
		}
		return facts.breakdowns().stream()
			.map(org.electionrecon.model.DeclaredBreakdown::rejectedTotal)
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Ballot-box turnout, papers verified / electorate; without a verification statement,
	 * (valid + rejected) / electorate.
	 */
	public static Turnout turnout(ConstituencyFacts facts) {
		Long electorate = electorate(facts);
		if (electorate == null || electorate == 0) {
			return null;
		}
		Long verified = verified(facts);
		if (verified != null) {
			return new Turnout(Percent.of(verified, electorate), "verified",
					"ballot papers verified / electorate (" + FindingFactory.n(verified) + " / "
							+ FindingFactory.n(electorate) + ")");
		}
		Long valid = validVotes(facts);
		Long rejected = rejected(facts);
		if (valid != null && rejected != null) {
			long cast = valid + rejected;
			return new Turnout(Percent.of(cast, electorate), "declared", "(valid + rejected) / electorate ("
					+ FindingFactory.n(cast) + " / " + FindingFactory.n(electorate) + ")");
		}
		return null;
	}

	public static ConstituencyFigures compute(ConstituencyFacts facts) {
		Long electorate = electorate(facts);
		Long verified = verified(facts);
		Long valid = validVotes(facts);
		Long rejected = rejected(facts);
		Turnout turnout = turnout(facts);
		BigDecimal turnoutShown = turnout == null ? null : Percent.shown(turnout.exact());
		BigDecimal validTurnout = valid == null || electorate == null ? null : Percent.shown(Percent.of(valid, electorate));
		NotionalResult notional = facts.notional();
		BigDecimal notionalTurnout = notional == null ? null : Percent.shown(notional.turnout());
		BigDecimal change = turnoutShown == null || notionalTurnout == null ? null
				: turnoutShown.subtract(notionalTurnout);
		ComputedResult result = ComputedResult.of(facts.candidates());
		long shareBase = valid != null ? valid : result.candidateVotes();
		String winner = result.hasWinner() ? result.winner().fullName() : null;
		Long winnerVotes = result.hasWinner() ? result.winner().votes() : null;
		BigDecimal share = winnerVotes == null ? null : Percent.shown(Percent.of(winnerVotes, shareBase));
		Long majority = result.majority();
		BigDecimal majorityPercent = majority == null ? null : Percent.shown(Percent.of(majority, shareBase));
		String notionalWinner = notional == null ? null : notional.winner();
		return new ConstituencyFigures(facts.code(), facts.name(), facts.constituency().area(), electorate, verified,
				valid, rejected, turnoutShown, turnout == null ? null : turnout.basis(), validTurnout, notionalTurnout,
				change, winner, result.winnerParty(), winnerVotes, share,
				result.hasWinner() || result.tie() ? result.runnerUpParty() : null, majority, majorityPercent,
				result.label(notionalWinner), notionalWinner, swing(facts, result, shareBase), facts.boxes().size(), 0,
				0, 0, sources(facts, result, turnout));
	}

	/**
	 * Where each figure of the Constituencies row comes from. The boxes' ranges are made once: a
	 * constituency of the million workload has 1,500 boxes, and the turnout cites them again.
	 */
	static FigureSources sources(ConstituencyFacts facts, ComputedResult result, Turnout turnout) {
		String electorate = electorateSource(facts);
		String verified = verifiedSource(facts);
		return new FigureSources(electorate, verified,
				SourceRef.labelled("valid votes", validVotesSource(facts), "rejected", rejectedSource(facts),
						"winner's votes", result.hasWinner() ? result.winner().source() : null, "runner-up's votes",
						result.hasWinner() && result.runnerUp() != null ? result.runnerUp().source() : null),
				notionalSource(facts.notional()),
				turnoutSource(facts, turnout, electorate, verified));
	}

	/**
	 * The notional row's cells behind the Constituencies row: its turnout (Notional 2019 turnout %),
	 * its electorate (the turnout's base, and ELECTORATE_CHANGE_OUTLIER's) and its winner (Notional
	 * 2019 winner, and so Result). A file without a turnout column gives the electorate, the
	 * turnout being worked out from it.
	 */
	static String notionalSource(NotionalResult notional) {
		if (notional == null) {
			return null;
		}
		if (notional.electorateSource() == null || notional.electorateSource().equals(notional.source())) {
			return SourceRef.labelled("electorate", notional.source(), "winner", notional.winnerSource());
		}
		return SourceRef.labelled("turnout", notional.source(), "electorate", notional.electorateSource(), "winner",
				notional.winnerSource());
	}

	/** The cell of {@link #electorate}. */
	public static String electorateSource(ConstituencyFacts facts) {
		if (facts.declaration() != null && facts.declaration().electorate() != null) {
			return facts.declaration().electorateSource();
		}
		return facts.stated().stream()
			.filter(s -> s.kind() == StatedFigure.Kind.ELECTORATE)
			.map(StatedFigure::source)
			.findFirst()
			.orElse(null);
	}

	/** The cells of {@link #verified}: the boxes' verified cells, as ranges. */
	public static String verifiedSource(ConstituencyFacts facts) {
		if (!facts.hasVerification() || facts.boxes().isEmpty()) { // as verified(facts) is null
			return null;
		}
		return SourceRef.ranges(facts.boxes().stream().map(BallotBox::verifiedSource).toList());
	}

	/** The cell of {@link #validVotes}, or the candidates' votes cells that sum to it. */
	public static String validVotesSource(ConstituencyFacts facts) {
		if (facts.declaration() != null && facts.declaration().validVotes() != null) {
			return facts.declaration().validVotesSource();
		}
		return facts.candidates().isEmpty() ? null
				: SourceRef.ranges(facts.candidates().stream().map(CandidateVotes::source).toList());
	}

	/** The cell of {@link #rejected}, or the categories' cells that sum to it. */
	public static String rejectedSource(ConstituencyFacts facts) {
		if (facts.declaration() != null && facts.declaration().rejected() != null) {
			return facts.declaration().rejectedSource();
		}
		return facts.breakdowns().stream()
			.filter(b -> b.rejectedTotal() != null)
			.map(org.electionrecon.model.DeclaredBreakdown::rejectedSource)
			.findFirst()
			.orElse(null);
	}

	/** Every cell {@link #turnout} is computed from, labelled, in the order of the Constituencies columns. */
	public static String turnoutSource(ConstituencyFacts facts) {
		Turnout turnout = turnout(facts);
		return turnout == null ? null
				: turnoutSource(facts, turnout, electorateSource(facts),
						"verified".equals(turnout.basis()) ? verifiedSource(facts) : null);
	}

	private static String turnoutSource(ConstituencyFacts facts, Turnout turnout, String electorate, String verified) {
		if (turnout == null) {
			return null;
		}
		return "verified".equals(turnout.basis()) ? SourceRef.labelled("electorate", electorate, "verified", verified)
				: SourceRef.labelled("electorate", electorate, "valid votes", validVotesSource(facts), "rejected",
						rejectedSource(facts));
	}

	/**
	 * Butler two-party swing, in points, from the notional 2019 winner (or the runner-up, when the
	 * same party won both) to the 2024 winner: ((B share change) - (A share change)) / 2.
	 */
	static BigDecimal swing(ConstituencyFacts facts, ComputedResult result, long shareBase) {
		NotionalResult notional = facts.notional();
		if (!result.hasWinner() || notional == null || notional.totalVotes() == 0 || shareBase == 0) {
			return null;
		}
		String to = result.winnerParty();
		String from = to.equals(notional.winner()) ? result.runnerUpParty() : notional.winner();
		if (from == null) {
			return null;
		}
		Map<String, Long> votes2024 = ComputedResult.votesByParty(facts.candidates());
		BigDecimal changeTo = shareChange(to, votes2024, shareBase, notional);
		BigDecimal changeFrom = shareChange(from, votes2024, shareBase, notional);
		return Percent.shown(changeTo.subtract(changeFrom).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64));
	}

	private static BigDecimal shareChange(String party, Map<String, Long> votes2024, long valid2024,
			NotionalResult notional) {
		BigDecimal now = Percent.of(votes2024.getOrDefault(party, 0L), valid2024);
		BigDecimal then = Percent.of(notional.partyVotes().getOrDefault(party, 0L), notional.totalVotes());
		return now.subtract(then);
	}
}
