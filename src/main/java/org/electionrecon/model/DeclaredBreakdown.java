package org.electionrecon.model;

import java.util.Map;

/**
 * What a council's own declaration (the LGA schema) states beyond its candidates: the votes cast
 * and the rejected ballots by statutory category, which are checked, not trusted.
 *
 * @param rejectedByCategory rejected ballots by category ({@code OfficialMark}, {@code MultipleVote},
 *     {@code Identification}, {@code InPart}, {@code Unmarked}); empty when not given
 */
public record DeclaredBreakdown(String constituencyCode, String file, Long votesCast, String votesCastSource,
		Map<String, Long> rejectedByCategory, String rejectedSource) implements Staged {

	public DeclaredBreakdown {
		rejectedByCategory = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejectedByCategory));
	}

	/** The categories' sum, or {@code null} when no category is given. */
	public Long rejectedTotal() {
		return rejectedByCategory.isEmpty() ? null
				: rejectedByCategory.values().stream().mapToLong(Long::longValue).sum();
	}
}
