package org.electionrecon.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.electionrecon.ingest.SourceKind;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.RejectedFigure;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceRef;

/** Whether each register constituency of an area in the run has both a verification and a declaration. */
public final class CoverageRules {

	public List<Finding> check(ConstituencyFacts facts) {
		return check(facts, Set.of());
	}

	/** @param missingSources folders whose run-level SOURCE_MISSING stands for this constituency's finding */
	public List<Finding> check(ConstituencyFacts facts, Set<SourceKind> missingSources) {
		FindingFactory factory = new FindingFactory(facts.constituency());
		if (facts.hasVerification() && !facts.hasDeclaration()) {
			if (missingSources.contains(SourceKind.DECLARATIONS)) {
				return List.of();
			}
			List<RejectedFigure> rejected = new ArrayList<>(facts.rejected(RejectedFigure.Kind.DECLARATION));
			rejected.addAll(facts.rejected(RejectedFigure.Kind.CANDIDATE));
			return List.of(new LeftOut("its declaration rows were rejected:", rejected).on(factory.text(Severity.ERROR,
					CheckCode.MISSING_DECLARATION, "a declaration", null,
					factory.name() + " has a verification statement but no declaration",
					SourceRef.roles("verification statement", String.join(", ", facts.verificationSources())))));
		}
		if (!facts.hasVerification() && facts.hasDeclaration()) {
			if (missingSources.contains(SourceKind.VERIFICATION)) {
				return List.of();
			}
			String source = facts.declaration() != null ? facts.declaration().file()
					: facts.candidates().get(0).source();
			return List.of(factory.text(Severity.ERROR, CheckCode.MISSING_VERIFICATION, "a verification statement",
					null, factory.name() + " has a declaration but no verification statement", source));
		}
		if (!facts.hasVerification() && !facts.hasDeclaration()) {
			return List.of(factory.text(Severity.WARNING, CheckCode.MISSING_CONSTITUENCY,
					"a verification statement and a declaration", null,
					factory.name() + " is in the register for " + facts.constituency().area()
							+ " but has neither a verification statement nor a declaration",
					null));
		}
		return List.of();
	}
}
