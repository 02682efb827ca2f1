package org.electionrecon.ingest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What every source parser needs besides its file.
 *
 * @param extraSynonyms header synonyms from configuration, keyed {@code source.field}
 * @param election the election being reconciled: rows of other elections are out of scope
 */
public record ParseContext(ConstituencyDirectory directory, PartyNames parties,
		Map<String, List<String>> extraSynonyms, LocalDate election) {

	/** The default election of the job: the UK Parliamentary general election of 4 July 2024. */
	public static final LocalDate DEFAULT_ELECTION = LocalDate.of(2024, 7, 4);

	public ParseContext(ConstituencyDirectory directory, PartyNames parties, Map<String, List<String>> extraSynonyms) {
		this(directory, parties, extraSynonyms, DEFAULT_ELECTION);
	}

	/** The election a run reconciles, from its {@code election} job parameter ({@code null}: the default). */
	public static LocalDate election(String jobParameter) {
		return jobParameter == null ? DEFAULT_ELECTION : LocalDate.parse(jobParameter);
	}
}
