package org.electionrecon.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SourceRefTests {

	@Test
	void shouldWriteAWorkbookCellAsASpreadsheetProgramWritesAnExternalReference() {
		assertThat(SourceRef.cell("verification/stafford.xlsx", "Stafford", 19, 4))
			.hasToString("'verification/[stafford.xlsx]Stafford'!E19");
		assertThat(SourceRef.cell("stafford.xlsx", "Stafford", 19, 4)).hasToString("'[stafford.xlsx]Stafford'!E19");
	}

	@Test
	void shouldNameACsvSheetAfterItsFileCutAt31CharactersWithTheLineAsTheRow() {
		assertThat(SourceRef.csv("declarations/results.csv", 3, 15)).hasToString("'declarations/[results.csv]results'!P3");
		assertThat(SourceRef.csv("declarations/HoC-GE2024-results-by-constituency.csv", 9, 14))
			.hasToString("'declarations/[HoC-GE2024-results-by-constituency.csv]HoC-GE2024-results-by-constitue'!O9");
		assertThat(SourceRef.csvSheetName("x/a[1]:b.csv")).isEqualTo("a_1__b");
	}

	@Test
	void shouldKeepTheRejectedRowsCellAsItWas() {
		assertThat(SourceRef.csv("declarations/results.csv", 3, 15).cell()).isEqualTo("16");
		assertThat(SourceRef.cell("verification/stafford.xlsx", "Stafford", 19, 4).cell()).isEqualTo("E19");
	}

	@Test
	void shouldDoubleAnApostropheInsideTheQuotesAndReadItBack() {
		String text = SourceRef.cell("verification/st mary's.xlsx", "Stone, Great Wyrley and Penkrid", 7, 27).toString();
		assertThat(text).isEqualTo("'verification/[st mary''s.xlsx]Stone, Great Wyrley and Penkrid'!AB7");
		assertThat(SourceRef.parse(text)).isEqualTo(
				new SourceRef.Parsed("verification/st mary's.xlsx", "Stone, Great Wyrley and Penkrid", "AB", 7, "AB", 7));
		assertThat(SourceRef.fileOf(text)).isEqualTo("verification/st mary's.xlsx");
	}

	@Test
	void shouldReadARangeAndAWholeSheetAndAPlainFileBack() {
		assertThat(SourceRef.parse("'verification/[stafford.xlsx]Stafford'!E10:E40"))
			.isEqualTo(new SourceRef.Parsed("verification/stafford.xlsx", "Stafford", "E", 10, "E", 40));
		assertThat(SourceRef.fileOf("'verification/[stafford.xlsx]Stafford'")).isEqualTo("verification/stafford.xlsx");
		assertThat(SourceRef.fileOf("verification/broken.xlsx")).isEqualTo("verification/broken.xlsx");
		assertThat(SourceRef.parse("verification/broken.xlsx")).isNull();
		assertThat(SourceRef.fileOf("issued: 'verification/[stafford.xlsx]Stafford'!D12; verified:"
				+ " 'verification/[stafford.xlsx]Stafford'!E12")).isEqualTo("verification/stafford.xlsx");
		assertThat(SourceRef.fileOf("declarations/")).isEqualTo("declarations/");
	}

	@Test
	void shouldJoinNeighbouringCellsOfAColumnIntoRanges() {
		String prefix = "'verification/[stafford.xlsx]Stafford'!";
		assertThat(SourceRef.ranges(List.of(prefix + "E10", prefix + "E11", prefix + "E12", prefix + "E14",
				prefix + "D15", "'verification/[stafford.xlsx]Other'!E15", "'verification/[stafford.xlsx]Other'!E16")))
			.isEqualTo(prefix + "E10:E12, " + prefix + "E14, " + prefix + "D15, 'verification/[stafford.xlsx]Other'!E15:E16");
		assertThat(SourceRef.ranges(List.of())).isEmpty();
	}

	@Test
	void shouldLabelSeveralReferencesByRoleAndLeaveALoneOneBare() {
		String d19 = "'verification/[stafford.xlsx]Stafford'!D19";
		String e19 = "'verification/[stafford.xlsx]Stafford'!E19";
		assertThat(SourceRef.labelled("issued", d19, "verified", e19)).isEqualTo("issued: " + d19 + "; verified: " + e19);
		assertThat(SourceRef.labelled("issued", null, "verified", e19)).isEqualTo(e19);
		assertThat(SourceRef.labelled("verified", d19 + ", " + e19)).isEqualTo("verified: " + d19 + ", " + e19);
		assertThat(SourceRef.labelled("issued", null)).isNull();
		assertThat(SourceRef.roles("verification statement", "'verification/[stafford.xlsx]Stafford'"))
			.isEqualTo("verification statement: 'verification/[stafford.xlsx]Stafford'");
		assertThat(SourceRef.adding("issued: " + d19, "rejected", e19)).isEqualTo("issued: " + d19 + "; rejected: " + e19);
	}

	@Test
	void shouldSplitASourceIntoItsReferencesWithoutTheirLabels() {
		assertThat(SourceRef.references("verified: 'v/[a.xlsx]S, T'!E1:E3, 'v/[a.xlsx]S, T'!E5; rejected: 'd/[r.csv]r'!Q3"))
			.containsExactly("'v/[a.xlsx]S, T'!E1:E3", "'v/[a.xlsx]S, T'!E5", "'d/[r.csv]r'!Q3");
		assertThat(SourceRef.references("verification/broken.xlsx")).containsExactly("verification/broken.xlsx");
	}
}
