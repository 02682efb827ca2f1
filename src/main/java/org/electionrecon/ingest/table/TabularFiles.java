package org.electionrecon.ingest.table;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Opens a source file by what its bytes are, not only by what its name says. */
public final class TabularFiles {

	private TabularFiles() {
	}

	/**
	 * Opens the file; a file that cannot be read, now or while its rows are read, is an
	 * {@link UnreadableSourceException} with the reason.
	 */
	public static TabularFile open(Path file) throws IOException {
		try {
			return UnreadableOnDamage.of(openByContent(file));
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			throw UnreadableOnDamage.unreadable(ex);
		}
	}

	private static TabularFile openByContent(Path file) throws IOException {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		long size = Files.size(file);
		if (size == 0) {
			throw new UnreadableSourceException("the file is empty");
		}
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(8);
		}
		if (startsWith(head, 0x50, 0x4B, 0x03, 0x04)) {
			if (name.endsWith(".ods") || isOpenDocument(file)) {
				throw new UnreadableSourceException(
						"OpenDocument spreadsheets (.ods) are not supported: save it as .xlsx or .csv");
			}
			return openXlsx(file);
		}
		if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
			return openOle2(file);
		}
		if (startsWith(head, '%', 'P', 'D', 'F')) {
			throw new UnreadableSourceException("a PDF document is not a spreadsheet: ask the council for the .xlsx or .csv");
		}
		if (name.endsWith(".xlsx") || name.endsWith(".xlsm") || name.endsWith(".xls")) {
			throw new UnreadableSourceException("the file is named " + name.substring(name.lastIndexOf('.'))
					+ " but its content is not a workbook (truncated or another format)");
		}
		if (name.endsWith(".csv")) {
			return new CsvFile(file);
		}
		throw new UnreadableSourceException("unsupported file type: only .xlsx, .xlsm, .xls and .csv are read");
	}

	private static TabularFile openXlsx(Path file) throws UnreadableSourceException {
		try {
			return new XlsxFile(file);
		}
		catch (ReaderLimitException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new UnreadableSourceException("a damaged or truncated .xlsx workbook (" + rootMessage(ex) + ")", ex);
		}
	}

	private static TabularFile openOle2(Path file) throws IOException {
		XlsFile.refuseOverTheLimit(file);
		try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
			if (fs.getRoot().hasEntry("EncryptionInfo") || fs.getRoot().hasEntry("EncryptedPackage")) {
				throw new UnreadableSourceException("the workbook is password-protected: ask for an unprotected copy");
			}
		}
		catch (UnreadableSourceException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new UnreadableSourceException("a damaged or truncated .xls workbook (" + rootMessage(ex) + ")", ex);
		}
		try {
			return new XlsFile(file);
		}
		catch (IOException | RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof org.apache.poi.EncryptedDocumentException) {
					throw new UnreadableSourceException("the workbook is password-protected: ask for an unprotected copy",
							ex);
				}
			}
			throw new UnreadableSourceException("a damaged or unsupported .xls workbook (" + rootMessage(ex) + ")", ex);
		}
	}

	private static boolean isOpenDocument(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] head = in.readNBytes(100);
			return new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).contains("application/vnd.oasis.opendocument");
		}
	}

	/** Whether the file's first bytes are these. */
	static boolean startsWith(byte[] head, int... magic) {
		if (head.length < magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if ((head[i] & 0xFF) != magic[i]) {
				return false;
			}
		}
		return true;
	}

	/** The innermost cause's message, on one line and without exception class names. */
	public static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
	}
}
