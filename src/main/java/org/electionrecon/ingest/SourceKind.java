package org.electionrecon.ingest;

import java.io.IOException;

import org.electionrecon.ingest.table.TabularFile;

/** The input folder's subfolders, each a kind of source with its own parser. */
public enum SourceKind {

	REGISTER("register", 1), VERIFICATION("verification", 1), DECLARATIONS("declarations", 1), NOTIONAL("notional", 1),
	REPORTED("reported", 1), EXPLANATIONS("explanations", 1);

	/**
	 * The version of the code every reader shares: the table readers ({@code ingest.table}: xlsx,
	 * xls and CSV), {@link SourceParser}, {@link Field}, {@link Names}, {@link NumberParser},
	 * {@link ConstituencyDirectory}, {@link PartyNames} and what they stage. Raise it with any change
	 * to what they give; raise a kind's own version (the second argument of its constant) with a
	 * change to its parser alone. An incremental run copies a file's staged rows only from a run
	 * that read it with the same version ({@link #readerVersion()}), so an older reading is never
	 * carried into a newer job.
	 */
	public static final int SHARED_READER_VERSION = 1;

	private final String folder;

	private final int parserVersion;

	SourceKind(String folder, int parserVersion) {
		this.folder = folder;
		this.parserVersion = parserVersion;
	}

	public String folder() {
		return folder;
	}

	/** This kind's reader's version, as {@code RECON_SOURCE_FILE.READER_VERSION} records it: {@code verification 1.1}. */
	public String readerVersion() {
		return folder + " " + SHARED_READER_VERSION + "." + parserVersion;
	}

	public SourceParser parser(String fileName, TabularFile file, ParseContext context) throws IOException {
		return switch (this) {
			case REGISTER -> new RegisterParser(fileName, file, context);
			case VERIFICATION -> new VerificationParser(fileName, file, context);
			case DECLARATIONS -> new DeclarationParser(fileName, file, context);
			case NOTIONAL -> new NotionalParser(fileName, file, context);
			case REPORTED -> new ReportedParser(fileName, file, context);
			case EXPLANATIONS -> new ExplanationsParser(fileName, file, context);
		};
	}
}
