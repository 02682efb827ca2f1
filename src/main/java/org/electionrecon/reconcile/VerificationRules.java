package org.electionrecon.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.BoxType;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceRef;
import org.electionrecon.model.StatedFigure;

/**
 * Checks within a verification statement: each box against its ballot paper account
 * ({@code BOX_VARIANCE}) and stated totals against the sum of the boxes ({@code VERIFIED_TOTAL_MISMATCH}).
 */
public final class VerificationRules {

	private final Thresholds thresholds;

	public VerificationRules(Thresholds thresholds) {
		this.thresholds = thresholds;
	}

	public List<Finding> check(ConstituencyFacts facts) {
		List<Finding> findings = new ArrayList<>();
		FindingFactory factory = new FindingFactory(facts.constituency());
		boxVariances(facts.boxes(), factory, findings);
		if (facts.hasVerification()) {
			long verified = facts.boxes().stream().mapToLong(BallotBox::verified).sum();
			for (StatedFigure stated : facts.stated()) {
				if (stated.kind() != StatedFigure.Kind.VERIFIED_TOTAL
						&& stated.kind() != StatedFigure.Kind.VERIFIED_TOTAL_ROW) {
					continue;
				}
				long total = stated.value().longValueExact();
				if (total != verified) {
					String where = stated.kind() == StatedFigure.Kind.VERIFIED_TOTAL ? "stated total verified"
							: "Total row";
					findings.add(LeftOut.boxes(facts).on(factory.counts(Severity.ERROR,
							CheckCode.VERIFIED_TOTAL_MISMATCH, null, verified, total,
							factory.name() + ": the " + where + " (" + FindingFactory.n(total)
									+ ") differs from the sum of the " + facts.boxes().size() + " boxes ("
									+ FindingFactory.n(verified) + ") by " + FindingFactory.n(Math.abs(total - verified)),
							SourceRef.labelled("verified", SourceRef.ranges(facts.boxes().stream().map(BallotBox::verifiedSource).toList()),
									"stated total", stated.source()))));
				}
			}
		}
		return findings;
	}

	/**
	 * One finding per box whose verified papers differ from its account, except that the boxes of
	 * one polling station whose differences net to zero give one INFO for the station. Postal boxes
	 * are never netted: their "station" is an opening session, not a place papers can stray between.
	 */
	private void boxVariances(List<BallotBox> boxes, FindingFactory factory, List<Finding> findings) {
		Map<String, List<BallotBox>> varyingByStation = new LinkedHashMap<>();
		for (BallotBox box : boxes) {
			if (box.difference() != 0 && box.station() != null && box.type() == BoxType.POLLING_STATION) {
				varyingByStation.computeIfAbsent(box.station(), s -> new ArrayList<>()).add(box);
			}
		}
		for (BallotBox box : boxes) {
			long difference = box.difference();
			if (difference == 0) {
				continue;
			}
			List<BallotBox> station = box.station() == null || box.type() != BoxType.POLLING_STATION ? List.of(box)
					: varyingByStation.get(box.station());
			if (station.size() > 1 && station.stream().mapToLong(BallotBox::difference).sum() == 0) {
				if (station.get(0) == box) {
					findings.add(compensating(station, factory));
				}
				continue;
			}
			Severity severity = Math.abs(difference) >= thresholds.boxVarianceErrorAt() ? Severity.ERROR
					: Severity.WARNING;
			findings.add(factory.counts(severity, CheckCode.BOX_VARIANCE, box.box(), box.issued(), box.verified(),
					factory.name() + ", box " + box.box() + (box.station() == null ? "" : " (" + box.station() + ")")
							+ ": " + FindingFactory.n(box.verified()) + " papers verified against "
							+ FindingFactory.n(box.issued()) + " issued per the ballot paper account ("
							+ (difference > 0 ? "+" : "") + difference + ")",
					SourceRef.labelled("issued", box.issuedSource(), "verified", box.verifiedSource())));
		}
	}

	private static Finding compensating(List<BallotBox> station, FindingFactory factory) {
		long issued = station.stream().mapToLong(BallotBox::issued).sum();
		long verified = station.stream().mapToLong(BallotBox::verified).sum();
		StringBuilder boxes = new StringBuilder();
		StringBuilder detail = new StringBuilder();
		for (BallotBox box : station) {
			if (boxes.length() > 0) {
				boxes.append(", ");
				detail.append(", ");
			}
			boxes.append(box.box());
			detail.append(box.box()).append(' ').append(box.difference() > 0 ? "+" : "").append(box.difference());
		}
		return factory.counts(Severity.INFO, CheckCode.BOX_VARIANCE, boxes.toString(), issued, verified,
				factory.name() + ", " + station.get(0).station() + ": box differences " + detail
						+ " net to zero (papers put in the wrong box of the same station)",
				SourceRef.labelled("issued", SourceRef.ranges(station.stream().map(BallotBox::issuedSource).toList()),
						"verified", SourceRef.ranges(station.stream().map(BallotBox::verifiedSource).toList())));
	}
}
