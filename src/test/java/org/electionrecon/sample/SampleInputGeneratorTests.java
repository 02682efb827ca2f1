package org.electionrecon.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.electionrecon.sample.SampleInputGenerator.Spec;
import org.electionrecon.sample.SampleInputGenerator.Summary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleInputGeneratorTests {

	static final String STAFFORD = "E14001513";
	static final String STOKE_CENTRAL = "E14001520";
	static final String LICHFIELD = "E14001335";
	static final String CONGLETON = "E14001178";

	static final Set<String> SAMPLE_CODES = Set.of("E14001143", "E14001150", "E14001178", "E14001185", "E14001316",
			"E14001335", "E14001380", "E14001513", "E14001514", "E14001520", "E14001521", "E14001522", "E14001523",
			"E14001538");

	@TempDir
	static Path sampleDir;

	static Summary sampleSummary;

	/** HoC constituency file: code -> [name, electorate, valid, invalid]. */
	static Map<String, String[]> hoc;

	@BeforeAll
	static void generateSample() throws IOException {
		sampleSummary = new SampleInputGenerator().generate(Spec.sample(), sampleDir);
		hoc = new HashMap<>();
		for (CSVRecord r : parse(resource(SampleInputGenerator.CONSTITUENCY_RESOURCE))) {
			hoc.put(r.get("ONS ID"), new String[] { r.get("Constituency name"), r.get("Electorate"),
					r.get("Valid votes"), r.get("Invalid votes") });
		}
	}

	/** The sample's verification workbooks. */
	@Nested
	class SampleVerificationWorkbooks {

		@Test
		void sampleHasElevenVerificationWorkbooksWithTheExpectedNames() throws IOException {
			assertThat(fileNames(sampleDir.resolve("verification"))).containsExactlyInAnyOrder(
					"stoke-on-trent-city-council.xlsx", "cheshire-east-council.xlsx", "burton-and-uttoxeter.xlsx",
					"cannock-chase.xlsx", "kingswinford-and-south-staffordshire.xlsx", "lichfield.xlsx",
					"newcastle-under-lyme.xlsx", "stafford.xlsx", "staffordshire-moorlands.xlsx",
					"stone-great-wyrley-and-penkridge.xlsx", "tamworth.xlsx");
			assertThat(sampleSummary.workbooks()).isEqualTo(11);
			assertThat(sampleSummary.constituencies()).isEqualTo(14);
		}

		@Test
		void councilWorkbooksHoldTheirSeatsInOrderWithTitles() throws IOException {
			Map<String, SheetData> stoke = read(sampleDir.resolve("verification/stoke-on-trent-city-council.xlsx"));
			assertThat(stoke.keySet()).containsExactly("Stoke-on-Trent Central", "Stoke-on-Trent North",
					"Stoke-on-Trent South");
			assertThat(stoke.values()).allSatisfy(s -> assertThat(s.text(0, 0)).isEqualTo("Stoke-on-Trent City Council"));
			Map<String, SheetData> cheshire = read(sampleDir.resolve("verification/cheshire-east-council.xlsx"));
			assertThat(cheshire.keySet()).containsExactly("Congleton", "Crewe and Nantwich");
			assertThat(cheshire.get("Congleton").text(0, 0)).isEqualTo("Cheshire East Council");
			Map<String, SheetData> stafford = read(sampleDir.resolve("verification/stafford.xlsx"));
			assertThat(stafford.get("Stafford").text(0, 0)).isEqualTo("Acting Returning Officer, Stafford");
			// Excel's 31-character limit: names are cut, the full name is in B4
			SheetData kingswinford = read(sampleDir.resolve("verification/kingswinford-and-south-staffordshire.xlsx"))
					.get("Kingswinford and South Stafford");
			assertThat(kingswinford).isNotNull();
			assertThat(kingswinford.text(3, 1)).isEqualTo("Kingswinford and South Staffordshire");
			SheetData stone = read(sampleDir.resolve("verification/stone-great-wyrley-and-penkridge.xlsx"))
					.get("Stone, Great Wyrley and Penkrid");
			assertThat(stone).isNotNull();
			assertThat(stone.text(3, 1)).isEqualTo("Stone, Great Wyrley and Penkridge");
		}

		@Test
		void everySheetHasTheExactLayout() throws IOException {
			for (SheetData s : allSheets(sampleDir).values()) {
				assertThat(s.text(1, 0))
						.isEqualTo("Verification statement - UK Parliamentary general election, 4 July 2024");
				assertThat(s.merged).contains("A1:E1", "A2:E2");
				assertThat(s.rows.get(2)).isEmpty();
				assertThat(s.text(3, 0)).isEqualTo("Constituency");
				assertThat(s.text(4, 0)).isEqualTo("Electorate");
				assertThat(s.text(5, 0)).isEqualTo("Total ballot papers verified");
				assertThat(s.text(6, 0)).isEqualTo("Turnout");
				assertThat(s.rows.get(7)).isEmpty();
				assertThat(s.rows.get(8)).containsExactly("Box no", "Polling station", "Type", "Ballot papers issued",
						"Ballot papers verified");
				assertThat(s.formats.get("B5")).isEqualTo("#,##0");
				assertThat(s.formats.get("B6")).isEqualTo("#,##0");
				assertThat(s.formats.get("B7")).isEqualTo("0.00%");
				assertThat(s.formulas).isZero();

				String code = codeOf(s.text(3, 1));
				String[] h = hoc.get(code);
				long verified = Spec.sample().verifiedOverrides().getOrDefault(code,
						Long.parseLong(h[2]) + Long.parseLong(h[3]));
				assertThat(s.number(4, 1)).isEqualTo(Double.parseDouble(h[1]));
				assertThat(s.number(5, 1)).isEqualTo(verified);
				assertThat(s.number(6, 1)).isEqualTo(Math.round(10_000.0 * verified / Long.parseLong(h[1])) / 10_000.0);

				List<BoxRow> boxes = s.boxes();
				assertThat(boxes).hasSizeBetween(24, 36);
				assertThat(boxes.stream().mapToLong(BoxRow::verified).sum()).isEqualTo(verified);
				List<Object> total = s.rows.get(9 + boxes.size());
				assertThat(total.get(0)).isEqualTo("Total");
				assertThat(total.get(3)).isEqualTo((double) boxes.stream().mapToLong(BoxRow::issued).sum());
				assertThat(total.get(4)).isEqualTo((double) verified);
				assertThat(s.rows).hasSize(10 + boxes.size());

				List<BoxRow> polling = boxes.stream().filter(b -> b.type.equals("Polling station")).toList();
				List<BoxRow> postal = boxes.stream().filter(b -> b.type.equals("Postal")).toList();
				assertThat(polling.size() + postal.size()).isEqualTo(boxes.size());
				assertThat(postal).isNotEmpty();
				assertThat((double) polling.size() / boxes.size()).isBetween(0.7, 0.9);
				for (int i = 0; i < polling.size(); i++) {
					assertThat(boxes.get(i)).isSameAs(polling.get(i));
					assertThat(polling.get(i).ref).isEqualTo(String.format("B%03d", i + 1));
					assertThat(polling.get(i).station).matches("[A-Za-z' ]+ \\([A-Z]{2,3}\\d+\\)");
					assertThat(polling.get(i).verified).isBetween(200L, 900L);
				}
				for (int j = 0; j < postal.size(); j++) {
					assertThat(postal.get(j).ref).isEqualTo(String.format("PV%02d", j + 1));
					assertThat(postal.get(j).station).startsWith("Postal votes - opening session ");
					assertThat(postal.get(j).verified).isGreaterThan(900L);
				}
			}
		}

		@Test
		void staffordBoxesSumToTheAnnouncedTotal() throws IOException {
			SheetData stafford = read(sampleDir.resolve("verification/stafford.xlsx")).get("Stafford");
			assertThat(stafford.boxes().stream().mapToLong(BoxRow::verified).sum()).isEqualTo(46_169L);
			assertThat(stafford.number(5, 1)).isEqualTo(46_169d);
			assertThat(stafford.number(6, 1)).isEqualTo(0.6539);
		}

		@Test
		void exactlyTheFourPlantedVariancesExist() throws IOException {
			Map<String, List<BoxRow>> varied = new TreeMap<>();
			Map<String, SheetData> sheets = allSheets(sampleDir);
			for (SheetData s : sheets.values()) {
				List<BoxRow> boxes = s.boxes();
				List<BoxRow> off = boxes.stream().filter(b -> b.issued != b.verified).toList();
				if (!off.isEmpty()) {
					varied.put(codeOf(s.text(3, 1)), off);
				}
			}
			assertThat(varied.keySet()).containsExactlyInAnyOrder(STAFFORD, STOKE_CENTRAL, LICHFIELD, CONGLETON);

			assertThat(varied.get(STAFFORD)).singleElement().satisfies(b -> {
				assertThat(b.type).isEqualTo("Polling station");
				assertThat(b.verified - b.issued).isEqualTo(-1);
			});
			assertThat(varied.get(STOKE_CENTRAL)).singleElement().satisfies(b -> {
				assertThat(b.type).isEqualTo("Polling station");
				assertThat(b.verified - b.issued).isEqualTo(6);
			});
			assertThat(varied.get(CONGLETON)).singleElement().satisfies(b -> {
				assertThat(b.type).isEqualTo("Postal");
				assertThat(b.verified - b.issued).isEqualTo(-3);
			});

			List<BoxRow> pair = varied.get(LICHFIELD);
			assertThat(pair).hasSize(2);
			assertThat(pair).extracting(b -> b.verified - b.issued).containsExactly(2L, -2L);
			assertThat(pair.get(0).station).isEqualTo(pair.get(1).station);
			SheetData lichfield = read(sampleDir.resolve("verification/lichfield.xlsx")).get("Lichfield");
			List<BoxRow> boxes = lichfield.boxes();
			String firstTwoBoxStation = boxes.stream()
					.filter(b -> b.type.equals("Polling station"))
					.filter(b -> boxes.stream().filter(o -> o.station.equals(b.station)).count() == 2)
					.findFirst().orElseThrow().station;
			assertThat(pair.get(0).station).isEqualTo(firstTwoBoxStation);

			// single-box variances sit in stations with one box, so they cannot look like a pair
			for (String code : List.of(STAFFORD, STOKE_CENTRAL)) {
				BoxRow b = varied.get(code).get(0);
				SheetData s = sheets.values().stream().filter(x -> codeOf(x.text(3, 1)).equals(code))
						.findFirst().orElseThrow();
				assertThat(s.boxes().stream().filter(o -> o.station.equals(b.station))).hasSize(1);
			}
		}

	}

	/** The sample's register and copied CSVs. */
	@Nested
	class SampleRegisterAndCopies {

		@Test
		void registerHasTheFourteenSeats() throws IOException {
			byte[] bytes = Files.readAllBytes(sampleDir.resolve("register/register.csv"));
			assertThat(bytes[0]).isNotEqualTo((byte) 0xEF); // no BOM
			List<CSVRecord> rows = parse(bytes);
			assertThat(rows).hasSize(14);
			assertThat(rows.get(0).getParser().getHeaderNames())
					.containsExactly("code", "name", "region", "county", "area", "aliases");
			assertThat(rows).extracting(r -> r.get("code")).containsExactlyInAnyOrderElementsOf(SAMPLE_CODES);
			assertThat(rows).allSatisfy(r -> {
				assertThat(r.get("area")).isEqualTo("Staffordshire and Cheshire");
				assertThat(r.get("name")).isEqualTo(hoc.get(r.get("code"))[0]);
			});
			Map<String, CSVRecord> byCode = rows.stream().collect(Collectors.toMap(r -> r.get("code"), r -> r));
			assertThat(byCode.get(CONGLETON).get("county")).isEqualTo("Cheshire");
			assertThat(byCode.get("E14001185").get("county")).isEqualTo("Cheshire");
			assertThat(byCode.get("E14001185").get("region")).isEqualTo("North West");
			assertThat(byCode.get(STAFFORD).get("county")).isEqualTo("Staffordshire");
			assertThat(byCode.get(STAFFORD).get("region")).isEqualTo("West Midlands");
			assertThat(byCode.get("E14001523").get("name")).isEqualTo("Stone, Great Wyrley and Penkridge");
			assertThat(byCode.get("E14001380").get("aliases")).isEqualTo("Newcastle-Under-Lyme");
			assertThat(byCode.get(STOKE_CENTRAL).get("aliases")).isEqualTo("Stoke-On-Trent Central");
			assertThat(rows.stream().filter(r -> !r.get("aliases").isEmpty())).hasSize(4);
		}

		@Test
		void declarationsAndNotionalAreVerbatimCopiesOfTheSelectedLines() throws IOException {
			assertVerbatim(sampleDir.resolve("declarations/HoC-GE2024-results-by-constituency.csv"),
					SampleInputGenerator.CONSTITUENCY_RESOURCE, SAMPLE_CODES, 14);
			assertVerbatim(sampleDir.resolve("declarations/HoC-GE2024-results-by-candidate.csv"),
					SampleInputGenerator.CANDIDATE_RESOURCE, SAMPLE_CODES, 90);
			assertVerbatim(sampleDir.resolve("notional/RallingsThrasher-2019-notional-results-2024-boundaries.csv"),
					SampleInputGenerator.NOTIONAL_RESOURCE, SAMPLE_CODES, 14);
			assertThat(fileNames(sampleDir.resolve("declarations"))).hasSize(2);
			assertThat(fileNames(sampleDir.resolve("notional"))).hasSize(1);
			// the candidate file keeps its BOM, the notional file its CRLF and quoted header
			assertThat(Arrays.copyOf(Files.readAllBytes(
					sampleDir.resolve("declarations/HoC-GE2024-results-by-candidate.csv")), 3))
					.containsExactly(0xEF, 0xBB, 0xBF);
			String notional = Files.readString(
					sampleDir.resolve("notional/RallingsThrasher-2019-notional-results-2024-boundaries.csv"));
			assertThat(notional).contains("\"\"\"turnout\"\"\"").endsWith("\r\n");
		}

	}

	/** Determinism and folder handling. */
	@Nested
	class Reproducibility {

		@Test
		void generatingTwiceGivesIdenticalValues(@TempDir Path again) throws IOException {
			new SampleInputGenerator().generate(Spec.sample(), again);
			Map<String, SheetData> first = allSheets(sampleDir);
			Map<String, SheetData> second = allSheets(again);
			assertThat(second.keySet()).isEqualTo(first.keySet());
			for (String key : first.keySet()) {
				assertThat(second.get(key).rows).as(key).isEqualTo(first.get(key).rows);
			}
			for (String f : List.of("register/register.csv", "declarations/HoC-GE2024-results-by-constituency.csv",
					"declarations/HoC-GE2024-results-by-candidate.csv",
					"notional/RallingsThrasher-2019-notional-results-2024-boundaries.csv")) {
				assertThat(Files.readAllBytes(again.resolve(f))).as(f).isEqualTo(Files.readAllBytes(sampleDir.resolve(f)));
			}
		}

		@Test
		void anotherSeedGivesOtherBoxesButTheSameTotals(@TempDir Path other) throws IOException {
			new SampleInputGenerator().generate(Spec.sample(7), other);
			SheetData a = read(sampleDir.resolve("verification/stafford.xlsx")).get("Stafford");
			SheetData b = read(other.resolve("verification/stafford.xlsx")).get("Stafford");
			assertThat(b.rows).isNotEqualTo(a.rows);
			assertThat(b.boxes().stream().mapToLong(BoxRow::verified).sum()).isEqualTo(46_169L);
		}

	}

	/** Presets and naming helpers. */
	@Nested
	class PresetsAndHelpers {

		@Test
		void presetsAndValidation() {
			assertThat(Spec.preset("sample", 1).codes()).hasSize(14);
			assertThat(Spec.preset("SAMPLE", 1).seed()).isEqualTo(1);
			assertThat(Spec.sample().seed()).isEqualTo(SampleInputGenerator.DEFAULT_SEED);
			assertThat(Spec.preset("national", 3)).isEqualTo(Spec.national(3));
			Spec million = Spec.preset("million", 3);
			assertThat(million.codes()).isEmpty();
			assertThat(million.variances()).isEmpty();
			double expected = 650 * (million.minBoxes() + million.maxBoxes()) / 2.0;
			assertThat(expected).isBetween(990_000.0, 1_010_000.0);
			assertThatThrownBy(() -> Spec.preset("huge", 1)).isInstanceOf(IllegalArgumentException.class);
			assertThatThrownBy(() -> new SampleInputGenerator().generate(
					new Spec("bad", null, Set.of("E99999999"), 2, 3, 1, Map.of(), List.of(),
							SampleInputGenerator.CouncilGrouping.regionCounts(), null, null),
					Path.of("/nonexistent-should-not-be-created")))
					.isInstanceOf(IllegalArgumentException.class);
		}

		@Test
		void sheetNamesAndSlugs() {
			assertThat(SampleInputGenerator.slug("Stone, Great Wyrley and Penkridge"))
					.isEqualTo("stone-great-wyrley-and-penkridge");
			assertThat(SampleInputGenerator.slug("Ynys Môn")).isEqualTo("ynys-mon");
			assertThat(SampleInputGenerator.sheetName("A/B [x]: y*?\\")).isEqualTo("AB x y");
			assertThat(SampleInputGenerator.sheetName("Kingswinford and South Staffordshire"))
					.isEqualTo("Kingswinford and South Stafford").hasSize(31);
		}

		@Test
		void boxSizesAlwaysSumExactly() {
			for (long total : new long[] { 0, 1, 17, 39_780, 1_000_003 }) {
				long[] parts = BoxPlanner.apportion(total, new double[] { 1, 2.5, 3, 0.1, 7 });
				assertThat(Arrays.stream(parts).sum()).isEqualTo(total);
				assertThat(Arrays.stream(parts).min().orElse(0)).isNotNegative();
			}
		}

	}

	/** The national preset. */
	@Nested
	class National {

		@Test
		void nationalCoversAll650SeatsWithExactTotals(@TempDir Path dir) throws IOException {
			Summary summary = new SampleInputGenerator().generate(Spec.national(11), dir);
			List<CSVRecord> register = parse(Files.readAllBytes(dir.resolve("register/register.csv")));
			assertThat(register).hasSize(650);
			assertThat(register).allSatisfy(r -> {
				assertThat(r.get("area")).isEqualTo(r.get("region")).isNotEmpty();
				assertThat(r.get("county")).isEmpty();
				assertThat(r.get("aliases")).isEmpty();
			});
			assertVerbatim(dir.resolve("declarations/HoC-GE2024-results-by-constituency.csv"),
					SampleInputGenerator.CONSTITUENCY_RESOURCE, hoc.keySet(), 650);
			assertVerbatim(dir.resolve("declarations/HoC-GE2024-results-by-candidate.csv"),
					SampleInputGenerator.CANDIDATE_RESOURCE, hoc.keySet(), 4515);

			long boxes = 0;
			Map<String, Long> verifiedByCode = new HashMap<>();
			List<String> files = fileNames(dir.resolve("verification"));
			for (String f : files) {
				assertThat(f).matches("[a-z-]+-count-\\d{2}\\.xlsx");
				Map<String, SheetData> sheets = read(dir.resolve("verification").resolve(f));
				assertThat(sheets).hasSizeBetween(1, 3);
				for (SheetData s : sheets.values()) {
					assertThat(s.text(0, 0)).matches(".+ count \\d{2}");
					List<BoxRow> b = s.boxes();
					assertThat(b).hasSizeBetween(40, 90);
					assertThat(b).allSatisfy(x -> assertThat(x.issued).isEqualTo(x.verified));
					boxes += b.size();
					long sum = b.stream().mapToLong(BoxRow::verified).sum();
					assertThat(s.number(5, 1)).isEqualTo((double) sum);
					assertThat(verifiedByCode.put(codeOf(s.text(3, 1)), sum)).isNull();
				}
			}
			assertThat(verifiedByCode).hasSize(650);
			verifiedByCode.forEach((code, sum) -> assertThat(sum).as(code)
					.isEqualTo(Long.parseLong(hoc.get(code)[2]) + Long.parseLong(hoc.get(code)[3])));
			assertThat(boxes).isBetween(40L * 650, 90L * 650).isEqualTo(summary.boxes());
			assertThat(summary.workbooks()).isEqualTo(files.size());
		}

	}

	// ---------------------------------------------------------------- helpers

	record BoxRow(String ref, String station, String type, long issued, long verified) {
	}

	static final class SheetData {
		final List<List<Object>> rows = new ArrayList<>();
		final Set<String> merged = new java.util.HashSet<>();
		final Map<String, String> formats = new HashMap<>();
		int formulas;

		String text(int row, int col) {
			Object v = row < rows.size() && col < rows.get(row).size() ? rows.get(row).get(col) : null;
			return v instanceof String s ? s : null;
		}

		double number(int row, int col) {
			return (Double) rows.get(row).get(col);
		}

		List<BoxRow> boxes() {
			List<BoxRow> out = new ArrayList<>();
			for (int r = 9; r < rows.size() && !"Total".equals(text(r, 0)); r++) {
				List<Object> row = rows.get(r);
				out.add(new BoxRow((String) row.get(0), (String) row.get(1), (String) row.get(2),
						(long) (double) (Double) row.get(3), (long) (double) (Double) row.get(4)));
			}
			return out;
		}
	}

	/** Sheets by name, in workbook order; cells as String or Double, blank rows as empty lists. */
	static Map<String, SheetData> read(Path file) throws IOException {
		Map<String, SheetData> out = new LinkedHashMap<>();
		try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(file))) {
			for (Sheet sheet : wb) {
				SheetData data = new SheetData();
				for (CellRangeAddress m : sheet.getMergedRegions()) {
					data.merged.add(m.formatAsString());
				}
				for (int r = 0; r <= sheet.getLastRowNum(); r++) {
					Row row = sheet.getRow(r);
					List<Object> values = new ArrayList<>();
					if (row != null) {
						for (int c = 0; c < row.getLastCellNum(); c++) {
							Cell cell = row.getCell(c);
							if (cell == null || cell.getCellType() == CellType.BLANK) {
								values.add(null);
								continue;
							}
							if (cell.getCellType() == CellType.FORMULA) {
								data.formulas++;
							}
							if (cell.getCellType() == CellType.NUMERIC) {
								values.add(cell.getNumericCellValue());
								data.formats.put(cell.getAddress().formatAsString(),
										cell.getCellStyle().getDataFormatString());
							}
							else {
								values.add(cell.getStringCellValue());
							}
						}
					}
					data.rows.add(values);
				}
				out.put(sheet.getSheetName(), data);
			}
		}
		return out;
	}

	/** Every sheet of every verification workbook, keyed "file!sheet". */
	static Map<String, SheetData> allSheets(Path inputDir) throws IOException {
		Map<String, SheetData> out = new TreeMap<>();
		for (String f : fileNames(inputDir.resolve("verification"))) {
			read(inputDir.resolve("verification").resolve(f)).forEach((k, v) -> out.put(f + "!" + k, v));
		}
		return out;
	}

	static String codeOf(String name) {
		return hoc.entrySet().stream().filter(e -> e.getValue()[0].equals(name)).map(Map.Entry::getKey).findFirst()
				.orElseThrow(() -> new AssertionError("no HoC constituency named " + name));
	}

	static List<String> fileNames(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
		}
	}

	static byte[] resource(String name) throws IOException {
		try (InputStream in = SampleInputGeneratorTests.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return in.readAllBytes();
		}
	}

	static List<CSVRecord> parse(byte[] bytes) throws IOException {
		String text = new String(bytes, StandardCharsets.UTF_8);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
				.setAllowDuplicateHeaderNames(true).setAllowMissingColumnNames(true).get();
		try (Reader r = new java.io.StringReader(text); CSVParser p = CSVParser.parse(r, format)) {
			return p.getRecords();
		}
	}

	/** Physical lines (terminators kept) of a byte array. */
	static List<byte[]> lines(byte[] bytes) {
		List<byte[]> out = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				out.add(Arrays.copyOfRange(bytes, start, i + 1));
				start = i + 1;
			}
		}
		if (start < bytes.length) {
			out.add(Arrays.copyOfRange(bytes, start, bytes.length));
		}
		return out;
	}

	/** The file is the source's header line plus exactly its lines for the codes, byte for byte. */
	static void assertVerbatim(Path file, String resourceName, Set<String> codes, int expectedLines)
			throws IOException {
		List<byte[]> source = lines(resource(resourceName));
		java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
		expected.write(source.get(0));
		int n = 0;
		for (byte[] line : source.subList(1, source.size())) {
			String code = new String(line, StandardCharsets.UTF_8);
			// every reference file's code is a 9-character GSS code; find it as a whole field
			for (String c : codes) {
				if (code.startsWith(c + ",") || code.contains("," + c + ",")) {
					expected.write(line);
					n++;
					break;
				}
			}
		}
		assertThat(n).isEqualTo(expectedLines);
		assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
	}
}
