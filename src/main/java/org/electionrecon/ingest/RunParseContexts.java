package org.electionrecon.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

import org.electionrecon.model.Constituency;

/**
 * The parse contexts of a run's partitions: the register's files are read knowing no
 * constituency, the other sources knowing the register the run staged. That one is built once per
 * run and election (it reads the staged register), not once per file, and shared by the
 * partitions whichever thread reads them.
 * <p>
 * Each context comes with its digest: the SHA-256 of everything in it that a reader's output
 * depends on besides the file itself: the election, the extra party names, the extra header
 * synonyms and, for every file but the register's, the staged register (each constituency's code,
 * name, region, county, area and aliases). A file's rows are the same whenever its bytes, its
 * name, its reader's version and this digest are: that is when an incremental run may copy them
 * from an earlier run ({@link #readKey}). The register's digest is of its staged constituencies,
 * not of its files, so a register file changed in a way no constituency shows does not make the
 * other files be read again.
 */
public final class RunParseContexts {

	/** A parse context and the digest of what it is made of. */
	public record Keyed(ParseContext context, String digest) {
	}

	private final PartyNames parties;
	private final Map<String, String> extraParties;
	private final Map<String, List<String>> extraSynonyms;
	private final LongFunction<List<Constituency>> register;
	private Built last;

	private record Built(long runId, LocalDate election, Keyed keyed) {
	}

	/**
	 * @param extraParties the configured party names ({@code recon.parties})
	 * @param extraSynonyms the configured header synonyms ({@code recon.header-synonyms})
	 * @param register the register a run (by its id) staged
	 */
	public RunParseContexts(Map<String, String> extraParties, Map<String, List<String>> extraSynonyms,
			LongFunction<List<Constituency>> register) {
		this.extraParties = extraParties == null ? Map.of() : Map.copyOf(extraParties);
		this.extraSynonyms = extraSynonyms == null ? Map.of() : Map.copyOf(extraSynonyms);
		this.parties = new PartyNames(this.extraParties);
		this.register = register;
	}

	/** The context a file of the run is read with, for that election, and its digest. */
	public Keyed keyed(boolean registerFile, long runId, LocalDate election) {
		if (registerFile) {
			return new Keyed(new ParseContext(new ConstituencyDirectory(List.of()), parties, extraSynonyms, election),
					digest(election, null));
		}
		synchronized (this) {
			if (last == null || last.runId() != runId || !last.election().equals(election)) {
				List<Constituency> constituencies = register.apply(runId);
				last = new Built(runId, election,
						new Keyed(new ParseContext(new ConstituencyDirectory(constituencies), parties, extraSynonyms,
								election), digest(election, constituencies)));
			}
			return last.keyed();
		}
	}

	/**
	 * A file's read key: the SHA-256 of its reader's version and its context's digest. With the
	 * file's name and SHA-256 it says whether an earlier staging of the file is what reading it
	 * now would give.
	 */
	public static String readKey(SourceKind kind, String contextDigest) {
		return sha256(kind.readerVersion() + "\n" + contextDigest);
	}

	/** @param constituencies the staged register, or {@code null} for the register's own files */
	private String digest(LocalDate election, List<Constituency> constituencies) {
		StringBuilder text = new StringBuilder();
		text.append("election=").append(election).append('\n');
		new TreeMap<>(extraParties).forEach((name, abbreviation) -> line(text, "party", name, abbreviation));
		new TreeMap<>(extraSynonyms).forEach((field, synonyms) -> {
			text.append("synonyms\u0000").append(field);
			synonyms.forEach(s -> text.append('\u0000').append(s));
			text.append('\n');
		});
		if (constituencies == null) {
			text.append("register: none (a register file)\n");
		}
		else {
			constituencies.stream()
				.map(c -> String.join("\u0000", String.valueOf(c.code()), String.valueOf(c.name()),
						String.valueOf(c.region()), String.valueOf(c.county()), String.valueOf(c.area()),
						String.join("\u0001", c.aliases())))
				.sorted(Comparator.naturalOrder())
				.forEach(c -> text.append("constituency\u0000").append(c).append('\n'));
		}
		return sha256(text.toString());
	}

	private static void line(StringBuilder text, String what, String key, String value) {
		text.append(what).append('\u0000').append(key).append('\u0000').append(value).append('\n');
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
		}
	}
}
