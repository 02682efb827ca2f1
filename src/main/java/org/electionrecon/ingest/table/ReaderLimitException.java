package org.electionrecon.ingest.table;

/**
 * A file that goes beyond one of the {@link ReaderLimits}: unreadable as a whole, with the bound in
 * its reason ("sheet 'Votes': element nesting is over the limit of 40 levels"). Readers pass it on
 * unwrapped, so that reason is the file's finding word for word.
 */
public final class ReaderLimitException extends UnreadableSourceException {

	/**
	 * @param where what held the excess: "sheet 'Votes'", "xl/sharedStrings.xml", "line 12"
	 * @param what what went beyond the bound, as {@link ReaderLimits#exceeded} takes it
	 */
	public ReaderLimitException(String where, String what, long limit, String unit) {
		super(where + ": " + ReaderLimits.exceeded(what, limit, unit));
	}

	/** With the parser's own exception as the cause, when the parser found the excess. */
	public ReaderLimitException(String where, String what, long limit, String unit, Throwable cause) {
		super(where + ": " + ReaderLimits.exceeded(what, limit, unit), cause);
	}
}
