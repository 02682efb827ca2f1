package org.electionrecon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.electionrecon.model.Constituency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Name and header normal forms, and the register lookups built on them (inputs.md, register/). The
 * Unicode escapes in the sources below are turned into characters by the Java compiler, so the
 * tests see real en dashes, non-breaking spaces and combining accents.
 */
class NamesTests {

	@ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			Stoke-On-Trent North                 | stoke on trent north
			Stoke-on-Trent North                 | stoke on trent north
			"Stoke\u2013on\u2013Trent North"     | stoke on trent north
			"Stoke\u2014on\u2014Trent North"     | stoke on trent north
			"Stoke\u2011on\u2212Trent North"     | stoke on trent north
			"STOKE-ON-TRENT   NORTH"             | stoke on trent north
			Crewe & Nantwich                     | crewe and nantwich
			Crewe and Nantwich                   | crewe and nantwich
			"Crewe&Nantwich"                     | crewe and nantwich
			"Stone, Great Wyrley and Penkridge"  | stone great wyrley and penkridge
			"Stone,\u00A0Great\u00A0Wyrley and Penkridge" | stone great wyrley and penkridge
			"\u00A0Stafford\u00A0"               | stafford
			"  Newcastle-under-Lyme  "           | newcastle under lyme
			Ynys Môn                             | ynys mon
			"Ynys Mo\u0302n"                     | ynys mon
			Ynys Mon                             | ynys mon
			"Bishop\u2019s Stortford"            | bishops stortford
			Bishop's Stortford                   | bishops stortford
			""                                   | ""
			""")
	void normaliseFoldsCaseDashesSpacesAccentsAndAmpersands(String name, String expected) {
		assertThat(Names.normalise(name)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "[{index}] \"{0}\" = \"{1}\"")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			Stoke-On-Trent North                 | Stoke-on-Trent North
			"Stoke\u2013on\u2013Trent North"     | Stoke-on-Trent North
			Crewe & Nantwich                     | Crewe and Nantwich
			Ynys Môn                             | Ynys Mon
			"Stone,\u00A0Great Wyrley and Penkridge" | "Stone, Great Wyrley and Penkridge"
			""")
	void namesWrittenDifferentlyAreTheSame(String a, String b) {
		assertThat(Names.normalise(a)).isEqualTo(Names.normalise(b));
	}

	@ParameterizedTest(name = "[{index}] \"{0}\" != \"{1}\"")
	@CsvSource(delimiter = '|', textBlock = """
			Stoke-on-Trent North | Stoke-on-Trent South
			Stafford             | Staffordshire Moorlands
			Ynys Môn             | Ynys Mont
			""")
	void differentNamesStayDifferent(String a, String b) {
		assertThat(Names.normalise(a)).isNotEqualTo(Names.normalise(b));
	}

	@Test
	void normaliseOfNullIsEmpty() {
		assertThat(Names.normalise(null)).isEmpty();
		assertThat(Names.header(null)).isEmpty();
	}

	@ParameterizedTest(name = "[{index}] header \"{0}\"")
	@ValueSource(strings = { "turnout", "Turnout %", "TURNOUT", "\uFEFFTurnout", "\"turnout\"", "\"\"\"turnout\"\"\"",
			" Turnout ", "Turn-out" })
	void headersIgnoreCaseSpacesPunctuationQuotesAndBom(String header) {
		assertThat(Names.header(header)).isEqualTo("turnout");
	}

	@Test
	void fieldMatchesAnySynonymInHeaderForm() {
		Field issued = Field.required("issued", "Ballot papers issued", "Per BPA");
		assertThat(issued.synonyms()).containsExactly("issued", "Ballot papers issued", "Per BPA");
		assertThat(issued.matches("BALLOT PAPERS ISSUED")).isTrue();
		assertThat(issued.matches("Ballot-papers issued:")).isTrue();
		assertThat(issued.matches("per_bpa")).isTrue();
		assertThat(issued.matches("Issued")).isTrue();
		assertThat(issued.matches("Ballot papers verified")).isFalse();
		assertThat(issued.matches("")).isFalse();
		assertThat(issued.withExtraSynonyms(List.of("Papers out")).matches("papers out")).isTrue();
	}

	@Test
	void slugJoinsNormalisedWordsWithHyphens() {
		assertThat(Names.slug("Staffordshire and Cheshire")).isEqualTo("staffordshire-and-cheshire");
		assertThat(Names.slug("Crewe & Nantwich")).isEqualTo("crewe-and-nantwich");
	}

	/** The register lookups that use these normal forms. */
	static final List<Constituency> REGISTER = List.of(
			new Constituency("E14001521", "Stoke-on-Trent North", "West Midlands", "Staffordshire", "Staffs",
					List.of("Stoke-On-Trent North")),
			new Constituency("E14001185", "Crewe and Nantwich", "North West", "Cheshire", "Staffs", List.of()),
			new Constituency("W07000112", "Ynys Môn", "Wales", null, "Wales", List.of("Anglesey")),
			new Constituency("E14001316", "Kingswinford and South Staffordshire", "West Midlands", "Staffordshire",
					"Staffs", List.of()),
			new Constituency("E14001513", "Stafford", "West Midlands", "Staffordshire", "Staffs", List.of()));

	@ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			Stoke-On-Trent North                 | E14001521
			"stoke\u2013on\u2013trent north"     | E14001521
			Crewe & Nantwich                     | E14001185
			Ynys Mon                             | W07000112
			YNYS MÔN                             | W07000112
			Anglesey                             | W07000112
			""")
	void directoryMatchesNamesByNormalForm(String name, String code) {
		ConstituencyDirectory directory = new ConstituencyDirectory(REGISTER);
		ConstituencyDirectory.Match match = directory.matchName(name);
		assertThat(match.found()).isTrue();
		assertThat(match.constituency().code()).isEqualTo(code);
		assertThat(match.note()).isNull();
	}

	@Test
	void directoryMatchesCodeFirstAndFallsBackToNameWithANote() {
		ConstituencyDirectory directory = new ConstituencyDirectory(REGISTER);
		assertThat(directory.match(" e14001513 ", "Somewhere else").constituency().code()).isEqualTo("E14001513");
		ConstituencyDirectory.Match old = directory.match("E14000969", "Stafford");
		assertThat(old.constituency().code()).isEqualTo("E14001513");
		assertThat(old.note()).isEqualTo("code E14000969 is not the register's E14001513; matched by name");
		ConstituencyDirectory.Match none = directory.match("E14000001", "Atlantis");
		assertThat(none.found()).isFalse();
		assertThat(none.failure())
			.isEqualTo("code E14000001 is not in the register and name 'Atlantis' matches no register constituency");
	}

	@Test
	void aCutSheetNameOfThirtyOneCharactersMatchesByUniquePrefix() {
		ConstituencyDirectory directory = new ConstituencyDirectory(REGISTER);
		String cut = "Kingswinford and South Stafford";
		assertThat(cut).hasSize(31);
		ConstituencyDirectory.Match match = directory.matchSheetName(cut);
		assertThat(match.constituency().code()).isEqualTo("E14001316");
		assertThat(match.note()).isEqualTo("sheet name 'Kingswinford and South Stafford' cut at 31 characters;"
				+ " matched Kingswinford and South Staffordshire");
		// 30 characters is not Excel's cut: no prefix matching
		assertThat(directory.matchSheetName("Kingswinford and South Staffor").found()).isFalse();
	}

	@Test
	void aCutSheetNameThatStartsTwoNamesMatchesNeither() {
		List<Constituency> register = new java.util.ArrayList<>(REGISTER);
		register.add(new Constituency("E99999999", "Kingswinford and South Staffordshire East", "West Midlands",
				null, "Staffs", List.of()));
		ConstituencyDirectory.Match match = new ConstituencyDirectory(register)
			.matchSheetName("Kingswinford and South Stafford");
		assertThat(match.found()).isFalse();
		assertThat(match.failure()).isEqualTo(
				"sheet name 'Kingswinford and South Stafford' is the start of more than one constituency name");
	}

	@Test
	void shouldFoldAsciiNamesInOnePassExactlyAsTheGeneralFormDoes() {
		java.util.Random random = new java.util.Random(20240704);
		String alphabet = "aZ09 -&',.\t\n()/_!\u001F\u007F";
		for (int n = 0; n < 20_000; n++) {
			StringBuilder name = new StringBuilder();
			int length = random.nextInt(12);
			for (int i = 0; i < length; i++) {
				name.append(random.nextInt(4) == 0 ? (char) random.nextInt(128)
						: alphabet.charAt(random.nextInt(alphabet.length())));
			}
			assertThat(Names.normalise(name.toString())).as("'%s'", name).isEqualTo(Names.normaliseAnyText(name.toString()));
		}
		assertThat(Names.normalise("  O'Brien & Sons - Stoke-on-Trent  ")).isEqualTo("obrien and sons stoke on trent");
	}
}
