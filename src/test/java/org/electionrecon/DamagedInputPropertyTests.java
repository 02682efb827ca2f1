package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.electionrecon.ingest.ConstituencyDirectory;
import org.electionrecon.ingest.IngestFixtures;
import org.electionrecon.ingest.ParseContext;
import org.electionrecon.ingest.PartyNames;
import org.electionrecon.ingest.SourceKind;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.Finding;
import org.electionrecon.model.RejectedRow;
import org.electionrecon.model.SourceFile;
import org.electionrecon.sample.SampleInputGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Randomly damaged copies of valid workbooks and CSV files (truncated, bytes flipped, cells blanked
 * or retyped) go through the readers: no crash, no hang, and for every file rows read = accepted +
 * rejected + out of scope, with one Rejected rows entry per rejected row.
 */
class DamagedInputPropertyTests {

	private static final int CASES = 24;

	@TempDir
	static Path sample;

	private static List<Constituency> register;

	@BeforeAll
	static void generateTheSample() throws IOException {
		new SampleInputGenerator().generate(SampleInputGenerator.Spec.sample(), sample);
		register = new ArrayList<>();
		for (String line : Files.readAllLines(sample.resolve("register/register.csv")).subList(1, 15)) {
			String[] f = line.split(",", -1);
			register.add(new Constituency(f[0], f[1].replace("\"", ""), f[2], f[3], f[4], List.of()));
		}
	}

	static Stream<Long> seeds() {
		return Stream.iterate(1L, s -> s + 1).limit(CASES);
	}

	@ParameterizedTest(name = "damage seed {0}")
	@MethodSource("seeds")
	void shouldConserveEveryRowOfDamagedInputs(long seed, @TempDir Path input) throws Exception {
		copyFolder(sample, input);
		Random random = new Random(seed);
		List<Path> damaged = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			damaged.add(damage(pick(input, random), random));
		}

		List<Object> records = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> readAll(input));

		Map<String, SourceFile> files = new HashMap<>();
		Map<String, Integer> rejected = new HashMap<>();
		for (Object record : records) {
			if (record instanceof SourceFile file) {
				assertThat(files.put(file.file(), file)).as("one provenance row per file").isNull();
			}
			if (record instanceof RejectedRow row) {
				rejected.merge(row.file(), 1, Integer::sum);
			}
			if (record instanceof Finding finding) {
				assertThat(finding.message()).doesNotContain("Exception");
			}
		}
		assertThat(files).hasSize(14);
		for (SourceFile file : files.values()) {
			assertThat(file.rowsRead()).as(file.file())
				.isEqualTo(file.rowsAccepted() + file.rowsRejected() + file.rowsOutOfScope());
			assertThat(rejected.getOrDefault(file.file(), 0)).as(file.file()).isEqualTo((int) file.rowsRejected());
		}
	}

	private static List<Object> readAll(Path input) throws Exception {
		ParseContext context = new ParseContext(new ConstituencyDirectory(register), PartyNames.defaults(), Map.of());
		return new ArrayList<>(IngestFixtures.records(IngestFixtures.readAll(input, context,
				List.of(SourceKind.VERIFICATION, SourceKind.DECLARATIONS, SourceKind.NOTIONAL))));
	}

	private static Path pick(Path input, Random random) throws IOException {
		List<Path> files = new ArrayList<>();
		for (String folder : List.of("verification", "declarations", "notional")) {
			try (Stream<Path> list = Files.list(input.resolve(folder))) {
				list.sorted().forEach(files::add);
			}
		}
		return files.get(random.nextInt(files.size()));
	}

	/** One of: truncate, flip bytes, blank or retype cells (workbooks) or fields (CSV). */
	private static Path damage(Path file, Random random) throws IOException {
		byte[] bytes = Files.readAllBytes(file);
		switch (random.nextInt(3)) {
			case 0 -> Files.write(file, java.util.Arrays.copyOf(bytes, random.nextInt(Math.max(1, bytes.length))));
			case 1 -> {
				for (int i = 0; i < 1 + random.nextInt(8); i++) {
					bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
				}
				Files.write(file, bytes);
			}
			default -> {
				if (file.toString().endsWith(".xlsx")) {
					retypeCells(file, random);
				}
				else {
					retypeFields(file, random);
				}
			}
		}
		return file;
	}

	private static void retypeCells(Path file, Random random) throws IOException {
		try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			for (int i = 0; i < 6; i++) {
				Sheet sheet = workbook.getSheetAt(random.nextInt(workbook.getNumberOfSheets()));
				Row row = sheet.getRow(random.nextInt(sheet.getLastRowNum() + 1));
				if (row == null || row.getLastCellNum() <= 0) {
					continue;
				}
				Cell cell = row.getCell(random.nextInt(row.getLastCellNum()), Row.MissingCellPolicy.CREATE_NULL_AS_BLANK);
				switch (random.nextInt(4)) {
					case 0 -> cell.setBlank();
					case 1 -> cell.setCellValue("n/a");
					case 2 -> cell.setCellValue("1,2 3");
					default -> cell.setCellValue(-random.nextInt(1000));
				}
			}
			try (OutputStream out = Files.newOutputStream(file)) {
				workbook.write(out);
			}
		}
	}

	private static void retypeFields(Path file, Random random) throws IOException {
		List<String> lines = new ArrayList<>(List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n", -1)));
		for (int i = 0; i < 6; i++) {
			int index = 1 + random.nextInt(Math.max(1, lines.size() - 1));
			if (index >= lines.size()) {
				continue;
			}
			String[] fields = lines.get(index).split(",", -1);
			int field = random.nextInt(fields.length);
			fields[field] = switch (random.nextInt(3)) {
				case 0 -> "";
				case 1 -> "twelve";
				default -> "\"" + fields[field];
			};
			lines.set(index, String.join(",", fields));
		}
		Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);
	}

	private static void copyFolder(Path from, Path to) throws IOException {
		try (Stream<Path> walk = Files.walk(from)) {
			for (Path source : (Iterable<Path>) walk::iterator) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}
}
