package org.electionrecon.run;

/** The exit codes of report.md. */
public final class ExitCodes {

	/** Completed; no open ERROR or WARNING finding. */
	public static final int CLEAN = 0;
	/** Completed; open WARNINGs, no open ERROR. */
	public static final int WARNINGS = 1;
	/** Completed; at least one open ERROR. */
	public static final int ERRORS = 2;
	/** Could not run or failed; a failed run can be restarted. */
	public static final int FAILED = 3;

	private ExitCodes() {
	}

	/** The innermost cause's message on one line, for a person rather than a stack trace. */
	public static String oneLine(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		if (root instanceof java.nio.file.FileSystemException files && files.getReason() == null) {
			// its message is only the path: what happened is in the class name (NoSuchFileException)
			message = root.getClass().getSimpleName() + ": " + message;
		}
		return message.lines().findFirst().orElse(message);
	}
}
