package org.electionrecon.ingest.table;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A workbook part's inflated bytes, counted as they are read: over {@link ReaderLimits#MAX_PART_BYTES},
 * or inflated more than {@code 1 / }{@link ReaderLimits#MIN_INFLATE_RATIO} times its compressed size
 * once past a first megabyte (small parts of repeated markup compress well), the part is a zip bomb
 * and reading stops with a {@link ReaderLimitException}. POI's {@code ZipSecureFile} checks the same
 * ratio underneath; its refusal is given the same reason.
 */
final class PartBounds extends FilterInputStream {

	/** Bytes inflated before the ratio counts, as POI's own grace. */
	static final long RATIO_GRACE_BYTES = 1L << 20;

	/** The greatest inflation, the inverse of {@link ReaderLimits#MIN_INFLATE_RATIO}. */
	static final long MAX_INFLATION = Math.round(1 / ReaderLimits.MIN_INFLATE_RATIO);

	private final String where;

	private final long compressedBytes;

	private final long maxBytes;

	private long inflatedBytes;

	/**
	 * @param compressedBytes the part's compressed size in the zip, or -1 when the zip does not say
	 */
	PartBounds(InputStream in, String where, long compressedBytes) {
		this(in, where, compressedBytes, ReaderLimits.MAX_PART_BYTES);
	}

	PartBounds(InputStream in, String where, long compressedBytes, long maxBytes) {
		super(in);
		this.where = where;
		this.compressedBytes = compressedBytes;
		this.maxBytes = maxBytes;
	}

	@Override
	public int read() throws IOException {
		int b;
		try {
			b = in.read();
		}
		catch (IOException ex) {
			throw asBound(ex);
		}
		if (b >= 0) {
			counted(1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n;
		try {
			n = in.read(buffer, offset, length);
		}
		catch (IOException ex) {
			throw asBound(ex);
		}
		if (n > 0) {
			counted(n);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = in.skip(n);
		counted(skipped);
		return skipped;
	}

	private void counted(long n) throws ReaderLimitException {
		inflatedBytes += n;
		if (inflatedBytes > maxBytes) {
			throw new ReaderLimitException(where, "the part's inflated size", maxBytes, "bytes");
		}
		if (compressedBytes >= 0 && inflatedBytes > RATIO_GRACE_BYTES && inflatedBytes > compressedBytes * MAX_INFLATION) {
			throw inflatedTooMuch(null);
		}
	}

	private ReaderLimitException inflatedTooMuch(Throwable cause) {
		return new ReaderLimitException(where, "the part's inflation", MAX_INFLATION, "times its compressed size",
				cause);
	}

	/** POI's zip-bomb refusals ("Zip bomb detected! ...") as the bound they cross. */
	private IOException asBound(IOException ex) {
		String message = ex.getMessage();
		if (message != null && message.startsWith("Zip bomb detected")) {
			return message.contains("ratio") ? inflatedTooMuch(ex)
					: new ReaderLimitException(where, "the part's inflated size", maxBytes, "bytes", ex);
		}
		return ex;
	}
}
