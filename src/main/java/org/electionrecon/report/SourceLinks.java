package org.electionrecon.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.electionrecon.model.SourceRef;

/**
 * Where a Source cell's hyperlink goes: the input file its first reference names, by a path
 * relative to the workbook's folder (an absolute {@code file:} URI when there is none), and the
 * sheet and cell in that file ({@code 'Stafford'!E19}): the form Excel writes for a link to a cell
 * of another workbook, and LibreOffice follows. A range links to its first cell, a whole sheet to
 * its cell A1, a whole file (or folder) to the file alone. A file that is not in the input folder
 * (any more) gets no link.
 * <p>
 * What it holds is bounded by the input files: a target per file named, and the last reference's
 * file and sheet, which the next row of a Boxes sheet usually shares.
 */
final class SourceLinks {

	/** A hyperlink's target: the file as a URI, and the place in it ({@code null} for the file alone). */
	record Target(String uri, String location) {
	}

	private final Path inputFolder;

	private final Path workbookFolder;

	/** Each file's URI, by its name relative to the input folder; absent from the map when not yet asked. */
	private final Map<String, Target> files = new HashMap<>();

	/** The quoted part and {@code !} of the last reference linked, its file's URI, and its location's start. */
	private String lastPrefix;

	private String lastUri;

	private String lastLocationPrefix;

	/**
	 * @param inputFolder the run's input folder, which the references are relative to
	 * @param workbookFolder the folder the workbook is written into
	 */
	SourceLinks(Path inputFolder, Path workbookFolder) {
		this.inputFolder = inputFolder.toAbsolutePath().normalize();
		this.workbookFolder = workbookFolder.toAbsolutePath().normalize();
	}

	/** The link of a Source text: its first reference's; {@code null} when it names no existing input file. */
	Target of(String source) {
		if (source == null || source.isEmpty()) {
			return null;
		}
		if (source.charAt(0) == '\'' && source.indexOf(';') < 0 && source.indexOf(", '") < 0) {
			return ofReference(source); // one reference, unlabelled: the Boxes sheet's usual Source
		}
		List<String> references = SourceRef.references(source);
		return references.isEmpty() ? null : ofReference(references.get(0));
	}

	/**
	 * The link of one reference: {@code 'dir/[file]Sheet'!E19}, a range {@code ...!E12:E41}, a whole
	 * sheet {@code 'dir/[file]Sheet'}, or a file or folder name.
	 */
	Target ofReference(String reference) {
		int bang = reference.lastIndexOf("'!");
		if (bang > 0 && lastPrefix != null && bang + 2 == lastPrefix.length() && reference.startsWith(lastPrefix)) {
			String cell = firstCell(reference.substring(bang + 2));
			if (cell != null) {
				return lastUri == null ? null : new Target(lastUri, lastLocationPrefix + cell);
			}
		}
		boolean wholeSheet = bang < 0 && reference.startsWith("'") && reference.endsWith("'");
		SourceRef.Parsed parsed = SourceRef.parse(wholeSheet ? reference + "!A1" : reference);
		if (parsed == null) {
			// not a reference to a cell or a sheet: a file or a folder
			return bang < 0 && !reference.startsWith("'") ? file(reference) : null;
		}
		Target file = file(parsed.file());
		String locationPrefix = SheetWriter.sheetLocation(parsed.sheet(), "");
		if (!wholeSheet) {
			lastPrefix = reference.substring(0, bang + 2);
			lastUri = file == null ? null : file.uri();
			lastLocationPrefix = locationPrefix;
		}
		return file == null ? null : new Target(file.uri(), locationPrefix + parsed.firstColumn() + parsed.firstRow());
	}

	/** The first cell of a cell or a range ({@code E12} of {@code E12:E41}); {@code null} when it is neither. */
	private static String firstCell(String cells) {
		int colon = cells.indexOf(':');
		String first = colon < 0 ? cells : cells.substring(0, colon);
		int letters = 0;
		while (letters < first.length() && first.charAt(letters) >= 'A' && first.charAt(letters) <= 'Z') {
			letters++;
		}
		if (letters == 0 || letters == first.length()) {
			return null;
		}
		for (int i = letters; i < first.length(); i++) {
			if (first.charAt(i) < '0' || first.charAt(i) > '9') {
				return null;
			}
		}
		return first;
	}

	/** The file (or folder) alone, by its name relative to the input folder; {@code null} when it does not exist. */
	private Target file(String name) {
		return files.computeIfAbsent(name, this::resolve);
	}

	private Target resolve(String name) {
		Path file = inputFolder.resolve(name).normalize();
		if (!file.startsWith(inputFolder) || !Files.exists(file)) {
			return null;
		}
		return new Target(uri(file), null);
	}

	/**
	 * The file's URI as a hyperlink's target: relative to the workbook's folder, with {@code /}
	 * between names and the characters a URI cannot hold escaped ({@code %20}); an absolute
	 * {@code file:} URI when the two are on different roots.
	 */
	String uri(Path file) {
		Path relative;
		try {
			relative = workbookFolder.relativize(file);
		}
		catch (IllegalArgumentException differentRoots) {
			return file.toUri().toASCIIString();
		}
		StringBuilder path = new StringBuilder();
		if (relative.getNameCount() > 0 && relative.getName(0).toString().indexOf(':') >= 0) {
			path.append('.'); // "a:b.xlsx" would read as a URI of scheme "a"
		}
		for (Path name : relative) {
			if (path.length() > 0) {
				path.append('/');
			}
			path.append(name);
		}
		if (Files.isDirectory(file)) {
			path.append('/');
		}
		try {
			return new URI(null, null, path.toString(), null).toASCIIString();
		}
		catch (URISyntaxException e) {
			return file.toUri().toASCIIString();
		}
	}
}
