package org.electionrecon.model;

/** A record that the ingest stage writes to the staging tables. */
public interface Staged {
}
