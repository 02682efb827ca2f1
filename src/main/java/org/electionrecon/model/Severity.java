package org.electionrecon.model;

/** How serious a finding is; the order is the report's sort order. */
public enum Severity {
	ERROR, WARNING, INFO
}
