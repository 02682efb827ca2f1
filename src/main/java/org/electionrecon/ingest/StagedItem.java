package org.electionrecon.ingest;

import org.electionrecon.model.Staged;

/**
 * A staged record with its place in the input: {@code seq} orders rows as the sources had them and
 * is the same on every restart, because the files are read in the same order; {@code file} is the
 * input file it came from.
 */
public record StagedItem(long seq, Staged record, FileOrigin file) {
}
