package org.electionrecon.ingest.table;

import java.util.Locale;

/**
 * The bounds every reader enforces, in one place. A file that goes beyond one is that file's
 * {@code SOURCE_UNREADABLE} finding, with the reason {@link #exceeded} gives; the run goes on. The
 * bounds keep one hostile or damaged file from taking the run's memory (the job runs in
 * {@code -Xmx256m}) or its night: memory per file does not grow past them, and work per file is
 * bounded by the uncompressed bytes and cells it may hold.
 */
public final class ReaderLimits {

	/** Element nesting in any XML part; an OOXML sheet needs about seven levels. */
	public static final int MAX_ELEMENT_DEPTH = 40;

	/** One cell's text, one shared string, one attribute value: Excel's own limit for a cell. */
	public static final int MAX_TEXT_CHARS = 32_767;

	/** One CSV line (a record, with quoted line breaks inside it). */
	public static final int MAX_CSV_LINE_CHARS = 1_048_576;

	/** Strings in a workbook's shared-strings part (they are held in memory while the file is read). */
	public static final int MAX_SHARED_STRINGS = 500_000;

	/** Characters of all a workbook's shared strings together. */
	public static final long MAX_SHARED_STRING_CHARS = 16_777_216;

	/** Distinct element and attribute names in one XML part; an OOXML part uses a few dozen. */
	public static final int MAX_DISTINCT_NAMES = 1_000;

	/** Cells in one sheet (Excel's grid holds more, but no verification statement comes near). */
	public static final long MAX_CELLS_PER_SHEET = 16_777_216;

	/** Uncompressed bytes of one part of an .xlsx package. */
	public static final long MAX_PART_BYTES = 1L << 30;

	/**
	 * The smallest compressed-to-uncompressed ratio of a part, as POI's {@code ZipSecureFile} checks
	 * it (its default): a part that inflates more than a hundredfold is a zip bomb.
	 */
	public static final double MIN_INFLATE_RATIO = 0.01;

	/** An .xls file's size: POI's HSSF holds the whole workbook's records in memory. */
	public static final long MAX_XLS_BYTES = 32L << 20;

	private ReaderLimits() {
	}

	/**
	 * The reason a person reads when a file goes beyond a bound, for example "a cell's text is over
	 * the limit of 32,767 characters".
	 *
	 * @param what what went beyond it: "a cell's text", "element nesting", "the shared strings"
	 * @param limit the bound
	 * @param unit what the bound counts: "characters", "levels", "strings", "names", "cells", "bytes"
	 */
	public static String exceeded(String what, long limit, String unit) {
		return String.format(Locale.ROOT, "%s is over the limit of %,d %s", what, limit, unit);
	}
}
