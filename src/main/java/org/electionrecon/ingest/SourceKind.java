package org.electionrecon.ingest;

import java.io.IOException;

import org.electionrecon.ingest.table.TabularFile;

/** The input folder's subfolders, each a kind of source with its own parser. */
public enum SourceKind {

	REGISTER("register"), VERIFICATION("verification"), DECLARATIONS("declarations"), NOTIONAL("notional"),
	REPORTED("reported"), EXPLANATIONS("explanations");

	private final String folder;

	SourceKind(String folder) {
		this.folder = folder;
	}

	public String folder() {
		return folder;
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
