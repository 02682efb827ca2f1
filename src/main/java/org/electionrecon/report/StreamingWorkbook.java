package org.electionrecon.report;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * POI's streaming workbook, tuned for sheets of a million rows. The report's time went mostly into
 * deflating the same XML twice at the default level (once into compressed temporary sheet files,
 * once into the .xlsx) and into escaping every cell's text one character at a time. Here the
 * temporary sheet files are plain buffered XML (about 300 bytes a box on disk while the workbook is
 * written; deleted after), the .xlsx is deflated at {@link Deflater#BEST_SPEED} (a few percent
 * larger, several times less CPU), and text that needs no escaping is written in one piece. The
 * cells written are the same: only the bytes of the compressed stream differ.
 */
final class StreamingWorkbook extends SXSSFWorkbook {

	StreamingWorkbook(int rowWindow) {
		super(null, rowWindow, false);
	}

	@Override
	protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
		ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
		zip.setLevel(Deflater.BEST_SPEED);
		return zip;
	}

	@Override
	protected SheetDataWriter createSheetDataWriter() throws IOException {
		return new FastSheetDataWriter();
	}

	/** Buffered temporary sheet files, and escaping only where it is needed. */
	static final class FastSheetDataWriter extends SheetDataWriter {

		FastSheetDataWriter() throws IOException {
			super();
		}

		@Override
		protected OutputStream decorateOutputStream(FileOutputStream fos) {
			return new java.io.BufferedOutputStream(fos, 65536);
		}

		@Override
		protected InputStream decorateInputStream(FileInputStream fis) {
			return new java.io.BufferedInputStream(fis, 65536);
		}

		@Override
		protected void outputEscapedString(String s) throws IOException {
			if (s == null || s.isEmpty()) {
				return;
			}
			if (needsEscaping(s)) {
				super.outputEscapedString(s);
			}
			else {
				_out.write(s);
			}
		}

		/** Whether POI's escaping would change anything in the text (see SheetDataWriter). */
		static boolean needsEscaping(String s) {
			for (int i = 0; i < s.length(); i++) {
				char c = s.charAt(i);
				if (c < ' ' || c == '<' || c == '>' || c == '&' || c == '"' || c == '\u00A0'
						|| Character.isSurrogate(c) || c >= '\uFFFE') {
					return true;
				}
			}
			return false;
		}
	}
}
