package org.electionrecon.ingest.table;

/**
 * A sheet of a workbook; a CSV file has one sheet whose name is {@code null}.
 *
 * @param reference the format's own handle for the sheet (a relationship id, an index)
 */
public record SheetInfo(String name, boolean hidden, String reference) {
}
