package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electionrecon.model.CheckCode.MISSING_CONSTITUENCY;
import static org.electionrecon.model.CheckCode.MISSING_DECLARATION;
import static org.electionrecon.model.CheckCode.MISSING_VERIFICATION;
import static org.electionrecon.model.Severity.ERROR;
import static org.electionrecon.model.Severity.WARNING;
import static org.electionrecon.reconcile.Findings.assertFindings;
import static org.electionrecon.reconcile.Findings.finding;

import java.util.List;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.junit.jupiter.api.Test;

class CoverageRulesTests {

	/** The HoC constituency file's cells: its sheet is the file name cut at 31 characters, as Excel names it. */
	private static final String HOC = "'declarations/[HoC-GE2024-results-by-constituency.csv]HoC-GE2024-results-by-constitue'!";

	private final CoverageRules rules = new CoverageRules();

	@Test
	void shouldFindNothingWhenThereIsAVerificationStatementAndADeclaration() {
		assertThat(rules.check(Facts.stafford().build())).isEmpty();
		assertThat(rules.check(Facts.stafford().withoutNotional().build())).isEmpty();
	}

	@Test
	void shouldReportErrorWhenThereIsADeclarationButNoVerificationStatement() {
		ConstituencyFacts facts = Facts.stafford().withoutVerification().build();

		List<Finding> findings = rules.check(facts);

		assertFindings(findings, finding(ERROR, MISSING_VERIFICATION, facts, null,
				"a verification statement", null, null, Facts.CONSTITUENCY_CSV));
		assertThat(findings.get(0).message()).isEqualTo("Stafford has a declaration but no verification statement");
	}

	@Test
	void shouldNameTheCandidateFileWhenOnlyCandidatesDeclareTheConstituency() {
		ConstituencyFacts facts = Facts.stafford().withoutVerification().withoutConstituencyLine().build();

		assertFindings(rules.check(facts), finding(ERROR, MISSING_VERIFICATION, facts, null,
				"a verification statement", null, null,
				"'declarations/[HoC-GE2024-results-by-candidate.csv]HoC-GE2024-results-by-candidate'!S46"));
	}

	@Test
	void shouldReportErrorWhenThereIsAVerificationStatementButNoDeclaration() {
		ConstituencyFacts facts = Facts.stafford().withoutDeclaration().build();

		List<Finding> findings = rules.check(facts);

		assertFindings(findings, finding(ERROR, MISSING_DECLARATION, facts, null, "a declaration",
				null, null, "verification statement: 'verification/[stafford.xlsx]Stafford'"));
		assertThat(findings.get(0).message()).isEqualTo("Stafford has a verification statement but no declaration");
	}

	@Test
	void shouldNameEveryVerificationStatementOfAnUndeclaredConstituency() {
		ConstituencyFacts facts = Facts.stafford().withoutDeclaration()
			.alsoVerifiedIn("'verification/[stafford-recount.xlsx]Stafford'")
			.build();

		assertThat(rules.check(facts)).extracting(Finding::source)
			.containsExactly("verification statement: 'verification/[stafford.xlsx]Stafford',"
					+ " 'verification/[stafford-recount.xlsx]Stafford'");
	}

	@Test
	void shouldCountAStatementWithNoBoxesAsAVerificationStatement() {
		ConstituencyFacts facts = Facts.stafford().withoutBoxes().withoutDeclaration().build();

		assertThat(rules.check(facts)).extracting(Finding::check).containsExactly(CheckCode.MISSING_DECLARATION);
	}

	@Test
	void shouldReportWarningWhenARegisterConstituencyHasNeither() {
		ConstituencyFacts facts = Facts.constituency("E14001538", "Tamworth").build();

		List<Finding> findings = rules.check(facts);

		assertFindings(findings, finding(WARNING, MISSING_CONSTITUENCY, facts, null,
				"a verification statement and a declaration", null, null, null));
		assertThat(findings.get(0).message()).isEqualTo("Tamworth is in the register for Staffordshire and Cheshire but"
				+ " has neither a verification statement nor a declaration");
	}

	@Test
	void shouldNotCountANotionalRowAsASource() {
		ConstituencyFacts facts = Facts.stafford().withoutVerification().withoutDeclaration().build();

		assertFindings(rules.check(facts), finding(WARNING, MISSING_CONSTITUENCY, facts, null,
				"a verification statement and a declaration", null, null, null));
	}

	@Test
	void shouldLeaveOutWhatARunLevelSourceMissingStandsFor() {
		ConstituencyFacts noDeclaration = Facts.stafford().withoutDeclaration().build();
		ConstituencyFacts noVerification = Facts.stafford().withoutVerification().build();

		assertThat(rules.check(noDeclaration, java.util.Set.of(org.electionrecon.ingest.SourceKind.DECLARATIONS)))
			.isEmpty();
		assertThat(rules.check(noVerification, java.util.Set.of(org.electionrecon.ingest.SourceKind.VERIFICATION)))
			.isEmpty();
		assertThat(rules.check(noDeclaration, java.util.Set.of(org.electionrecon.ingest.SourceKind.VERIFICATION)))
			.extracting(Finding::check).containsExactly(MISSING_DECLARATION);
	}

	@Test
	void shouldNameTheRejectedDeclarationRowOfAConstituencyWithoutADeclaration() {
		ConstituencyFacts facts = Facts.stafford().withoutDeclaration().build()
			.withRejected(List.of(new org.electionrecon.model.RejectedFigure("E14001513",
					org.electionrecon.model.RejectedFigure.Kind.DECLARATION, "the declaration row",
					HOC + "P9", "valid votes is not a number")));

		List<Finding> findings = rules.check(facts);

		assertThat(findings).extracting(Finding::check, Finding::message, Finding::source)
			.containsExactly(org.assertj.core.api.Assertions.tuple(MISSING_DECLARATION,
					"Stafford has a verification statement but no declaration; its declaration rows were rejected: the"
							+ " declaration row, rejected at " + HOC + "P9 (valid votes is not a"
							+ " number)",
					"verification statement: 'verification/[stafford.xlsx]Stafford'; left out: " + HOC + "P9"));
	}
}
