package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.electionrecon.ingest.SourceKind;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.Severity;
import org.junit.jupiter.api.Test;

class SourceRulesTests {

	private final SourceRules rules = new SourceRules();

	private static final SourceRules.Coverage FOURTEEN = new SourceRules.Coverage(14, 14, 14);

	private static SourceRules.Folder gave(SourceKind kind) {
		return new SourceRules.Folder(kind, true, 1, 0, 0, 0, 0, true);
	}

	private static SourceRules.Folder missing(SourceKind kind) {
		return new SourceRules.Folder(kind, false, 0, 0, 0, 0, 0, false);
	}

	private static List<SourceRules.Folder> all(SourceRules.Folder... changed) {
		List<SourceRules.Folder> folders = new java.util.ArrayList<>();
		for (SourceKind kind : SourceRules.REQUIRED) {
			SourceRules.Folder folder = gave(kind);
			for (SourceRules.Folder c : changed) {
				if (c.kind() == kind) {
					folder = c;
				}
			}
			folders.add(folder);
		}
		return folders;
	}

	@Test
	void shouldFindNothingWhenEveryFolderGaveRecords() {
		SourceRules.Result result = rules.check(all(), FOURTEEN);

		assertThat(result.findings()).isEmpty();
		assertThat(result.missing()).isEmpty();
	}

	@Test
	void shouldReportEachMissingFolderOnceAsAnErrorAndNotionalAsAWarning() {
		SourceRules.Result result = rules.check(all(missing(SourceKind.VERIFICATION), missing(SourceKind.DECLARATIONS),
				missing(SourceKind.NOTIONAL)), new SourceRules.Coverage(3, 1, 4));

		assertThat(result.findings())
			.extracting(Finding::severity, Finding::check, Finding::constituencyCode, Finding::message, Finding::source)
			.containsExactly(
					tuple(Severity.ERROR, CheckCode.SOURCE_MISSING, null, "verification/ is missing: no constituency can be"
							+ " checked against a verification statement (replaces 1 MISSING_VERIFICATION finding)",
							"verification/"),
					tuple(Severity.ERROR, CheckCode.SOURCE_MISSING, null, "declarations/ is missing: no constituency can be"
							+ " checked against a declaration (replaces 3 MISSING_DECLARATION findings)", "declarations/"),
					tuple(Severity.WARNING, CheckCode.SOURCE_MISSING, null, "notional/ is missing: no constituency has a"
							+ " 2019 baseline, so no turnout change, swing, result label or electorate change (replaces 4"
							+ " NO_BASELINE findings)", "notional/"));
		assertThat(result.missing()).containsExactlyInAnyOrder(SourceKind.VERIFICATION, SourceKind.DECLARATIONS,
				SourceKind.NOTIONAL);
	}

	@Test
	void shouldSayNothingIsReplacedWhenNoConstituencyWouldHaveHadTheFinding() {
		SourceRules.Result result = rules.check(all(missing(SourceKind.DECLARATIONS)), new SourceRules.Coverage(0, 0, 0));

		assertThat(result.findings()).extracting(Finding::message)
			.containsExactly("declarations/ is missing: no constituency can be checked against a declaration");
	}

	@Test
	void shouldReportOnlyTheRegisterWhenItIsMissingBecauseNothingElseCanBeMatched() {
		SourceRules.Result result = rules.check(List.of(missing(SourceKind.REGISTER),
				new SourceRules.Folder(SourceKind.VERIFICATION, true, 11, 0, 0, 14, 0, false),
				new SourceRules.Folder(SourceKind.DECLARATIONS, true, 2, 0, 0, 104, 0, false),
				gave(SourceKind.NOTIONAL)), new SourceRules.Coverage(0, 0, 0));

		assertThat(result.findings()).extracting(Finding::severity, Finding::message, Finding::source)
			.containsExactly(tuple(Severity.ERROR, "register/ is missing: no constituency can be matched, so no input can"
					+ " be checked and no report is written", "register/"));
		assertThat(result.missing()).containsExactly(SourceKind.REGISTER);
	}

	@Test
	void shouldTellAnEmptyFolderFromOneWithOnlyUnreadableOrIgnoredFiles() {
		assertThat(SourceRules.reason(new SourceRules.Folder(SourceKind.VERIFICATION, true, 0, 0, 0, 0, 0, false)))
			.isEqualTo("verification/ is empty");
		assertThat(SourceRules.reason(new SourceRules.Folder(SourceKind.VERIFICATION, true, 3, 1, 2, 0, 0, false)))
			.isEqualTo("verification/ holds no readable file (2 unreadable, 1 ignored)");
		assertThat(SourceRules.reason(new SourceRules.Folder(SourceKind.DECLARATIONS, true, 1, 1, 0, 0, 0, false)))
			.isEqualTo("declarations/ holds no readable file (1 ignored)");
	}

	@Test
	void shouldSayWhyReadableFilesGaveNothing() {
		assertThat(SourceRules.reason(new SourceRules.Folder(SourceKind.DECLARATIONS, true, 2, 0, 1, 14, 0, false)))
			.isEqualTo("declarations/ gave no declaration of a register constituency (1 file read, 14 rows rejected, 0 out"
					+ " of scope, 1 unreadable)");
		assertThat(SourceRules.reason(new SourceRules.Folder(SourceKind.NOTIONAL, true, 1, 0, 0, 1, 650, false)))
			.isEqualTo("notional/ gave no notional 2019 result of a register constituency (1 file read, 1 row rejected,"
					+ " 650 out of scope)");
		assertThat(SourceRules.reason(new SourceRules.Folder(SourceKind.REGISTER, true, 1, 0, 0, 0, 0, false)))
			.isEqualTo("register/ gave no constituency (1 file read, 0 rows rejected, 0 out of scope)");
	}
}
