package org.electionrecon.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Builds a reproducible input folder for the job (see docs/inputs.md) from the bundled reference
 * data: the register, the House of Commons Library declarations and the Rallings &amp; Thrasher
 * notional file (selected lines copied verbatim), and synthetic council verification statements
 * whose box-level figures add up exactly to the real ballot papers verified.
 *
 * <p>It writes only into the four generated folders ({@value #REGISTER}, {@value #VERIFICATION},
 * {@value #DECLARATIONS}, {@value #NOTIONAL}) and the list of what it wrote,
 * {@value GeneratedFiles#MARKER}, at the top: a later run replaces exactly those files and never
 * removes or overwrites a file it did not write ({@link GeneratedFiles}).
 *
 * <p>Deterministic: the same {@link Spec} gives the same cell values, whatever the platform. Each
 * constituency's boxes come from a random stream seeded from the spec seed and its code only.
 * Workbooks are streamed with {@link org.apache.poi.xssf.streaming.SXSSFWorkbook}, so memory does
 * not grow with the number of boxes.
 */
public final class SampleInputGenerator {

	public static final long DEFAULT_SEED = 20240704L;

	public static final String REGISTER = "register";
	public static final String VERIFICATION = "verification";
	public static final String DECLARATIONS = "declarations";
	public static final String NOTIONAL = "notional";
	public static final List<String> GENERATED_FOLDERS = List.of(REGISTER, VERIFICATION, DECLARATIONS, NOTIONAL);

	static final String CONSTITUENCY_RESOURCE = "/reference-data/ge2024/HoC-GE2024-results-by-constituency.csv";
	static final String CANDIDATE_RESOURCE = "/reference-data/ge2024/HoC-GE2024-results-by-candidate.csv";
	static final String NOTIONAL_RESOURCE =
			"/reference-data/notional2019/RallingsThrasher-2019-notional-results-2024-boundaries.csv";

	static final String REGISTER_FILE = "register.csv";
	static final String SAMPLE_AREA = "Staffordshire and Cheshire";

	/** What a planted box variance does to the boxes it picks. */
	public enum VarianceKind {
		/** one polling-station box (of a station with a single box) gets the difference */
		POLLING_STATION_BOX,
		/** one postal box gets the difference */
		POSTAL_BOX,
		/**
		 * the first polling station with two boxes: its first box gets +difference, its second
		 * -difference, so the station nets to zero
		 */
		COMPENSATING_PAIR
	}

	/**
	 * A box-level discrepancy planted in a constituency's verification statement. Only "issued"
	 * is changed, so the verified figures still sum to the constituency's total.
	 *
	 * @param difference verified - issued for the box (for a pair: for its first box)
	 */
	public record PlantedVariance(String code, VarianceKind kind, long difference) {

		public PlantedVariance {
			Objects.requireNonNull(code, "code");
			Objects.requireNonNull(kind, "kind");
			if (difference == 0) {
				throw new IllegalArgumentException("a planted variance needs a non-zero difference");
			}
		}
	}

	/** One verification workbook: a council (or counting centre) and the seats it counted, in sheet order. */
	public record Council(String fileName, String title, List<String> codes) {

		public Council {
			Objects.requireNonNull(fileName, "fileName");
			Objects.requireNonNull(title, "title");
			codes = List.copyOf(codes);
		}
	}

	/**
	 * How constituencies are grouped into verification workbooks: the named councils first, then
	 * every constituency not in one of them according to {@code rest}.
	 */
	public record CouncilGrouping(List<Council> councils, Rest rest) {

		public enum Rest {
			/** one workbook per seat, {@code <seat-slug>.xlsx}, titled "Acting Returning Officer, <seat>" */
			ONE_PER_SEAT,
			/**
			 * within each region, seats sorted by name are grouped consecutively into workbooks of 1 to
			 * 3 seats (sizes drawn from the seed), {@code <region-slug>-count-NN.xlsx}, titled
			 * "<Region> count NN"
			 */
			REGION_COUNTS
		}

		public CouncilGrouping {
			councils = List.copyOf(councils);
			Objects.requireNonNull(rest, "rest");
		}

		public static CouncilGrouping regionCounts() {
			return new CouncilGrouping(List.of(), Rest.REGION_COUNTS);
		}
	}

	/**
	 * What to generate.
	 *
	 * @param name              the preset's name, for logs and the README
	 * @param areaName          the register's report area for every seat; {@code null} = each
	 *                          seat's HoC "Region name"
	 * @param codes             the 2024 constituency codes to include; empty = all 650
	 * @param minBoxes          fewest ballot boxes per constituency (at least 2: one polling, one postal)
	 * @param maxBoxes          most ballot boxes per constituency
	 * @param verifiedOverrides code -> ballot papers verified; otherwise HoC valid + invalid votes
	 * @param variances         box variances to plant
	 * @param counties          code -> register county (absent = empty)
	 * @param aliases           code -> register aliases (absent = none)
	 */
	public record Spec(String name, String areaName, Set<String> codes, int minBoxes, int maxBoxes, long seed,
			Map<String, Long> verifiedOverrides, List<PlantedVariance> variances, CouncilGrouping grouping,
			Map<String, String> counties, Map<String, List<String>> aliases) {

		public Spec {
			Objects.requireNonNull(name, "name");
			codes = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(codes));
			verifiedOverrides = Map.copyOf(verifiedOverrides);
			variances = List.copyOf(variances);
			Objects.requireNonNull(grouping, "grouping");
			counties = counties == null ? Map.of() : Map.copyOf(counties);
			aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
			if (minBoxes < 2 || maxBoxes < minBoxes) {
				throw new IllegalArgumentException("need 2 <= minBoxes <= maxBoxes, got " + minBoxes + ".." + maxBoxes);
			}
		}

		/** The same spec with another seed. */
		public Spec withSeed(long newSeed) {
			return new Spec(name, areaName, codes, minBoxes, maxBoxes, newSeed, verifiedOverrides, variances, grouping,
					counties, aliases);
		}

		/** The committed sample: 14 Staffordshire and Cheshire seats, seed {@value SampleInputGenerator#DEFAULT_SEED}. */
		public static Spec sample() {
			return sample(DEFAULT_SEED);
		}

		/**
		 * 14 Staffordshire and Cheshire seats, 24-36 boxes each, the five verified totals announced on
		 * the night, four planted box variances, and the Stoke-on-Trent and Cheshire East counts.
		 */
		public static Spec sample(long seed) {
			Map<String, String> seats = new LinkedHashMap<>();
			seats.put("E14001143", "Burton and Uttoxeter");
			seats.put("E14001150", "Cannock Chase");
			seats.put("E14001178", "Congleton");
			seats.put("E14001185", "Crewe and Nantwich");
			seats.put("E14001316", "Kingswinford and South Staffordshire");
			seats.put("E14001335", "Lichfield");
			seats.put("E14001380", "Newcastle-under-Lyme");
			seats.put("E14001513", "Stafford");
			seats.put("E14001514", "Staffordshire Moorlands");
			seats.put("E14001520", "Stoke-on-Trent Central");
			seats.put("E14001521", "Stoke-on-Trent North");
			seats.put("E14001522", "Stoke-on-Trent South");
			seats.put("E14001523", "Stone, Great Wyrley and Penkridge");
			seats.put("E14001538", "Tamworth");

			Map<String, String> counties = new LinkedHashMap<>();
			for (String code : seats.keySet()) {
				counties.put(code, "Staffordshire");
			}
			counties.put("E14001178", "Cheshire");
			counties.put("E14001185", "Cheshire");

			// The 2019 (old-boundary) HoC file's spellings where they differ from 2024's.
			Map<String, List<String>> aliases = Map.of(
					"E14001380", List.of("Newcastle-Under-Lyme"),
					"E14001520", List.of("Stoke-On-Trent Central"),
					"E14001521", List.of("Stoke-On-Trent North"),
					"E14001522", List.of("Stoke-On-Trent South"));

			// Ballot papers verified as announced on the night (BBC live page, 4-5 July 2024).
			Map<String, Long> verified = Map.of(
					"E14001513", 46_169L, // Stafford
					"E14001380", 39_780L, // Newcastle-under-Lyme: HoC 39,618 + 158 = 39,776
					"E14001514", 43_490L, // Staffordshire Moorlands
					"E14001521", 36_253L, // Stoke-on-Trent North
					"E14001150", 43_073L); // Cannock Chase: HoC 42,953 + 119 = 43,072

			List<PlantedVariance> variances = List.of(
					new PlantedVariance("E14001513", VarianceKind.POLLING_STATION_BOX, -1), // Stafford
					new PlantedVariance("E14001520", VarianceKind.POLLING_STATION_BOX, 6), // Stoke-on-Trent Central
					new PlantedVariance("E14001335", VarianceKind.COMPENSATING_PAIR, 2), // Lichfield
					new PlantedVariance("E14001178", VarianceKind.POSTAL_BOX, -3)); // Congleton

			CouncilGrouping grouping = new CouncilGrouping(List.of(
					new Council("stoke-on-trent-city-council.xlsx", "Stoke-on-Trent City Council",
							List.of("E14001520", "E14001521", "E14001522")),
					new Council("cheshire-east-council.xlsx", "Cheshire East Council",
							List.of("E14001178", "E14001185"))),
					CouncilGrouping.Rest.ONE_PER_SEAT);

			return new Spec("sample", SAMPLE_AREA, seats.keySet(), 24, 36, seed, verified, variances, grouping,
					counties, aliases);
		}

		/** All 650 seats, 40-90 boxes each (about 42,000 boxes), no planted variances. */
		public static Spec national(long seed) {
			return new Spec("national", null, Set.of(), 40, 90, seed, Map.of(), List.of(),
					CouncilGrouping.regionCounts(), Map.of(), Map.of());
		}

		/**
		 * All 650 seats with 1,500-1,577 boxes each: 650 x 1,538.5 = 1,000,025 boxes expected, and the
		 * spread of the sum is about 0.06%, well inside the 1% the benchmark allows.
		 */
		public static Spec million(long seed) {
			return new Spec("million", null, Set.of(), 1500, 1577, seed, Map.of(), List.of(),
					CouncilGrouping.regionCounts(), Map.of(), Map.of());
		}

		/** {@code sample}, {@code national} or {@code million} (case-insensitive). */
		public static Spec preset(String name, long seed) {
			return switch (name.trim().toLowerCase(Locale.ROOT)) {
				case "sample" -> sample(seed);
				case "national" -> national(seed);
				case "million" -> million(seed);
				default -> throw new IllegalArgumentException(
						"unknown preset '" + name + "'; expected sample, national or million");
			};
		}
	}

	/** What {@link #generate} wrote. */
	public record Summary(String preset, int constituencies, int workbooks, long boxes, long papersVerified) {
	}

	/** One selected constituency with the HoC figures the generator needs. */
	record Seat(int row, String code, String name, String region, long electorate, long valid, long invalid,
			long verified) {
	}

	/**
	 * Writes the input folder for {@code spec} into {@code inputDir} (created if absent), replacing
	 * the files an earlier run of the generator wrote there, and refusing a folder that holds
	 * anything else (see {@link #generate(Spec, Path, boolean)}).
	 */
	public Summary generate(Spec spec, Path inputDir) throws IOException {
		return generate(spec, inputDir, false);
	}

	/**
	 * Writes the input folder for {@code spec} into {@code inputDir} (created if absent). The files
	 * an earlier run wrote there (listed in its {@value GeneratedFiles#MARKER}) are replaced; a file
	 * the generator did not write is never removed or overwritten.
	 *
	 * @param keepForeignFiles false: a folder holding any file the generator did not write is
	 *                         refused; true: such files are kept, and only one that the generator
	 *                         would have to overwrite is refused
	 * @throws ForeignFileException when the folder is refused, before anything is written
	 */
	public Summary generate(Spec spec, Path inputDir, boolean keepForeignFiles) throws IOException {
		ReferenceCsv constituencies = ReferenceCsv.load(CONSTITUENCY_RESOURCE);
		ReferenceCsv candidates = ReferenceCsv.load(CANDIDATE_RESOURCE);
		ReferenceCsv notional = ReferenceCsv.load(NOTIONAL_RESOURCE);

		List<Seat> seats = selectSeats(spec, constituencies);
		Set<String> codes = new LinkedHashSet<>();
		for (Seat s : seats) {
			codes.add(s.code());
		}
		checkSpecCodes(spec, codes);
		List<Council> councils = councils(spec, seats);

		// every file this run writes, known before anything is written so that a clash is refused first
		List<String> planned = new ArrayList<>();
		planned.add(REGISTER + "/" + REGISTER_FILE);
		planned.add(DECLARATIONS + "/" + constituencies.fileName());
		planned.add(DECLARATIONS + "/" + candidates.fileName());
		planned.add(NOTIONAL + "/" + notional.fileName());
		for (Council council : councils) {
			planned.add(VERIFICATION + "/" + council.fileName());
		}
		GeneratedFiles generated = GeneratedFiles.claim(inputDir, planned, keepForeignFiles);

		for (String folder : GENERATED_FOLDERS) {
			Files.createDirectories(inputDir.resolve(folder));
		}
		writeRegister(spec, seats, inputDir.resolve(REGISTER).resolve(REGISTER_FILE));
		copySelected(constituencies, constituencies.column("ONS ID"), codes, inputDir.resolve(DECLARATIONS));
		copySelected(candidates, candidates.column("ONS ID"), codes, inputDir.resolve(DECLARATIONS));
		copySelected(notional, notional.column("ONS code"), notionalCodes(notional, seats), inputDir.resolve(NOTIONAL));

		Map<String, List<PlantedVariance>> variancesByCode = new LinkedHashMap<>();
		for (PlantedVariance v : spec.variances()) {
			variancesByCode.computeIfAbsent(v.code(), c -> new ArrayList<>()).add(v);
		}
		VerificationWorkbookWriter writer = new VerificationWorkbookWriter(spec, variancesByCode);
		long boxes = 0;
		Map<String, Seat> byCode = new LinkedHashMap<>();
		for (Seat s : seats) {
			byCode.put(s.code(), s);
		}
		long papers = 0;
		for (Council council : councils) {
			List<Seat> inCouncil = new ArrayList<>();
			for (String code : council.codes()) {
				inCouncil.add(byCode.get(code));
				papers += byCode.get(code).verified();
			}
			boxes += writer.write(inputDir.resolve(VERIFICATION).resolve(council.fileName()), council.title(),
					inCouncil);
		}
		generated.finish(planned);
		return new Summary(spec.name(), seats.size(), councils.size(), boxes, papers);
	}

	/**
	 * The notional rows of the selected seats: by code, or by name where R&T's code differs from
	 * the HoC Library's (five Scottish seats), as the job itself matches them.
	 */
	private static Set<String> notionalCodes(ReferenceCsv notional, List<Seat> seats) {
		Set<String> names = new HashSet<>();
		Set<String> codes = new LinkedHashSet<>();
		for (Seat s : seats) {
			names.add(org.electionrecon.ingest.Names.normalise(s.name()));
			codes.add(s.code());
		}
		int code = notional.column("ONS code");
		int name = notional.column("Boundary Comm name");
		for (int i = 0; i < notional.size(); i++) {
			if (names.contains(org.electionrecon.ingest.Names.normalise(notional.value(i, name)))) {
				codes.add(notional.value(i, code).trim());
			}
		}
		return codes;
	}

	private static List<Seat> selectSeats(Spec spec, ReferenceCsv constituencies) {
		int code = constituencies.column("ONS ID");
		int name = constituencies.column("Constituency name");
		int region = constituencies.column("Region name");
		int electorate = constituencies.column("Electorate");
		int valid = constituencies.column("Valid votes");
		int invalid = constituencies.column("Invalid votes");
		List<Seat> seats = new ArrayList<>();
		Set<String> found = new HashSet<>();
		for (int i = 0; i < constituencies.size(); i++) {
			String c = constituencies.value(i, code).trim();
			if (!spec.codes().isEmpty() && !spec.codes().contains(c)) {
				continue;
			}
			long v = Long.parseLong(constituencies.value(i, valid).trim());
			long inv = Long.parseLong(constituencies.value(i, invalid).trim());
			long verified = spec.verifiedOverrides().getOrDefault(c, v + inv);
			seats.add(new Seat(i, c, constituencies.value(i, name).trim(), constituencies.value(i, region).trim(),
					Long.parseLong(constituencies.value(i, electorate).trim()), v, inv, verified));
			found.add(c);
		}
		for (String c : spec.codes()) {
			if (!found.contains(c)) {
				throw new IllegalArgumentException("spec '" + spec.name() + "': no constituency " + c + " in "
						+ CONSTITUENCY_RESOURCE);
			}
		}
		return seats;
	}

	private static void checkSpecCodes(Spec spec, Set<String> codes) {
		for (String c : spec.verifiedOverrides().keySet()) {
			require(codes, c, "verified override");
		}
		for (PlantedVariance v : spec.variances()) {
			require(codes, v.code(), "planted variance");
		}
	}

	private static void require(Set<String> codes, String code, String what) {
		if (!codes.contains(code)) {
			throw new IllegalArgumentException(what + " for " + code + ", which is not a selected constituency");
		}
	}

	private static void writeRegister(Spec spec, List<Seat> seats, Path file) throws IOException {
		CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
		try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
				CSVPrinter csv = new CSVPrinter(w, format)) {
			csv.printRecord("code", "name", "region", "county", "area", "aliases");
			for (Seat s : seats) {
				csv.printRecord(s.code(), s.name(), s.region(), spec.counties().getOrDefault(s.code(), ""),
						spec.areaName() != null ? spec.areaName() : s.region(),
						String.join(";", spec.aliases().getOrDefault(s.code(), List.of())));
			}
		}
	}

	private static void copySelected(ReferenceCsv source, int codeColumn, Set<String> codes, Path dir)
			throws IOException {
		try (OutputStream out = new java.io.BufferedOutputStream(
				Files.newOutputStream(dir.resolve(source.fileName()), StandardOpenOption.CREATE_NEW))) {
			source.writeSelected(out, codeColumn, codes);
		}
	}

	/** The workbooks to write, in order, each with its seats in sheet order. */
	static List<Council> councils(Spec spec, List<Seat> seats) {
		Map<String, Seat> byCode = new LinkedHashMap<>();
		for (Seat s : seats) {
			byCode.put(s.code(), s);
		}
		List<Council> out = new ArrayList<>();
		Set<String> placed = new HashSet<>();
		for (Council c : spec.grouping().councils()) {
			List<String> codes = new ArrayList<>();
			for (String code : c.codes()) {
				if (byCode.containsKey(code) && placed.add(code)) {
					codes.add(code);
				}
			}
			if (!codes.isEmpty()) {
				out.add(new Council(c.fileName(), c.title(), codes));
			}
		}
		List<Seat> rest = new ArrayList<>();
		for (Seat s : seats) {
			if (!placed.contains(s.code())) {
				rest.add(s);
			}
		}
		switch (spec.grouping().rest()) {
			case ONE_PER_SEAT -> {
				for (Seat s : rest) {
					out.add(new Council(slug(s.name()) + ".xlsx", "Acting Returning Officer, " + s.name(),
							List.of(s.code())));
				}
			}
			case REGION_COUNTS -> {
				Map<String, List<Seat>> byRegion = new TreeMap<>();
				for (Seat s : rest) {
					byRegion.computeIfAbsent(s.region(), r -> new ArrayList<>()).add(s);
				}
				Comparator<Seat> byName = Comparator.comparing((Seat s) -> s.name().toLowerCase(Locale.ROOT))
						.thenComparing(Seat::name).thenComparing(Seat::code);
				for (Map.Entry<String, List<Seat>> e : byRegion.entrySet()) {
					List<Seat> inRegion = e.getValue();
					inRegion.sort(byName);
					SplittableRandom rng = new SplittableRandom(BoxPlanner.mix(spec.seed(), "region:" + e.getKey()));
					int count = 0;
					for (int i = 0; i < inRegion.size();) {
						int size = Math.min(1 + rng.nextInt(3), inRegion.size() - i);
						count++;
						List<String> codes = new ArrayList<>();
						for (Seat s : inRegion.subList(i, i + size)) {
							codes.add(s.code());
						}
						String nn = String.format(Locale.ROOT, "%02d", count);
						out.add(new Council(slug(e.getKey()) + "-count-" + nn + ".xlsx", e.getKey() + " count " + nn,
								codes));
						i += size;
					}
				}
			}
		}
		Set<String> names = new HashSet<>();
		for (Council c : out) {
			if (!names.add(c.fileName().toLowerCase(Locale.ROOT))) {
				throw new IllegalStateException("two verification workbooks would be named " + c.fileName());
			}
		}
		return out;
	}

	/** "Stone, Great Wyrley and Penkridge" -> "stone-great-wyrley-and-penkridge"; accents dropped. */
	static String slug(String s) {
		String ascii = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		return slug.isEmpty() ? "unnamed" : slug;
	}

	/**
	 * A constituency name as an Excel sheet name: the characters Excel forbids ({@code []:*?/\})
	 * removed, no leading or trailing apostrophe, cut to Excel's 31 characters.
	 */
	static String sheetName(String name) {
		String s = name.replaceAll("[\\[\\]:*?/\\\\]", "").replaceAll("^'+|'+$", "").trim();
		if (s.length() > 31) {
			s = s.substring(0, 31).replaceAll("'+$", "");
		}
		return s.isEmpty() ? "Sheet" : s;
	}
}
