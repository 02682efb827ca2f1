package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.assertj.core.groups.Tuple;

/**
 * The damaged values of issue 13, each spoiling one value of a copy of the sample input and giving
 * the one rejected row it must end as: shared by {@link DamagedValueTests} (the job in the test's
 * JVM) and {@link HostileCorpusTests} (a JVM of its own at -Xmx256m).
 */
final class DamagedValues {

	static final String REGISTER = "register/register.csv";
	static final String CANDIDATES = "declarations/HoC-GE2024-results-by-candidate.csv";
	static final String NOTES = "explanations/operator-notes.csv";
	static final String STOKE = "verification/stoke-on-trent-city-council.xlsx";
	static final String STOKE_E30 = "<c r=\"E30\" s=\"5\" t=\"n\"><v>486.0</v></c>";
	static final String SHEET = "xl/worksheets/sheet1.xml";

	/** The file a damage spoiled, and its one rejected row: file, sheet, row, cell, value, reason. */
	record Damage(String file, Tuple rejected) {
	}

	private DamagedValues() {
	}

	static Damage registerNameTooLong(Path input) throws IOException {
		replace(input, REGISTER, "Burton and Uttoxeter,", "B".repeat(201) + ",");
		return new Damage(REGISTER, tuple(REGISTER, null, 2.0, "2", "B".repeat(200) + "… (201 characters)",
				"constituency name is 201 characters; at most 200"));
	}

	static Damage registerAreaTooLong(Path input) throws IOException {
		replace(input, REGISTER, "Burton and Uttoxeter,West Midlands,Staffordshire,Staffordshire and Cheshire,",
				"Burton and Uttoxeter,West Midlands,Staffordshire," + "A".repeat(250) + ",");
		return new Damage(REGISTER, tuple(REGISTER, null, 2.0, "5", "A".repeat(200) + "… (250 characters)",
				"report area is 250 characters; at most 200"));
	}

	static Damage registerRowWithNeitherAreaNorRegion(Path input) throws IOException {
		replace(input, REGISTER, "Burton and Uttoxeter,West Midlands,Staffordshire,Staffordshire and Cheshire,",
				"Burton and Uttoxeter,,Staffordshire,,");
		return new Damage(REGISTER, tuple(REGISTER, null, 2.0, "5", null,
				"report area is blank and there is no region to stand for it"));
	}

	static Damage registerCodeTooLong(Path input) throws IOException {
		replace(input, REGISTER, "E14001143,Burton", "E14001143XXXXXXXXXXXXXXXX,Burton");
		return new Damage(REGISTER, tuple(REGISTER, null, 2.0, "1", "E14001143XXXXXXXXXXXXXXXX",
				"constituency code is 25 characters; at most 20"));
	}

	static Damage candidateSurnameTooLong(Path input) throws IOException {
		replace(input, CANDIDATES, ",Sarah,Murray,", ",Sarah," + "M".repeat(201) + ",");
		return new Damage(CANDIDATES, tuple(CANDIDATES, null, 2.0, "14", "M".repeat(200) + "… (201 characters)",
				"candidate surname is 201 characters; at most 200"));
	}

	static Damage candidatePartyTooLong(Path input) throws IOException {
		// the HoC file's party is its abbreviation column (the party name column is not staged)
		replace(input, CANDIDATES, "England,County,Liberal Democrat,LD,PP90,17,,Sarah",
				"England,County,Liberal Democrat," + "P".repeat(101) + ",PP90,17,,Sarah");
		return new Damage(CANDIDATES, tuple(CANDIDATES, null, 2.0, "9", "P".repeat(101),
				"party is 101 characters; at most 100"));
	}

	static Damage explanationNoteTooLong(Path input) throws IOException {
		String note = "Presiding officer's account: one elector left the polling station with a ballot paper";
		String longNote = note + " " + "x".repeat(1990 - note.length() - 1);
		replace(input, NOTES, note, longNote);
		return new Damage(NOTES, tuple(NOTES, null, 2.0, "4", longNote.substring(0, 200) + "… (1,990 characters)",
				"explanation note is 1,990 characters; at most 1,500"));
	}

	static Damage verifiedCellNaN(Path input) throws IOException {
		DamagedValueTests.replaceInWorkbook(input, STOKE, SHEET, STOKE_E30, "<c r=\"E30\" s=\"5\" t=\"n\"><v>NaN</v></c>");
		return new Damage(STOKE, tuple(STOKE, "Stoke-on-Trent Central", 30.0, "E30", "NaN",
				"ballot papers verified is not a number (NaN)"));
	}

	static Damage verifiedCellInfinite(Path input) throws IOException {
		DamagedValueTests.replaceInWorkbook(input, STOKE, SHEET, STOKE_E30,
				"<c r=\"E30\" s=\"5\" t=\"n\"><v>-Infinity</v></c>");
		return new Damage(STOKE, tuple(STOKE, "Stoke-on-Trent Central", 30.0, "E30", "-∞",
				"ballot papers verified is not a number (-Infinity)"));
	}

	static Damage boxOfATrillionPapers(Path input) throws IOException {
		DamagedValueTests.replaceInWorkbook(input, STOKE, SHEET, STOKE_E30,
				"<c r=\"E30\" s=\"5\" t=\"n\"><v>1000000000000</v></c>");
		return new Damage(STOKE, tuple(STOKE, "Stoke-on-Trent Central", 30.0, "E30", "1,000,000,000,000",
				"ballot papers verified is more than 100,000,000, which no election has"));
	}

	/** Replaces the first {@code from} in a text file of the input. */
	static void replace(Path input, String file, String from, String to) throws IOException {
		Path path = input.resolve(file);
		String text = Files.readString(path, StandardCharsets.UTF_8);
		assertThat(text).contains(from);
		Files.writeString(path, text.replaceFirst(java.util.regex.Pattern.quote(from),
				java.util.regex.Matcher.quoteReplacement(to)), StandardCharsets.UTF_8);
	}
}
