package org.electionrecon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.stream.Stream;

import org.electionrecon.ingest.NumberParser.NotANumberException;
import org.electionrecon.ingest.NumberParser.Parsed;
import org.electionrecon.ingest.table.Cell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Counts and percentages as inputs.md's "Numbers" rule states them. */
class NumberParserTests {

	static Stream<Arguments> counts() {
		return Stream.of(
				Arguments.of("text with a comma", Cell.text(3, "46,169"), 46_169L),
				Arguments.of("text with spaces around", Cell.text(3, " 46169 "), 46_169L),
				Arguments.of("text grouped with a space", Cell.text(3, "46 169"), 46_169L),
				Arguments.of("text grouped with a non-breaking space", Cell.text(3, "46\u00A0169"), 46_169L),
				Arguments.of("text grouped with a narrow no-break space", Cell.text(3, "46\u202F169"), 46_169L),
				Arguments.of("text with zero decimals", Cell.text(3, "46169.00"), 46_169L),
				Arguments.of("zero", Cell.text(3, "0"), 0L),
				Arguments.of("a negative (the parser reads it; callers reject it)", Cell.text(3, "-5"), -5L),
				Arguments.of("numeric cell, General", new Cell(3, "46169", 46_169.0, "General", false), 46_169L),
				Arguments.of("numeric cell, #,##0", new Cell(3, "46,169", 46_169.0, "#,##0", false), 46_169L),
				Arguments.of("formula cell's cached value", new Cell(3, "46,169", 46_169.0, "#,##0", true), 46_169L),
				Arguments.of("formula cell's cached text", new Cell(3, "46,169", null, null, true), 46_169L));
	}

	/**
	 * A numeric cell's count comes from its double directly when it is whole and below 10^15; the
	 * outcome is the one its decimal string (BigDecimal.valueOf) gives, on both sides of that edge.
	 */
	@ParameterizedTest
	@ValueSource(doubles = { 0.0, -0.0, 1.0, -5.0, 46_169.0, 9_999_999.0, 10_000_000.0, 123_456_789.0,
			999_999_999_999_999.0, 1e15, 1e15 + 2, 9_007_199_254_740_992.0, 1e18, 12.5, -0.5, 1e-9, 9.3e18, 1e300 })
	void countsANumericCellAsItsDecimalStringDoes(double number) {
		Cell cell = new Cell(3, Double.toString(number), number, "General", false);
		Object expected;
		BigDecimal exact = BigDecimal.valueOf(number).stripTrailingZeros();
		if (exact.scale() <= 0 && exact.compareTo(BigDecimal.valueOf(NumberParser.MAX_COUNT)) > 0) {
			expected = "more than 100,000,000, which no election has";
		}
		else {
			try {
				expected = exact.longValueExact();
			}
			catch (ArithmeticException ex) {
				expected = "not a whole number";
			}
		}
		Object actual;
		try {
			actual = NumberParser.count(cell);
		}
		catch (NotANumberException ex) {
			actual = ex.getMessage();
		}
		assertThat(actual).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(doubles = { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY })
	void rejectsANumericCellThatHoldsNoNumber(double number) {
		Cell cell = new Cell(3, Double.toString(number), number, "General", false);
		assertThatThrownBy(() -> NumberParser.count(cell)).isInstanceOf(NotANumberException.class)
			.hasMessage("not a number (" + number + ")");
		assertThatThrownBy(() -> NumberParser.percent(cell)).isInstanceOf(NotANumberException.class)
			.hasMessage("not a number (" + number + ")");
	}

	@Test
	void rejectsACountNoElectionCanHave() throws NotANumberException {
		assertThat(NumberParser.count(Cell.text(0, "100,000,000"))).isEqualTo(100_000_000L);
		assertThatThrownBy(() -> NumberParser.count(Cell.text(0, "100,000,001"))).isInstanceOf(NotANumberException.class)
			.hasMessage("more than 100,000,000, which no election has");
		assertThatThrownBy(() -> NumberParser.count(Cell.text(0, "99999999999999999999999")))
			.isInstanceOf(NotANumberException.class)
			.hasMessage("more than 100,000,000, which no election has");
		assertThatThrownBy(() -> NumberParser.count(new Cell(0, "1E+12", 1e12, "General", false)))
			.isInstanceOf(NotANumberException.class)
			.hasMessage("more than 100,000,000, which no election has");
	}

	@Test
	void rejectsAPercentageBeyondAThousand() throws NotANumberException {
		assertThat(NumberParser.percent(Cell.text(0, "1000%")).value()).isEqualByComparingTo("1000");
		assertThatThrownBy(() -> NumberParser.percent(Cell.text(0, "1000.5%"))).isInstanceOf(NotANumberException.class)
			.hasMessage("beyond ±1,000%, which no turnout or share can be");
		assertThatThrownBy(() -> NumberParser.percent(new Cell(0, "1E+20%", 1e18, "0.00%", false)))
			.isInstanceOf(NotANumberException.class)
			.hasMessage("beyond ±1,000%, which no turnout or share can be");
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("counts")
	void readsCounts(String what, Cell cell, long expected) throws NotANumberException {
		assertThat(NumberParser.count(cell)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "[{index}] \"{0}\"")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			"46,169"      | 46169
			" 46169 "     | 46169
			"46 169"      | 46169
			"46\u00A0169" | 46169
			""")
	void readsCountsWrittenAsCsvText(String text, long expected) throws NotANumberException {
		assertThat(NumberParser.count(text)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			"12.5"     | not a whole number
			"46,169.5" | not a whole number
			"abc"      | not a number
			"n/a"      | not a number
			"12a"      | not a number
			"1e5"      | not a number
			"-"        | not a number
			"65%"      | not a number
			""")
	void rejectsTextThatIsNotACount(String text, String reason) {
		assertThatThrownBy(() -> NumberParser.count(Cell.text(0, text))).isInstanceOf(NotANumberException.class)
			.hasMessage(reason);
	}

	@Test
	void rejectsANumericCellThatIsNotWhole() {
		assertThatThrownBy(() -> NumberParser.count(new Cell(0, "12.5", 12.5, "General", false)))
			.isInstanceOf(NotANumberException.class)
			.hasMessage("not a whole number");
		assertThatThrownBy(() -> NumberParser.count(new Cell(0, "12.5", 12.5, "General", true)))
			.isInstanceOf(NotANumberException.class)
			.hasMessage("not a whole number");
	}

	@ParameterizedTest(name = "[{index}] blank \"{0}\"")
	@NullSource
	@ValueSource(strings = { "", " ", "   ", "\t" })
	void aBlankIsNotZeroButNull(String text) throws NotANumberException {
		assertThat(NumberParser.count(text == null ? null : Cell.text(0, text))).isNull();
		assertThat(NumberParser.count(text)).isNull();
		assertThat(NumberParser.percent(text == null ? null : Cell.text(0, text))).isNull();
		assertThat(NumberParser.percent(text)).isNull();
	}

	static Stream<Arguments> percentages() {
		return Stream.of(
				Arguments.of("fraction formatted 0.00%", new Cell(1, "65.39%", 0.6539, "0.00%", false), "65.39", 2),
				Arguments.of("fraction formatted 0.0%", new Cell(1, "65.4%", 0.654, "0.0%", false), "65.4", 1),
				Arguments.of("fraction formatted 0%", new Cell(1, "65%", 0.65, "0%", false), "65", 0),
				Arguments.of("formula's cached fraction, 0.00%", new Cell(1, "65.39%", 0.6539, "0.00%", true), "65.39", 2),
				Arguments.of("General 65.39", new Cell(1, "65.39", 65.39, "General", false), "65.39", 2),
				Arguments.of("General 65.4", new Cell(1, "65.4", 65.4, "General", false), "65.4", 1),
				Arguments.of("General 65", new Cell(1, "65", 65.0, "General", false), "65.0", 0),
				Arguments.of("no format at all 65.39", new Cell(1, "65.39", 65.39, null, false), "65.39", 2),
				Arguments.of("number format 0.0", new Cell(1, "65.4", 65.4, "0.0", false), "65.4", 1),
				Arguments.of("number format 0.000", new Cell(1, "65.390", 65.39, "0.000", false), "65.39", 3),
				Arguments.of("text 65.4%", Cell.text(1, "65.4%"), "65.4", 1),
				Arguments.of("text 65.39%", Cell.text(1, "65.39%"), "65.39", 2),
				Arguments.of("text 65.39 % with a space", Cell.text(1, " 65.39 %"), "65.39", 2),
				Arguments.of("text 65.390", Cell.text(1, "65.390"), "65.390", 3),
				Arguments.of("text 65", Cell.text(1, "65"), "65", 0));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("percentages")
	void readsPercentagesWithTheDecimalsAPersonSees(String what, Cell cell, String value, int decimals)
			throws NotANumberException {
		Parsed parsed = NumberParser.percent(cell);
		assertThat(parsed.value()).isEqualTo(new BigDecimal(value));
		assertThat(parsed.decimals()).isEqualTo(decimals);
	}

	@Test
	void readsPercentagesWrittenAsCsvText() throws NotANumberException {
		assertThat(NumberParser.percent("65.4%")).isEqualTo(new Parsed(new BigDecimal("65.4"), 1));
		assertThat(NumberParser.percent("65.39")).isEqualTo(new Parsed(new BigDecimal("65.39"), 2));
	}

	@ParameterizedTest(name = "[{index}] \"{0}\"")
	@ValueSource(strings = { "abc", "65..4%", "%", "sixty-five" })
	void rejectsTextThatIsNotAPercentage(String text) {
		assertThatThrownBy(() -> NumberParser.percent(Cell.text(0, text))).isInstanceOf(NotANumberException.class)
			.hasMessage("not a percentage");
	}

	@ParameterizedTest(name = "[{index}] \"{0}\" shows {1} decimals")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			"0.00%"            | 2
			"0.0%"             | 1
			"0%"               | 0
			"#,##0"            | 0
			"#,##0.0"          | 1
			"0.00;[Red]-0.00"  | 2
			"General"          | 0
			""")
	void formatDecimalsCountsTheDigitsAfterThePoint(String format, int decimals) {
		assertThat(NumberParser.formatDecimals(format)).isEqualTo(decimals);
	}
}
