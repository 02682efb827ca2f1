package org.electionrecon.model;

/**
 * An operator's note explaining a known variance: a finding it matches (same constituency and
 * check, and box where given) is listed as EXPLAINED and no longer counts towards the exit code.
 */
public record Explanation(String constituencyCode, CheckCode check, String box, String note, String by, String source)
		implements Staged {
}
