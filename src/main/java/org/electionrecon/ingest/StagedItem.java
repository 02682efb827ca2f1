package org.electionrecon.ingest;

import org.electionrecon.model.Staged;

/**
 * A staged record with its place in the input: {@code seq} orders rows as the sources had them and
 * is the same on every restart, because the files are read in the same order.
 */
public record StagedItem(long seq, Staged record) {
}
