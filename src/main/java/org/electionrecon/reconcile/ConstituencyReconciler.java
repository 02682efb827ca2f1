package org.electionrecon.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.electionrecon.ingest.SourceKind;
import org.electionrecon.model.CheckEvaluation;
import org.electionrecon.model.ConstituencyFigures;
import org.electionrecon.model.Finding;

/** Runs every constituency-level rule over one constituency's facts and computes its figures. */
public final class ConstituencyReconciler {

	/**
	 * The figures of one constituency, the findings about it and what each constituency-level check
	 * evaluated (for the Checks sheet).
	 */
	public record Outcome(ConstituencyFigures figures, List<Finding> findings, List<CheckEvaluation> evaluations) {

		public Outcome(ConstituencyFigures figures, List<Finding> findings) {
			this(figures, findings, List.of());
		}
	}

	private final VerificationRules verificationRules;
	private final CountRules countRules;
	private final ResultRules resultRules = new ResultRules();
	private final BaselineRules baselineRules;
	private final CoverageRules coverageRules = new CoverageRules();
	private final BreakdownRules breakdownRules = new BreakdownRules();
	private final ReportedRules reportedRules = new ReportedRules();
	private final SourceMerger merger = new SourceMerger();
	private final RevisionRules revisionRules = new RevisionRules();

	public ConstituencyReconciler(Thresholds thresholds) {
		this.verificationRules = new VerificationRules(thresholds);
		this.countRules = new CountRules(thresholds);
		this.baselineRules = new BaselineRules(thresholds);
	}

	public Outcome reconcile(ConstituencyFacts sources) {
		return reconcile(sources, null, 0);
	}

	/**
	 * @param previous the same constituency's facts in the previous completed run of the election,
	 *     or {@code null}; figures that changed since are INPUT_REVISED
	 */
	public Outcome reconcile(ConstituencyFacts sources, ConstituencyFacts previous, long previousRun) {
		return reconcile(sources, previous, previousRun, Set.of());
	}

	/**
	 * @param missingSources the source folders with a run-level {@code SOURCE_MISSING}, which stands
	 *     for the per-constituency findings their absence causes (SourceRules)
	 */
	public Outcome reconcile(ConstituencyFacts sources, ConstituencyFacts previous, long previousRun,
			Set<SourceKind> missingSources) {
		SourceMerger.Merged merged = merger.merge(sources);
		ConstituencyFacts facts = merged.facts();
		List<Finding> findings = new ArrayList<>(coverageRules.check(facts, missingSources));
		findings.addAll(merged.findings());
		if (facts.hasVerification() || facts.hasDeclaration()) {
			findings.addAll(verificationRules.check(facts));
			findings.addAll(countRules.check(facts, ConstituencyFiguresCalculator.turnout(facts)));
			findings.addAll(breakdownRules.check(facts));
			findings.addAll(resultRules.check(facts));
			findings.addAll(baselineRules.check(facts, missingSources));
			findings.addAll(reportedRules.check(facts));
		}
		if (previous != null) {
			findings.addAll(revisionRules.check(merger.merge(previous).facts(), facts, previousRun));
		}
		return new Outcome(ConstituencyFiguresCalculator.compute(facts), findings,
				CheckEvaluations.of(facts, missingSources, previous, previousRun, findings));
	}
}
