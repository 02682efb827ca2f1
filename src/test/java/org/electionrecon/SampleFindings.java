package org.electionrecon;

import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;

import org.assertj.core.groups.Tuple;

/**
 * The findings the committed sample gives (input/README.md), in the order of the Findings sheet,
 * whichever database the job ran on.
 */
final class SampleFindings {

	/** The operator's note that explains Stafford's B010 box variance (the 7th finding). */
	static final String STAFFORD_NOTE = "Presiding officer's account: one elector left the polling station with a"
			+ " ballot paper (Count supervisor)";

	private SampleFindings() {
	}

	/** A Findings sheet row's Severity, Check, Status, Code, Constituency, Box, Expected, Actual and Difference. */
	static Tuple columns(Map<String, Object> finding) {
		return tuple(finding.get("Severity"), finding.get("Check"), finding.get("Status"), finding.get("Code"),
				finding.get("Constituency"), finding.get("Box"), finding.get("Expected"), finding.get("Actual"),
				finding.get("Difference"));
	}

	/** Every finding of the sample, as {@link #columns} gives them. */
	static Tuple[] expected() {
		return new Tuple[] {
				tuple("ERROR", "REPORTED_FIGURE_MISMATCH", "OPEN", "E14001150", "Cannock Chase", null, 12546.0,
						12046.0, -500.0),
				tuple("ERROR", "REPORTED_FIGURE_MISMATCH", "OPEN", "E14001150", "Cannock Chase", null, 15671.0,
						15670.0, -1.0),
				tuple("ERROR", "BOX_VARIANCE", "OPEN", "E14001520", "Stoke-on-Trent Central", "B021", 480.0,
						486.0, 6.0),
				tuple("WARNING", "COUNT_VS_VERIFIED", "OPEN", "E14001150", "Cannock Chase", null, 43073.0,
						43072.0, -1.0),
				tuple("WARNING", "BOX_VARIANCE", "OPEN", "E14001178", "Congleton", "PV04", 9401.0, 9398.0, -3.0),
				tuple("WARNING", "COUNT_VS_VERIFIED", "OPEN", "E14001380", "Newcastle-under-Lyme", null, 39780.0,
						39776.0, -4.0),
				tuple("WARNING", "BOX_VARIANCE", "EXPLAINED", "E14001513", "Stafford", "B010", 470.0, 469.0,
						-1.0),
				tuple("WARNING", "REJECTED_RATE_OUTLIER", "OPEN", "E14001523",
						"Stone, Great Wyrley and Penkridge", null, 1.0, 1.67, 0.67),
				tuple("INFO", "REPORTED_BASELINE_MISMATCH", "OPEN", "E14001150", "Cannock Chase", null, 61.3,
						61.9, 0.6),
				tuple("INFO", "BOX_VARIANCE", "OPEN", "E14001335", "Lichfield", "B009, B010", 1232.0, 1232.0,
						0.0),
				tuple("INFO", "REPORTED_BASELINE_MISMATCH", "OPEN", "E14001380", "Newcastle-under-Lyme", null,
						67.6, 65.6, -2.0),
				tuple("INFO", "REPORTED_BASELINE_MISMATCH", "OPEN", "E14001513", "Stafford", null, 72.7, 70.5,
						-2.2),
				tuple("INFO", "REPORTED_BASELINE_MISMATCH", "OPEN", "E14001514", "Staffordshire Moorlands", null,
						67.3, 66.7, -0.6),
				tuple("INFO", "REPORTED_BASELINE_MISMATCH", "OPEN", "E14001521", "Stoke-on-Trent North", null,
						59.9, 58.8, -1.1) };
	}

	private static final String BBC = "'reported/[bbc-live-staffordshire-and-cheshire-2024-07-05.csv]bbc-live-staffordshire-and-ches'!";

	private static final String BY_CONSTITUENCY = "'declarations/[HoC-GE2024-results-by-constituency.csv]HoC-GE2024-results-by-constitue'!";

	private static final String BY_CANDIDATE = "'declarations/[HoC-GE2024-results-by-candidate.csv]HoC-GE2024-results-by-candidate'!";

	private static final String NOTIONAL = "'notional/[RallingsThrasher-2019-notional-results-2024-boundaries.csv]RallingsThrasher-2019-notional-'!";

	/** The Source cell of every finding, in the same order as {@link #expected()}. */
	static String[] sources() {
		return new String[] { "declared votes: " + BY_CANDIDATE + "S11; reported: " + BBC + "C7",
				"declared votes: " + BY_CANDIDATE + "S12; reported: " + BBC + "C6",
				"issued: 'verification/[stoke-on-trent-city-council.xlsx]Stoke-on-Trent Central'!D30;"
						+ " verified: 'verification/[stoke-on-trent-city-council.xlsx]Stoke-on-Trent Central'!E30",
				"verified: 'verification/[cannock-chase.xlsx]Cannock Chase'!E10:E39; valid votes: " + BY_CONSTITUENCY
						+ "P3; rejected: " + BY_CONSTITUENCY + "Q3",
				"issued: 'verification/[cheshire-east-council.xlsx]Congleton'!D37;"
						+ " verified: 'verification/[cheshire-east-council.xlsx]Congleton'!E37",
				"verified: 'verification/[newcastle-under-lyme.xlsx]Newcastle-under-Lyme'!E10:E35; valid votes: "
						+ BY_CONSTITUENCY + "P8; rejected: " + BY_CONSTITUENCY + "Q8",
				"issued: 'verification/[stafford.xlsx]Stafford'!D19; verified: 'verification/[stafford.xlsx]Stafford'!E19",
				"valid votes: " + BY_CONSTITUENCY + "P14; rejected: " + BY_CONSTITUENCY + "Q14",
				"notional 2019 turnout: " + NOTIONAL + "I3; reported: " + BBC + "C8",
				"issued: 'verification/[lichfield.xlsx]Lichfield'!D18:D19; verified: 'verification/[lichfield.xlsx]Lichfield'!E18:E19",
				"notional 2019 turnout: " + NOTIONAL + "I8; reported: " + BBC + "C16",
				"notional 2019 turnout: " + NOTIONAL + "I9; reported: " + BBC + "C20",
				"notional 2019 turnout: " + NOTIONAL + "I10; reported: " + BBC + "C23",
				"notional 2019 turnout: " + NOTIONAL + "I12; reported: " + BBC + "C26" };
	}
}
