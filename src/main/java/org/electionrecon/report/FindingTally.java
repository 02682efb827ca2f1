package org.electionrecon.report;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.FindingStatus;
import org.electionrecon.model.Severity;

/**
 * The findings as the Findings sheet lists them, counted while they are written: the Summary and
 * the Checks sheet count from here, so their counts are those of the sheet by construction.
 */
final class FindingTally {

	private final Set<String> constituencyCodes;

	private final Map<Severity, long[]> bySeverity = new EnumMap<>(Severity.class);

	private final Map<Severity, Long> openInConstituencies = new EnumMap<>(Severity.class);

	private final Map<CheckCode, long[]> byCheck = new EnumMap<>(CheckCode.class);

	/** @param constituencyCodes the codes of the Constituencies sheet's rows */
	FindingTally(Set<String> constituencyCodes) {
		this.constituencyCodes = constituencyCodes;
	}

	void add(Finding finding) {
		int status = finding.status() == FindingStatus.EXPLAINED ? 1 : 0;
		if (finding.severity() != null) {
			bySeverity.computeIfAbsent(finding.severity(), s -> new long[2])[status]++;
			if (status == 0 && finding.constituencyCode() != null
					&& constituencyCodes.contains(finding.constituencyCode())) {
				openInConstituencies.merge(finding.severity(), 1L, Long::sum);
			}
		}
		if (finding.check() != null) {
			byCheck.computeIfAbsent(finding.check(), c -> new long[2])[status]++;
		}
	}

	long open(Severity severity) {
		return bySeverity.getOrDefault(severity, new long[2])[0];
	}

	long explained(Severity severity) {
		return bySeverity.getOrDefault(severity, new long[2])[1];
	}

	/** Open findings that name a constituency of the Constituencies sheet: its Errors, Warnings and Info columns. */
	long openInConstituencies(Severity severity) {
		return openInConstituencies.getOrDefault(severity, 0L);
	}

	long open(CheckCode check) {
		return byCheck.getOrDefault(check, new long[2])[0];
	}

	long explained(CheckCode check) {
		return byCheck.getOrDefault(check, new long[2])[1];
	}
}
