package org.electionrecon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electionrecon.ingest.IngestFixtures.STAFFORD;
import static org.electionrecon.ingest.IngestFixtures.only;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.electionrecon.model.CandidateVotes;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.DeclaredBreakdown;
import org.electionrecon.model.DeclaredPartyVotes;
import org.electionrecon.model.DeclaredResult;
import org.electionrecon.model.Finding;
import org.electionrecon.model.RejectedRow;
import org.electionrecon.model.SourceFile;
import org.electionrecon.model.Staged;
import org.electionrecon.model.StatedFigure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declarations in the layouts inputs.md names, read through the reader with exact sources. */
class DeclarationParserTests {

	static final Path REFERENCE = Path.of("src/main/resources/reference-data/ge2024");

	@TempDir
	Path input;

	/**
	 * The HoC constituency file as the register ("valid as it stands"), and its Excel-exported
	 * variant as a declaration: title rows above the header, numbers quoted with commas, a notes
	 * footer after a blank row, a single-byte encoding.
	 */
	@Test
	void theHocExcelExportIsADeclarationWithTitleRowsQuotedNumbersAndAFooter() throws IOException {
		Files.createDirectories(input.resolve("register"));
		Files.copy(REFERENCE.resolve("HoC-GE2024-results-by-constituency.csv"), input.resolve("register/hoc.csv"));
		Path export = Files.createDirectories(input.resolve("declarations")).resolve("hoc-export.csv");
		Files.copy(REFERENCE.resolve("HoC-GE2024-results-by-constituency_excel-export-cp1252.csv"), export);
		List<Constituency> register = IngestFixtures.readRegister(input);
		assertThat(register).hasSize(650);

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(register), SourceKind.DECLARATIONS);

		String f = "'declarations/[hoc-export.csv]hoc-export'!";
		assertThat(only(records, DeclaredResult.class)).hasSize(650)
			.filteredOn(r -> r.constituencyCode().equals(STAFFORD))
			.containsExactly(new DeclaredResult(STAFFORD, "declarations/hoc-export.csv", 70_608L, f + "M550", 46_009L,
					f + "N550", 160L, f + "O550", 4_595L, f + "P550", "Lab gain from Con", f + "J550", "Lab", f + "K550", "Leigh", "Ingham",
					f + "H550"));
		assertThat(only(records, DeclaredPartyVotes.class)).filteredOn(v -> v.constituencyCode().equals(STAFFORD))
			.containsExactly(new DeclaredPartyVotes(STAFFORD, "Con", 13_936, f + "Q550"),
					new DeclaredPartyVotes(STAFFORD, "Lab", 18_531, f + "R550"),
					new DeclaredPartyVotes(STAFFORD, "LD", 1_676, f + "S550"),
					new DeclaredPartyVotes(STAFFORD, "RUK", 8_612, f + "T550"),
					new DeclaredPartyVotes(STAFFORD, "Green", 2_856, f + "U550"),
					new DeclaredPartyVotes(STAFFORD, "SNP", 0, f + "V550"), new DeclaredPartyVotes(STAFFORD, "PC", 0, f + "W550"),
					new DeclaredPartyVotes(STAFFORD, "DUP", 0, f + "X550"), new DeclaredPartyVotes(STAFFORD, "SF", 0, f + "Y550"),
					new DeclaredPartyVotes(STAFFORD, "SDLP", 0, f + "Z550"), new DeclaredPartyVotes(STAFFORD, "UUP", 0, f + "AA550"),
					new DeclaredPartyVotes(STAFFORD, "APNI", 0, f + "AB550"),
					new DeclaredPartyVotes(STAFFORD, DeclaredPartyVotes.OTHERS, 398, f + "AC550"));
		assertThat(only(records, RejectedRow.class)).isEmpty();
		assertThat(only(records, Finding.class)).isEmpty();
		assertThat(only(records, SourceFile.class)).containsExactly(new SourceFile("declarations/hoc-export.csv",
				"declarations", IngestFixtures.sha256(export), Files.size(export), 650, 650, 0, 0,
				"file: 13 row(s) after the end of the table not read (notes, footer)"));
	}

	/** LGA schema: rows of another election are out of scope, not rejected, and still add up. */
	@Test
	void lgaRowsOfOtherElectionsAreOutOfScopeNotRejected() throws IOException {
		String name = "declarations/stafford-lga.csv";
		String lga = "'declarations/[stafford-lga.csv]stafford-lga'!";
		Path file = Files.createDirectories(input.resolve("declarations")).resolve("stafford-lga.csv");
		Files.writeString(file, """
				ElectoralAreaLabel,CandidateSurname,CandidateForenames,PoliticalPartyLabel,VotesWon,Elected,VotesCast,EligibleElectorate,BallotsRejectedUnmarked,PercentageTurnout,ElectionDate,TypeofElection
				Stafford,Ingham,Leigh,Labour Party,18531,Elected,46169,70608,60,65.39%,04/07/2024,UK Parliamentary
				Stafford,Afriyie,Theo,Conservative and Unionist Party,13936,Not elected,46169,70608,60,65.39%,04/07/2024,UK Parliamentary
				Baswich,Smith,Jo,Labour Party,900,Elected,2000,5000,3,40.0,02/05/2024,Borough council
				Stafford,Other,A,Labour Party,1,Elected,,,,,04/07/2024,UK Parliamentary by-election
				""", StandardCharsets.UTF_8);

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.DECLARATIONS);

		assertThat(records).containsExactly(
				new DeclaredResult(STAFFORD, name, 70_608L, lga + "H2", null, null, null, null, null, null, null, null,
						null, null, null, null, null),
				new DeclaredBreakdown(STAFFORD, name, 46_169L, lga + "G2", Map.of("Unmarked", 60L), lga + "I2"),
				new StatedFigure(STAFFORD, StatedFigure.Kind.DECLARED_TURNOUT, new BigDecimal("65.39"), 2,
						lga + "J2"),
				new CandidateVotes(STAFFORD, "Leigh", "Ingham", "Lab", 18_531, true, lga + "E2"),
				new CandidateVotes(STAFFORD, "Theo", "Afriyie", "Con", 13_936, false, lga + "E3"),
				new SourceFile(name, "declarations", IngestFixtures.sha256(file), Files.size(file), 4, 2, 0, 2, ""));
	}
}
