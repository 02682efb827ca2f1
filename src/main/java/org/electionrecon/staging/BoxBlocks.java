package org.electionrecon.staging;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.BoxType;

/**
 * The ballot boxes of one constituency staged by one chunk, as one row of {@code RECON_BOX_BLOCK}.
 * A box is the input's most numerous record (a million in the largest workload); one indexed row per
 * box made the embedded database's index upkeep most of the ingest time, and reading them back most
 * of the report's. A block keeps every field of every box, in source order: the constituency code
 * is the row's, and each box is its text fields (UTF-8, length-prefixed, -1 for none), its type and
 * its two counts, the whole deflated: the boxes' source references repeat their file and sheet, so
 * a block is about a fifth of its plain size, and the database's log and data file shrink with it.
 */
public final class BoxBlocks {

	private static final BoxType[] TYPES = BoxType.values();

	private BoxBlocks() {
	}

	/** The boxes, all of one constituency, in the order they are to be read back. */
	public static byte[] encode(List<BallotBox> boxes) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(boxes.size() * 40 + 64);
		Deflater deflater = new Deflater(Deflater.BEST_SPEED);
		try (DataOutputStream out = new DataOutputStream(
				new java.io.BufferedOutputStream(new DeflaterOutputStream(bytes, deflater), 8192))) {
			out.writeInt(boxes.size());
			for (BallotBox box : boxes) {
				text(out, box.box());
				text(out, box.station());
				out.writeByte(box.type().ordinal());
				out.writeLong(box.issued());
				out.writeLong(box.verified());
				text(out, box.issuedSource());
				text(out, box.verifiedSource());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			deflater.end();
		}
		return bytes.toByteArray();
	}

	/**
	 * Every box of a block, in order. The block is inflated whole into one array (a chunk's boxes of
	 * one constituency: tens of KB at most) and read from it in place: a stream reader over an
	 * inflating stream, with an array for every text, was a tenth of the report's time. A block that
	 * is cut short, does not inflate, or does not hold exactly its count of boxes is refused.
	 *
	 * @throws UncheckedIOException for a damaged block, before any box when it does not inflate
	 */
	public static void decode(String constituencyCode, byte[] block, Consumer<BallotBox> consumer) {
		try {
			BlockReader in = new BlockReader(inflate(block));
			int count = in.readInt();
			for (int i = 0; i < count; i++) {
				String box = in.readText();
				String station = in.readText();
				BoxType type = in.readType();
				long issued = in.readLong();
				long verified = in.readLong();
				String issuedSource = in.readText();
				String verifiedSource = in.readText();
				consumer.accept(new BallotBox(constituencyCode, box, station, type, issued, verified, issuedSource,
						verifiedSource));
			}
			in.requireEnd();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("a damaged box block of " + constituencyCode, ex);
		}
	}

	/** Every staged box of a constituency in a run, in source order, one block at a time. */
	public static void forEachBox(org.springframework.jdbc.core.JdbcTemplate jdbc, long runId, String constituencyCode,
			Consumer<BallotBox> consumer) {
		jdbc.query("SELECT DATA FROM RECON_BOX_BLOCK WHERE RUN_ID = ? AND CONSTITUENCY_CODE = ? ORDER BY SEQ",
				rs -> {
					decode(constituencyCode, rs.getBytes(1), consumer);
				}, runId, constituencyCode);
	}

	private static void text(DataOutputStream out, String text) throws IOException {
		if (text == null) {
			out.writeInt(-1);
			return;
		}
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		out.writeInt(utf8.length);
		out.write(utf8);
	}

	/** The block's plain bytes: all of its deflated stream, which must end within it. */
	private static PlainBlock inflate(byte[] block) throws IOException {
		Inflater inflater = new Inflater();
		try {
			inflater.setInput(block);
			// A block deflates to about a fifth of its plain size; the array doubles when that is short.
			byte[] plain = new byte[Math.max(256, block.length * 6)];
			int length = 0;
			while (!inflater.finished()) {
				if (length == plain.length) {
					plain = Arrays.copyOf(plain, 2 * plain.length);
				}
				int inflated = inflater.inflate(plain, length, plain.length - length);
				if (inflated == 0 && !inflater.finished()) {
					// With all the input given and room to write, no progress means the stream stops short.
					throw new EOFException("the deflated stream stops unfinished in its " + block.length + " bytes");
				}
				length += inflated;
			}
			return new PlainBlock(plain, length);
		}
		catch (DataFormatException ex) {
			throw new IOException("not a deflated stream", ex);
		}
		finally {
			inflater.end();
		}
	}

	/** A block's plain bytes: the first {@code length} of {@code bytes}. */
	private record PlainBlock(byte[] bytes, int length) {
	}

	/**
	 * Reads a block's plain bytes in place, as {@link #encode} wrote them through a {@link
	 * DataOutputStream}: ints and longs big-endian, a text as its UTF-8 length (-1 for none) and bytes.
	 * Reading past the end, a negative length other than -1 and a type beyond {@link BoxType} are
	 * damage, never a value.
	 */
	private static final class BlockReader {

		private final byte[] bytes;

		private final int end;

		private int position;

		BlockReader(PlainBlock block) {
			this.bytes = block.bytes();
			this.end = block.length();
		}

		int readInt() throws IOException {
			require(Integer.BYTES);
			int value = (bytes[position] & 0xFF) << 24 | (bytes[position + 1] & 0xFF) << 16
					| (bytes[position + 2] & 0xFF) << 8 | bytes[position + 3] & 0xFF;
			position += Integer.BYTES;
			return value;
		}

		long readLong() throws IOException {
			long high = readInt();
			return high << 32 | readInt() & 0xFFFF_FFFFL;
		}

		BoxType readType() throws IOException {
			require(1);
			int ordinal = bytes[position++];
			if (ordinal < 0 || ordinal >= TYPES.length) {
				throw new IOException("box type number " + ordinal + " at byte " + (position - 1) + ", where there are "
						+ TYPES.length + " types");
			}
			return TYPES[ordinal];
		}

		String readText() throws IOException {
			int length = readInt();
			if (length == -1) {
				return null;
			}
			if (length < 0) {
				throw new IOException("a text of length " + length + " at byte " + (position - Integer.BYTES));
			}
			require(length);
			String text = new String(bytes, position, length, StandardCharsets.UTF_8);
			position += length;
			return text;
		}

		/** After the last box: nothing may follow it. */
		void requireEnd() throws IOException {
			if (position != end) {
				throw new IOException("bytes follow the block's last box: " + (end - position));
			}
		}

		private void require(int count) throws EOFException {
			if (count > end - position) {
				throw new EOFException("the block ends " + (end - position) + " bytes after byte " + position
						+ ", inside a value of " + count);
			}
		}
	}
}
