package org.electionrecon.model;

/**
 * Where a constituency's figures on the Constituencies sheet come from, as Source texts
 * ({@link SourceRef} notation, labelled by role where a text holds several references).
 *
 * @param electorate the electorate's cell
 * @param verified the boxes' verified cells, as ranges
 * @param declaration the valid votes, rejected, winner's and runner-up's votes cells, labelled
 * @param notional the notional 2019 turnout's cell
 * @param turnout every cell the turnout is computed from, labelled (not a column of its own: the
 *     area checks cite it)
 */
public record FigureSources(String electorate, String verified, String declaration, String notional,
		String turnout) {

	public static final FigureSources NONE = new FigureSources(null, null, null, null, null);
}
