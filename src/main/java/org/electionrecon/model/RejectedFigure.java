package org.electionrecon.model;

/**
 * What a rejected row would have given a constituency, staged beside its {@link RejectedRow} so
 * that the findings computed without it can say so: a box left out of the sum of the boxes, a
 * candidate left out of the candidates' votes, a declaration or notional row left out altogether.
 *
 * @param item what was left out, as a message names it: {@code box B021}, {@code candidate Jane SMITH}
 * @param source the rejected cell ({@code file!Sheet!C12} or {@code file:line:column})
 * @param reason why the row was rejected, as the Rejected rows sheet gives it
 */
public record RejectedFigure(String constituencyCode, Kind kind, String item, String source, String reason)
		implements Staged {

	/** The kind of record the rejected row would have been. */
	public enum Kind {
		BOX, CANDIDATE, DECLARATION, NOTIONAL
	}
}
