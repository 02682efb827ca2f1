package org.electionrecon.ingest;

import java.util.List;
import java.util.Map;

/**
 * What every source parser needs besides its file.
 *
 * @param extraSynonyms header synonyms from configuration, keyed {@code source.field}
 */
public record ParseContext(ConstituencyDirectory directory, PartyNames parties,
		Map<String, List<String>> extraSynonyms) {
}
