package org.electionrecon.staging;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.BoxType;

/**
 * The ballot boxes of one constituency staged by one chunk, as one row of {@code RECON_BOX_BLOCK}.
 * A box is the input's most numerous record (a million in the largest workload); one indexed row per
 * box made the embedded database's index upkeep most of the ingest time, and reading them back most
 * of the report's. A block keeps every field of every box, in source order; the constituency code
 * is the row's. Its plain bytes are deflated: the database's log and data file shrink with them.
 * <p>
 * The plain bytes, as {@link #encode} writes them (the second format): the int -2 (four bytes,
 * big-endian), the count of boxes (a varint), then each box: its box and station texts, its type's
 * number (one byte), its issued and verified counts (zigzag varints), and its two source texts. A
 * text is a varint, 0 for none, else one more than the count of its first UTF-8 bytes that are the
 * same as in the same field of the last box that had one, followed by the varint length and the
 * bytes of the rest. Neighbouring boxes' sources differ only in their cell ("...Stafford'!D10",
 * "...Stafford'!D11"), so a box takes a few bytes besides its station: deflating them took most of
 * the staging thread's time when every box repeated its file and sheet in full.
 * <p>
 * The first format, read still for blocks staged before: the count as an int (so never negative),
 * then each box's texts as an int length (-1 for none) and UTF-8 bytes, its type's byte and its
 * counts as two longs, all as {@link java.io.DataOutputStream} writes them.
 */
public final class BoxBlocks {

	private static final BoxType[] TYPES = BoxType.values();

	/** The first int of the second format's plain bytes; the first format's count is never negative. */
	private static final int SECOND_FORMAT = -2;

	/** A box's text fields, in the order they are written: each is compared with its own field's last. */
	private static final int TEXT_FIELDS = 4;

	private BoxBlocks() {
	}

	/** The boxes, all of one constituency, in the order they are to be read back. */
	public static byte[] encode(List<BallotBox> boxes) {
		BlockWriter out = new BlockWriter(boxes.size() * 48 + 16);
		out.writeInt(SECOND_FORMAT);
		out.writeVarint(boxes.size());
		for (BallotBox box : boxes) {
			out.writeText(0, box.box());
			out.writeText(1, box.station());
			out.writeByte(box.type().ordinal());
			out.writeVarlong(box.issued());
			out.writeVarlong(box.verified());
			out.writeText(2, box.issuedSource());
			out.writeText(3, box.verifiedSource());
		}
		return out.deflated();
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
			for (int i = 0, count = in.boxCount(); i < count; i++) {
				String box = in.text(0);
				String station = in.text(1);
				BoxType type = in.readType();
				long issued = in.number();
				long verified = in.number();
				String issuedSource = in.text(2);
				String verifiedSource = in.text(3);
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

	/** A block's plain bytes as they are written, then deflated. */
	private static final class BlockWriter {

		private byte[] bytes;

		private int length;

		/** Per text field, the UTF-8 bytes of the last box's value that was not {@code null}. */
		private final byte[][] last = new byte[TEXT_FIELDS][];

		BlockWriter(int capacity) {
			bytes = new byte[capacity];
			Arrays.fill(last, new byte[0]);
		}

		void writeInt(int value) {
			ensure(Integer.BYTES);
			bytes[length++] = (byte) (value >>> 24);
			bytes[length++] = (byte) (value >>> 16);
			bytes[length++] = (byte) (value >>> 8);
			bytes[length++] = (byte) value;
		}

		void writeByte(int value) {
			ensure(1);
			bytes[length++] = (byte) value;
		}

		/** An int that is never negative, seven bits a byte, the lowest first. */
		void writeVarint(int value) {
			writeUnsigned(value & 0xFFFF_FFFFL);
		}

		/** A long of either sign, zigzagged so that small negatives are short too. */
		void writeVarlong(long value) {
			writeUnsigned((value << 1) ^ (value >> 63));
		}

		private void writeUnsigned(long value) {
			ensure(10);
			while ((value & ~0x7FL) != 0) {
				bytes[length++] = (byte) ((value & 0x7F) | 0x80);
				value >>>= 7;
			}
			bytes[length++] = (byte) value;
		}

		void writeText(int field, String text) {
			if (text == null) {
				writeVarint(0);
				return;
			}
			byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
			byte[] previous = last[field];
			int same = Arrays.mismatch(previous, utf8);
			if (same < 0) {
				same = utf8.length;
			}
			same = Math.min(same, Math.min(previous.length, utf8.length));
			writeVarint(same + 1);
			writeVarint(utf8.length - same);
			ensure(utf8.length - same);
			System.arraycopy(utf8, same, bytes, length, utf8.length - same);
			length += utf8.length - same;
			last[field] = utf8;
		}

		private void ensure(int count) {
			if (bytes.length - length < count) {
				bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
			}
		}

		byte[] deflated() {
			Deflater deflater = new Deflater(Deflater.BEST_SPEED);
			try {
				deflater.setInput(bytes, 0, length);
				deflater.finish();
				byte[] out = new byte[length / 2 + 64];
				int written = 0;
				while (!deflater.finished()) {
					if (written == out.length) {
						out = Arrays.copyOf(out, out.length * 2);
					}
					written += deflater.deflate(out, written, out.length - written);
				}
				return Arrays.copyOf(out, written);
			}
			finally {
				deflater.end();
			}
		}
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
	 * Reads a block's plain bytes in place, in either format (see the class): its first int tells
	 * which, and {@link #boxCount}, {@link #text} and {@link #number} read a box's fields as that
	 * format wrote them. Reading past the end, a negative length other than -1, a number of more than
	 * ten bytes, a text sharing more than its field's last text has and a type beyond {@link BoxType}
	 * are damage, never a value.
	 */
	private static final class BlockReader {

		private final byte[] bytes;

		private final int end;

		private int position;

		/** Per text field of the second format: the last text's UTF-8 bytes, their length and the text. */
		private final byte[][] lastBytes = { new byte[64], new byte[64], new byte[64], new byte[64] };

		private final int[] lastLengths = new int[TEXT_FIELDS];

		private final String[] lastTexts = new String[TEXT_FIELDS];

		/** Whether the block is in the second format (its mark read), else the first (its count read). */
		private final boolean secondFormat;

		/** The first format's count, read with the first int. */
		private final int firstFormatCount;

		BlockReader(PlainBlock block) throws IOException {
			this.bytes = block.bytes();
			this.end = block.length();
			int first = readInt();
			secondFormat = first == SECOND_FORMAT;
			if (!secondFormat && first < 0) {
				throw new IOException("a block that starts with " + first + ", neither a count nor a format's mark");
			}
			firstFormatCount = secondFormat ? 0 : first;
		}

		/** How many boxes the block holds. */
		int boxCount() throws IOException {
			return secondFormat ? readVarint() : firstFormatCount;
		}

		/** A box's text field ({@code field}: its place among the four), in the block's format. */
		String text(int field) throws IOException {
			return secondFormat ? readSharedText(field) : readText();
		}

		/** A box's count, in the block's format. */
		long number() throws IOException {
			return secondFormat ? readVarlong() : readLong();
		}

		private int readInt() throws IOException {
			require(Integer.BYTES);
			int value = (bytes[position] & 0xFF) << 24 | (bytes[position + 1] & 0xFF) << 16
					| (bytes[position + 2] & 0xFF) << 8 | bytes[position + 3] & 0xFF;
			position += Integer.BYTES;
			return value;
		}

		private long readLong() throws IOException {
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

		private String readText() throws IOException {
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

		/** An int written by {@link BlockWriter#writeVarint}: at most five bytes, never negative. */
		private int readVarint() throws IOException {
			long value = readUnsigned();
			if (value > Integer.MAX_VALUE) {
				throw new IOException("a count or length of " + value + " at byte " + position);
			}
			return (int) value;
		}

		/** A long written by {@link BlockWriter#writeVarlong}. */
		private long readVarlong() throws IOException {
			long zigzag = readUnsigned();
			return (zigzag >>> 1) ^ -(zigzag & 1);
		}

		private long readUnsigned() throws IOException {
			long value = 0;
			for (int shift = 0; shift < 64; shift += 7) {
				require(1);
				byte b = bytes[position++];
				value |= (long) (b & 0x7F) << shift;
				if (b >= 0) {
					return value;
				}
			}
			throw new IOException("a number of more than ten bytes at byte " + position);
		}

		/**
		 * A text written by {@link BlockWriter#writeText}: the bytes it shares with its field's last
		 * text, then its own; the same string again when it is all shared.
		 */
		private String readSharedText(int field) throws IOException {
			int tag = readVarint();
			if (tag == 0) {
				return null;
			}
			int same = tag - 1;
			int lastLength = lastLengths[field];
			if (same > lastLength) {
				throw new IOException("a text sharing " + same + " bytes of one of " + lastLength + " at byte " + position);
			}
			int rest = readVarint();
			require(rest);
			if (rest == 0 && same == lastLength && lastTexts[field] != null) {
				return lastTexts[field];
			}
			byte[] text = lastBytes[field];
			if (text.length < same + rest) {
				text = Arrays.copyOf(text, Math.max(2 * text.length, same + rest));
				lastBytes[field] = text;
			}
			System.arraycopy(bytes, position, text, same, rest);
			position += rest;
			lastLengths[field] = same + rest;
			String value = new String(text, 0, same + rest, StandardCharsets.UTF_8);
			lastTexts[field] = value;
			return value;
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
