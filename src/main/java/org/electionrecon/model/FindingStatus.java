package org.electionrecon.model;

/** OPEN findings count towards the exit code; EXPLAINED ones carry an operator's note and do not. */
public enum FindingStatus {
	OPEN, EXPLAINED
}
