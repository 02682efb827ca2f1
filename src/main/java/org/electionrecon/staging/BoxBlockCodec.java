package org.electionrecon.staging;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.electionrecon.ingest.table.ReaderLimits;
import org.electionrecon.model.BallotBox;
import org.electionrecon.model.BoxType;

/**
 * The bytes of a box block ({@code RECON_BOX_BLOCK.DATA}) and the boxes they hold: pure bytes to
 * records and back, no database ({@link BoxBlocks} stores and reads the rows). A block holds boxes
 * of one constituency, in source order; the constituency code is the row's. Its plain bytes are
 * deflated.
 * <p>
 * The plain bytes: the int {@link #FORMAT_MARK} (four bytes, big-endian); the block's table of box
 * types, by name: their count, then each {@link BoxType#name()} as a varint length and its ASCII
 * bytes; the count of boxes (a varint); then each box: its box and station texts, its type as its
 * place in the block's table (a varint), its issued and verified counts (zigzag varints), and its
 * two source texts. A text is a varint, 0 for none, else one more than the count of its first UTF-8
 * bytes that are the same as in the same field of the last box that had one, followed by the varint
 * length and the bytes of the rest. Neighbouring boxes' sources differ only in their cell
 * ("...Stafford'!D10", "...Stafford'!D11"), so a box takes a few bytes besides its station. The
 * types are read by name, so a block never depends on the order of {@link BoxType}'s constants.
 * <p>
 * A block's plain bytes are at most {@link #MAX_PLAIN_BYTES}: {@link #encode} splits a
 * constituency's boxes into as many blocks as that takes, and {@link #decode} refuses a block that
 * inflates to more, before it takes that memory. Only this format is read: a database staged by
 * an older format is rebuilt ({@link StagingSchema#VERSION}).
 */
public final class BoxBlockCodec {

	/** The most plain bytes one block may hold: 4 MiB, tens of thousands of boxes. */
	public static final int MAX_PLAIN_BYTES = 4 << 20;

	/** The first int of a block's plain bytes: this format (the third; the staging schema's version 7). */
	static final int FORMAT_MARK = -3;

	/** A box's text fields, in the order they are written: each is compared with its own field's last. */
	private static final int TEXT_FIELDS = 4;

	private static final int BOX = 0;

	private static final int STATION = 1;

	private static final int ISSUED_SOURCE = 2;

	private static final int VERIFIED_SOURCE = 3;

	/** The most types a block's table may list: more is damage. */
	private static final int MAX_TYPES = 64;

	/** The table of box types every block this writes holds: {@link BoxType}'s names, in its order. */
	private static final byte[] TYPE_TABLE = typeTable();

	/** Room before a block's boxes for its mark, its type table and its count (a varint of at most five bytes). */
	private static final int HEADER_ROOM = Integer.BYTES + TYPE_TABLE.length + 5;

	private static byte[] typeTable() {
		java.io.ByteArrayOutputStream table = new java.io.ByteArrayOutputStream();
		table.write(BoxType.values().length);
		for (BoxType type : BoxType.values()) {
			byte[] name = type.name().getBytes(StandardCharsets.US_ASCII);
			table.write(name.length);
			table.writeBytes(name);
		}
		return table.toByteArray();
	}

	/**
	 * The encoded bytes of some of the boxes given to {@link #encode}.
	 *
	 * @param firstBox the index of the block's first box in the list given
	 * @param boxes how many boxes it holds, from that one on
	 * @param data the deflated bytes, as they are stored
	 */
	public record EncodedBlock(int firstBox, int boxes, byte[] data) {
	}

	private BoxBlockCodec() {
	}

	/**
	 * The boxes, all of one constituency, in the order they are to be read back, as the fewest
	 * blocks that keep each within {@link #MAX_PLAIN_BYTES}; none for no boxes.
	 *
	 * @throws IllegalArgumentException for a box whose texts alone are over the limit
	 */
	public static List<EncodedBlock> encode(List<BallotBox> boxes) {
		return encode(boxes, MAX_PLAIN_BYTES);
	}

	static List<EncodedBlock> encode(List<BallotBox> boxes, int maxPlainBytes) {
		List<EncodedBlock> blocks = new ArrayList<>(1);
		BlockWriter out = null;
		int first = 0;
		for (int i = 0; i < boxes.size(); i++) {
			if (out == null) {
				out = new BlockWriter((boxes.size() - i) * 32 + HEADER_ROOM);
				first = i;
			}
			BlockWriter.Mark before = out.mark();
			out.writeBox(boxes.get(i));
			if (out.plainLength(i - first + 1) > maxPlainBytes) {
				if (i == first) {
					throw new IllegalArgumentException("box " + boxes.get(i).box() + " of " + boxes.get(i).constituencyCode()
							+ ": " + ReaderLimits.exceeded("one box's staged texts", maxPlainBytes, "bytes"));
				}
				out.reset(before);
				blocks.add(new EncodedBlock(first, i - first, out.deflated(i - first)));
				out = null;
				i--;
			}
		}
		if (out != null) {
			blocks.add(new EncodedBlock(first, boxes.size() - first, out.deflated(boxes.size() - first)));
		}
		return blocks;
	}

	/**
	 * Every box of a block, in order. The block is inflated whole into one array and read from it
	 * in place. A block that is cut short, does not inflate, inflates to more than
	 * {@link #MAX_PLAIN_BYTES}, is of another format or does not hold exactly its count of boxes is
	 * refused.
	 *
	 * @throws UncheckedIOException for a damaged block ("a damaged box block of E14000530"), its
	 * cause saying what is wrong; before any box when it does not inflate
	 */
	public static void decode(String constituencyCode, byte[] block, Consumer<BallotBox> consumer) {
		decode(constituencyCode, block, MAX_PLAIN_BYTES, consumer);
	}

	static void decode(String constituencyCode, byte[] block, int maxPlainBytes, Consumer<BallotBox> consumer) {
		try {
			BlockReader in = new BlockReader(inflate(block, maxPlainBytes));
			for (int i = 0, count = in.boxCount(); i < count; i++) {
				String box = in.text(BOX);
				String station = in.text(STATION);
				BoxType type = in.type();
				long issued = in.number();
				long verified = in.number();
				String issuedSource = in.text(ISSUED_SOURCE);
				String verifiedSource = in.text(VERIFIED_SOURCE);
				consumer.accept(new BallotBox(constituencyCode, box, station, type, issued, verified, issuedSource,
						verifiedSource));
			}
			in.requireEnd();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("a damaged box block of " + constituencyCode, ex);
		}
	}

	/** A block's plain bytes as they are written (after {@link #HEADER_ROOM} bytes kept for the header), then deflated. */
	private static final class BlockWriter {

		/** Where the writer was before a box: its length and each field's last text. */
		record Mark(int length, byte[][] last) {
		}

		private byte[] bytes;

		private int length = HEADER_ROOM;

		/** Per text field, the UTF-8 bytes of the last box's value that was not {@code null}. */
		private byte[][] last = new byte[TEXT_FIELDS][];

		BlockWriter(int capacity) {
			bytes = new byte[Math.max(capacity, 256)];
			Arrays.fill(last, new byte[0]);
		}

		Mark mark() {
			return new Mark(length, last.clone());
		}

		void reset(Mark mark) {
			length = mark.length();
			last = mark.last();
		}

		void writeBox(BallotBox box) {
			writeText(BOX, box.box());
			writeText(STATION, box.station());
			writeVarint(box.type().ordinal());
			writeVarlong(box.issued());
			writeVarlong(box.verified());
			writeText(ISSUED_SOURCE, box.issuedSource());
			writeText(VERIFIED_SOURCE, box.verifiedSource());
		}

		/** The plain bytes of the block if it held the boxes written so far, {@code count} of them. */
		int plainLength(int count) {
			return length - HEADER_ROOM + Integer.BYTES + TYPE_TABLE.length + varintLength(count);
		}

		private static int varintLength(int value) {
			int bytes = 1;
			while ((value & ~0x7F) != 0) {
				value >>>= 7;
				bytes++;
			}
			return bytes;
		}

		/** An int that is never negative, seven bits a byte, the lowest first. */
		private void writeVarint(int value) {
			writeUnsigned(value & 0xFFFF_FFFFL);
		}

		/** A long of either sign, zigzagged so that small negatives are short too. */
		private void writeVarlong(long value) {
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

		private void writeText(int field, String text) {
			if (text == null) {
				writeVarint(0);
				return;
			}
			writeText(field, text.getBytes(StandardCharsets.UTF_8));
		}

		private void writeText(int field, byte[] utf8) {
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

		/** The block of the boxes written, {@code count} of them: the header put just before them, all deflated. */
		byte[] deflated(int count) {
			int start = HEADER_ROOM - Integer.BYTES - TYPE_TABLE.length - varintLength(count);
			int end = length;
			length = start;
			bytes[length++] = (byte) (FORMAT_MARK >>> 24);
			bytes[length++] = (byte) (FORMAT_MARK >>> 16);
			bytes[length++] = (byte) (FORMAT_MARK >>> 8);
			bytes[length++] = (byte) FORMAT_MARK;
			System.arraycopy(TYPE_TABLE, 0, bytes, length, TYPE_TABLE.length);
			length += TYPE_TABLE.length;
			writeVarint(count);
			Deflater deflater = new Deflater(Deflater.BEST_SPEED);
			try {
				deflater.setInput(bytes, start, end - start);
				deflater.finish();
				byte[] out = new byte[(end - start) / 2 + 64];
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

	/** The block's plain bytes: all of its deflated stream, which must end within it and within the limit. */
	private static PlainBlock inflate(byte[] block, int maxPlainBytes) throws IOException {
		Inflater inflater = new Inflater();
		try {
			inflater.setInput(block);
			// A block deflates to about a fifth of its plain size; the array doubles when that is short.
			byte[] plain = new byte[Math.min(maxPlainBytes, Math.max(256, block.length * 6))];
			int length = 0;
			while (!inflater.finished()) {
				if (length == plain.length) {
					if (length == maxPlainBytes) {
						throw new IOException(ReaderLimits.exceeded("the block's plain bytes", maxPlainBytes, "bytes"));
					}
					plain = Arrays.copyOf(plain, (int) Math.min(maxPlainBytes, 2L * plain.length));
				}
				int inflated = inflater.inflate(plain, length, plain.length - length);
				if (inflated == 0 && !inflater.finished() && length < plain.length) {
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
	 * Reads a block's plain bytes in place. Reading past the end, a count larger than the bytes left,
	 * a number of more than ten bytes, a text sharing more than its field's last text has, a type
	 * name that is not a {@link BoxType} and a type beyond the block's table are damage, never a value.
	 */
	private static final class BlockReader {

		private final byte[] bytes;

		private final int end;

		private int position;

		/** Per text field: the last text's UTF-8 bytes, their length and the text. */
		private final byte[][] lastBytes = new byte[TEXT_FIELDS][64];

		private final int[] lastLengths = new int[TEXT_FIELDS];

		private final String[] lastTexts = new String[TEXT_FIELDS];

		/** The block's table of box types: a box's type is its place in it. */
		private final BoxType[] types;

		BlockReader(PlainBlock block) throws IOException {
			this.bytes = block.bytes();
			this.end = block.length();
			require(Integer.BYTES);
			int mark = (bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | bytes[3] & 0xFF;
			position = Integer.BYTES;
			if (mark != FORMAT_MARK) {
				throw new IOException("a block that starts with " + mark + ", not this format's mark " + FORMAT_MARK);
			}
			types = readTypeTable();
		}

		/** The block's table of box types, each name one of {@link BoxType}'s. */
		private BoxType[] readTypeTable() throws IOException {
			int count = readVarint();
			if (count > MAX_TYPES) {
				throw new IOException("a table of " + count + " box types at byte " + Integer.BYTES);
			}
			BoxType[] table = new BoxType[count];
			for (int i = 0; i < count; i++) {
				int nameLength = readVarint();
				require(nameLength);
				String name = new String(bytes, position, nameLength, StandardCharsets.US_ASCII);
				position += nameLength;
				table[i] = Arrays.stream(BoxType.values()).filter(type -> type.name().equals(name)).findFirst()
					.orElseThrow(() -> new IOException("box type '" + name + "' in the block's table, not one of "
							+ Arrays.toString(BoxType.values())));
			}
			return table;
		}

		/** How many boxes the block holds; each takes at least seven bytes. */
		int boxCount() throws IOException {
			int count = readVarint();
			if (count > (end - position) / 7) {
				throw new IOException("a count of " + count + " boxes in the " + (end - position) + " bytes left");
			}
			return count;
		}

		String text(int field) throws IOException {
			return readSharedText(field);
		}

		long number() throws IOException {
			long zigzag = readUnsigned();
			return (zigzag >>> 1) ^ -(zigzag & 1);
		}

		BoxType type() throws IOException {
			int at = position;
			int place = readVarint();
			if (place >= types.length) {
				throw new IOException("box type number " + place + " at byte " + at + ", where the block's table has "
						+ types.length);
			}
			return types[place];
		}

		/** An int written by {@link BlockWriter#writeVarint}: at most five bytes, never negative. */
		private int readVarint() throws IOException {
			long value = readUnsigned();
			if (value > Integer.MAX_VALUE) {
				throw new IOException("a count or length of " + value + " at byte " + position);
			}
			return (int) value;
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
