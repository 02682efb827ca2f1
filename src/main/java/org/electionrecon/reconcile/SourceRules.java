package org.electionrecon.reconcile;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.electionrecon.ingest.SourceKind;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.Severity;

/**
 * {@code SOURCE_MISSING}: a source folder the run needs that gave nothing. One finding names the
 * folder and stands for the per-constituency findings its absence would cause, which the
 * constituency rules then leave out: {@code MISSING_VERIFICATION} for {@code verification/},
 * {@code MISSING_DECLARATION} for {@code declarations/}, {@code NO_BASELINE} for {@code notional/}.
 * <p>
 * A folder counts as missing when no file in it gave a single record of a register constituency:
 * the folder does not exist, is empty, holds only files that are ignored (hidden files, lock
 * files, links, subfolders) or unreadable (each already a {@code SOURCE_UNREADABLE}), or its
 * readable files hold no row that was accepted (every row rejected or of another election). The
 * per-constituency findings then all have one cause, and a folder that gives even one
 * constituency's record is not missing: the others' findings are their own.
 */
public final class SourceRules {

	/** The folders that SOURCE_MISSING covers, in the order its findings are made. */
	static final List<SourceKind> REQUIRED = List.of(SourceKind.REGISTER, SourceKind.VERIFICATION,
			SourceKind.DECLARATIONS, SourceKind.NOTIONAL);

	/**
	 * What the run's staging says about one source folder.
	 *
	 * @param exists whether the folder is there
	 * @param files the entries of the folder that the ingest listed: read, unreadable or ignored
	 * @param ignored of those, the ones never read (hidden, lock files, links, subfolders)
	 * @param unreadable of those, the ones with a {@code SOURCE_UNREADABLE} finding
	 * @param rowsRejected rows of the readable files that were rejected
	 * @param rowsOutOfScope rows of the readable files that belong to another election
	 * @param gaveRecords whether any constituency got a record from the folder
	 */
	public record Folder(SourceKind kind, boolean exists, int files, int ignored, int unreadable, long rowsRejected,
			long rowsOutOfScope, boolean gaveRecords) {

		int read() {
			return files - ignored - unreadable;
		}
	}

	/**
	 * How many constituencies of the run's areas would get each per-constituency finding that a
	 * SOURCE_MISSING replaces.
	 *
	 * @param withVerification those with a verification statement (each a MISSING_DECLARATION without declarations/)
	 * @param withDeclaration those with a declaration (each a MISSING_VERIFICATION without verification/)
	 * @param withEither those with either (each a NO_BASELINE without notional/)
	 */
	public record Coverage(long withVerification, long withDeclaration, long withEither) {
	}

	/** The findings, and the folders whose per-constituency findings they replace. */
	public record Result(List<Finding> findings, Set<SourceKind> missing) {

		public static final Result NONE = new Result(List.of(), Set.of());

		public Result {
			findings = List.copyOf(findings);
			missing = missing.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(missing));
		}
	}

	public Result check(List<Folder> folders, Coverage coverage) {
		List<Finding> findings = new ArrayList<>();
		Set<SourceKind> missing = EnumSet.noneOf(SourceKind.class);
		for (SourceKind kind : REQUIRED) {
			Folder folder = folders.stream().filter(f -> f.kind() == kind).findFirst().orElse(null);
			if (folder == null || folder.gaveRecords()) {
				continue;
			}
			missing.add(kind);
			findings.add(Finding.open(kind == SourceKind.NOTIONAL ? Severity.WARNING : Severity.ERROR,
					CheckCode.SOURCE_MISSING, null, null, null, null, null, null,
					reason(folder) + ": " + consequence(kind, coverage), kind.folder() + "/"));
			if (kind == SourceKind.REGISTER) {
				// without constituencies no other source can be matched: their emptiness says nothing more
				break;
			}
		}
		return new Result(findings, missing);
	}

	/** Why the folder gave nothing, as precisely as the staging tells. */
	static String reason(Folder folder) {
		String name = folder.kind().folder() + "/";
		if (!folder.exists()) {
			return name + " is missing";
		}
		if (folder.files() == 0) {
			return name + " is empty";
		}
		if (folder.read() == 0) {
			return name + " holds no readable file (" + notRead(folder) + ")";
		}
		String read = count(folder.read(), "file") + " read, " + count(folder.rowsRejected(), "row") + " rejected, "
				+ folder.rowsOutOfScope() + " out of scope";
		String others = notRead(folder);
		return name + " gave no " + record(folder.kind()) + " (" + read + (others.isEmpty() ? "" : ", " + others) + ")";
	}

	private static String notRead(Folder folder) {
		List<String> parts = new ArrayList<>();
		if (folder.unreadable() > 0) {
			parts.add(folder.unreadable() + " unreadable");
		}
		if (folder.ignored() > 0) {
			parts.add(folder.ignored() + " ignored");
		}
		return String.join(", ", parts);
	}

	private static String record(SourceKind kind) {
		return switch (kind) {
			case REGISTER -> "constituency";
			case VERIFICATION -> "verification statement of a register constituency";
			case DECLARATIONS -> "declaration of a register constituency";
			case NOTIONAL -> "notional 2019 result of a register constituency";
			default -> throw new IllegalArgumentException(kind + " is not a required source");
		};
	}

	private static String consequence(SourceKind kind, Coverage coverage) {
		return switch (kind) {
			case REGISTER -> "no constituency can be matched, so no input can be checked and no report is written";
			case VERIFICATION -> "no constituency can be checked against a verification statement"
					+ replaces(coverage.withDeclaration(), CheckCode.MISSING_VERIFICATION);
			case DECLARATIONS -> "no constituency can be checked against a declaration"
					+ replaces(coverage.withVerification(), CheckCode.MISSING_DECLARATION);
			case NOTIONAL -> "no constituency has a 2019 baseline, so no turnout change, swing, result label or"
					+ " electorate change" + replaces(coverage.withEither(), CheckCode.NO_BASELINE);
			default -> throw new IllegalArgumentException(kind + " is not a required source");
		};
	}

	private static String replaces(long findings, CheckCode check) {
		return findings == 0 ? "" : " (replaces " + count(findings, check.name() + " finding") + ")";
	}

	private static String count(long n, String what) {
		return n + " " + what + (n == 1 ? "" : "s");
	}
}
