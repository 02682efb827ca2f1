package org.electionrecon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.BoxType;
import org.electionrecon.model.SourceFile;
import org.electionrecon.model.Staged;
import org.electionrecon.model.StatedFigure;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Workbooks written by LibreOffice Calc rather than by POI (see fixtures/libreoffice/README.md):
 * the same values and cells whether saved as .xlsx or as legacy .xls.
 */
class LibreOfficeWorkbooksTests {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "stafford-libreoffice.xlsx", "stafford-libreoffice.xls" })
	void shouldReadEveryHabitOfTheWorkbook(String fileName, @TempDir Path input) throws Exception {
		Files.createDirectories(input.resolve("verification"));
		try (InputStream in = getClass().getResourceAsStream("/fixtures/libreoffice/" + fileName)) {
			Files.copy(in, input.resolve("verification").resolve(fileName));
		}
		String sheet = "'verification/[" + fileName + "]Stafford'!";

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		assertThat(IngestFixtures.only(records, BallotBox.class)).containsExactly(
				new BallotBox(IngestFixtures.STAFFORD, "B001", "St Mark's Church Hall (SH1)", BoxType.POLLING_STATION, 470,
						469, sheet + "D8", sheet + "E8"),
				new BallotBox(IngestFixtures.STAFFORD, "B002", "Castle Community Centre (SH2)", BoxType.POLLING_STATION,
						1210, 1210, sheet + "D9", sheet + "E9"),
				new BallotBox(IngestFixtures.STAFFORD, "PV01", "Postal votes - opening session 1", BoxType.POSTAL, 900, 900,
						sheet + "D10", sheet + "E10"));
		assertThat(IngestFixtures.only(records, StatedFigure.class))
			.extracting(StatedFigure::kind, f -> f.value().stripTrailingZeros(), StatedFigure::decimals,
					StatedFigure::source)
			.containsExactly(
					tuple(StatedFigure.Kind.ELECTORATE, new BigDecimal("70608").stripTrailingZeros(), 0, sheet + "B4"),
					tuple(StatedFigure.Kind.TURNOUT, new BigDecimal("65.39"), 2, sheet + "B5"),
					// the Total row's SUM formula, read as the value LibreOffice stored, never evaluated: 2,110,
					// because a spreadsheet's SUM skips the "469" typed as text (the job reports that as a
					// VERIFIED_TOTAL_MISMATCH against the boxes' 2,579)
					tuple(StatedFigure.Kind.VERIFIED_TOTAL_ROW, new BigDecimal("2110").stripTrailingZeros(), 0,
							sheet + "E11"));
		SourceFile provenance = IngestFixtures.only(records, SourceFile.class).get(0);
		assertThat(provenance.rowsRead()).isEqualTo(4);
		assertThat(provenance.rowsAccepted()).isEqualTo(4);
		assertThat(provenance.notes()).isEqualTo("sheet 'Cover' skipped: no verification statement table in its first"
				+ " 30 rows; hidden sheet 'Notes' ignored");
	}
}
