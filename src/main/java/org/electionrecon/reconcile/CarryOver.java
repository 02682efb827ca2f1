package org.electionrecon.reconcile;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.electionrecon.ingest.SourceKind;

/**
 * Which constituencies an incremental run may carry over from the previous completed run of the
 * election (the run {@code INPUT_REVISED} compares with) instead of reconciling them: those whose
 * outcome (figures, findings, check counts) is provably the one reconciling them again would give.
 * <p>
 * A constituency's outcome is {@link ConstituencyReconciler#reconcile} of four things: its staged
 * facts ({@link ConstituencyFactsRepository#load}), the previous run's facts of it (for
 * {@code INPUT_REVISED} only), the folders with a run-level {@code SOURCE_MISSING}, and the
 * thresholds; and of the rules' code. So it is carried over only when
 * <ul>
 * <li>the run as a whole compares ({@link #reasonToReconcileAll}): not {@code --full}, a previous
 * completed run, the same settings (their SHA-256, which covers the thresholds), the same missing
 * folders and the same {@link #RULES_VERSION};</li>
 * <li>the constituency is untouched ({@link #untouched}): exactly the same files fed its staged
 * facts in both runs, each the same name, the same bytes (SHA-256) and the same read key (what
 * its reading depended on), so that both runs staged the same rows for it. A file whose content
 * or read key is unknown (unreadable, not read whole) touches whatever it fed;</li>
 * <li>the previous run reconciled it (it has figures there).</li>
 * </ul>
 * Its facts being equal in both runs, the revision rules find nothing ({@link RevisionRules}
 * compares a figure with itself), and {@code INPUT_REVISED} is evaluated once and passed
 * ({@link CheckEvaluations#inputRevised}): the previous run's own {@code INPUT_REVISED} findings
 * and count, made against the run before it, are replaced by those.
 */
public final class CarryOver {

	/**
	 * The version of the constituency rules, recorded by every run's reconcileStep: a run carries
	 * nothing over from a run of other rules. Raise it with every change to what the rules or the
	 * figures' calculation give.
	 */
	public static final String RULES_VERSION = "1";

	/** The key under which reconcileStep's execution context records {@link #RULES_VERSION}. */
	public static final String RULES_VERSION_KEY = "reconcile.rulesVersion";

	/** The key under which reconcileStep's execution context records the run it compared with. */
	public static final String PREVIOUS_RUN_KEY = "reconcile.previousRun";

	/**
	 * The staging tables {@link ConstituencyFactsRepository#load} reads a constituency's facts from
	 * (the constituency's code is {@code CODE} in the register's, {@code CONSTITUENCY_CODE} in the
	 * others). RECON_EXPLANATION is not among them: operators' notes are applied to the findings
	 * after the reconciling (areaChecksStep), to carried-over findings as to any other.
	 */
	static final List<String> FACT_TABLES = List.of("RECON_CONSTITUENCY", "RECON_VERIFICATION_SHEET", "RECON_BOX_BLOCK",
			"RECON_STATED_FIGURE", "RECON_DECLARATION", "RECON_DECLARED_PARTY_VOTES", "RECON_CANDIDATE", "RECON_NOTIONAL",
			"RECON_DECLARED_BREAKDOWN", "RECON_REPORTED", "RECON_REJECTED_FIGURE");

	/**
	 * One input file as a run staged it: what decides the rows its reading stages.
	 *
	 * @param sha256 its content's SHA-256, {@code null} where it could not be hashed
	 * @param readKey what its reading depended on besides its bytes, {@code null} where it was not
	 *     read whole
	 */
	public record StagedFile(String fileName, String sha256, String readKey) {

		/** Whether two runs that staged this file staged the same rows from it. */
		public boolean known() {
			return fileName != null && sha256 != null && readKey != null;
		}
	}

	/**
	 * What a run was reconciled with, besides its constituencies' facts.
	 *
	 * @param settingsSha256 the {@code settings.sha256} job parameter, {@code null} when not recorded
	 * @param missingSources the folders with a run-level {@code SOURCE_MISSING}
	 * @param rulesVersion the {@link #RULES_VERSION} its reconcileStep recorded, {@code null} when none
	 */
	public record RunInputs(String settingsSha256, Set<SourceKind> missingSources, String rulesVersion) {

		public RunInputs {
			missingSources = Set.copyOf(missingSources);
		}
	}

	private CarryOver() {
	}

	/**
	 * Why the run reconciles every constituency, or {@code null} when it may carry untouched ones over.
	 *
	 * @param full whether the run is {@code --full}
	 * @param previousRun the previous completed run of the election, {@code null} when there is none
	 * @param now this run's inputs
	 * @param before the previous run's ({@code null} when there is none)
	 */
	public static String reasonToReconcileAll(boolean full, Long previousRun, RunInputs now, RunInputs before) {
		if (full) {
			return "--full";
		}
		if (previousRun == null || before == null) {
			return "no previous completed run of this election";
		}
		if (now.settingsSha256() == null || !Objects.equals(now.settingsSha256(), before.settingsSha256())) {
			return "other settings than run " + previousRun;
		}
		if (!now.missingSources().equals(before.missingSources())) {
			return "other source folders missing than in run " + previousRun;
		}
		if (!Objects.equals(now.rulesVersion(), before.rulesVersion())) {
			return "run " + previousRun + " was reconciled by other rules";
		}
		return null;
	}

	/**
	 * The constituencies of {@code candidates} (in their order) that are untouched: the same files,
	 * each known, fed their facts in both runs.
	 *
	 * @param now the files that fed each constituency's staged rows in this run
	 * @param before the same in the previous run
	 */
	public static List<String> untouched(List<String> candidates, Map<String, Set<StagedFile>> now,
			Map<String, Set<StagedFile>> before) {
		return candidates.stream().filter(code -> !touched(now.get(code), before.get(code))).toList();
	}

	/**
	 * The files of a run ({@code FILE_SEQ}s) that may have staged other rows than the other run:
	 * each one whose record is unknown ({@link StagedFile#known}), or that the other run has no
	 * known file equal to (same name, SHA-256 and read key).
	 * <p>
	 * The constituencies the step carries over are the candidates fed by none of these files in
	 * either run ({@code ConstituencyFactsRepository#fedBy}): found from the few files that
	 * differ, by the {@code (RUN_ID, FILE_SEQ)} indexes, instead of from every staged row of both
	 * runs. That is exactly {@link #touched} for every candidate (a constituency with a register
	 * row in both runs, so staged in both), because a file of the same name, bytes and read key
	 * stages the same rows in any run ({@code RunParseContexts}: the read key covers the reader's
	 * version and everything else the reading depends on; the incremental ingest copies such a
	 * file's rows on the same ground), so it feeds the same constituencies in both runs:
	 * <ul>
	 * <li>a constituency {@link #touched} for an unknown file is fed by that file, which is here;</li>
	 * <li>one whose sets of files differ has a file {@code f} in one run's set and not in the
	 * other's; had the other run a known file equal to {@code f}, that file would have fed the
	 * constituency too and {@code f} would be in both sets; so {@code f} is here;</li>
	 * <li>conversely a constituency fed by a file here, in either run, has that file unknown or
	 * missing from the other run's set: it is {@link #touched}.</li>
	 * </ul>
	 * One case stays outside this reasoning: rows whose {@code FILE_SEQ} has no
	 * {@code RECON_SOURCE_FILE} record in their run ({@link #touched} counts such a file as
	 * unknown). The rule relies on a run past its ingestStep having none: a file step records every
	 * file it staged rows of, and the incremental ingest copies a file's record with its rows.
	 *
	 * @param run each file of the run by its {@code FILE_SEQ}
	 * @param other the same of the run compared with
	 */
	public static Set<Long> changedFiles(Map<Long, StagedFile> run, Map<Long, StagedFile> other) {
		Set<StagedFile> otherKnown = new java.util.HashSet<>();
		other.values().stream().filter(StagedFile::known).forEach(otherKnown::add);
		Set<Long> changed = new java.util.TreeSet<>();
		run.forEach((fileSeq, file) -> {
			if (!file.known() || !otherKnown.contains(file)) {
				changed.add(fileSeq);
			}
		});
		return changed;
	}

	/**
	 * Whether a constituency fed by these files in the two runs is touched: other files (added,
	 * removed, changed, read otherwise), a file whose content or reading is unknown, or no staged
	 * row in one of the runs.
	 */
	public static boolean touched(Set<StagedFile> now, Set<StagedFile> before) {
		if (now == null || before == null || now.isEmpty() || !now.equals(before)) {
			return true;
		}
		return !now.stream().allMatch(StagedFile::known);
	}
}
