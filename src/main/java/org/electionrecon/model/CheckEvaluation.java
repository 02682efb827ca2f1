package org.electionrecon.model;

/**
 * How one check fared for one constituency (or, in a report, for an area): how many times it was
 * evaluated, how many of those evaluations failed, and why it was not evaluated where it was not.
 * The unit of an evaluation is the check's own (a box for {@code BOX_VARIANCE}, a stated total for
 * {@code VERIFIED_TOTAL_MISMATCH}, a constituency for {@code WINNER_MISMATCH}...): see the
 * Checks sheet's Description.
 *
 * @param evaluated evaluations of the check
 * @param failed of those, the ones that gave a finding (for {@code BOX_VARIANCE}, the boxes that
 *     differ from their account, netted or not)
 * @param notEvaluatedBecause why the check was not evaluated where it was not (for a constituency:
 *     when {@code evaluated} is 0; for an area: the reasons of its constituencies with their counts),
 *     {@code null} when it was evaluated everywhere
 */
public record CheckEvaluation(CheckCode check, int evaluated, int failed, String notEvaluatedBecause) {

	public CheckEvaluation {
		if (evaluated < 0 || failed < 0) {
			throw new IllegalArgumentException(check + ": evaluations cannot be negative");
		}
	}

	public static CheckEvaluation notEvaluated(CheckCode check, String because) {
		return new CheckEvaluation(check, 0, 0, because);
	}

	public int passed() {
		return evaluated - failed;
	}
}
