package org.electionrecon.staging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

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

	/** Every box of a block, in order. */
	public static void decode(String constituencyCode, byte[] block, Consumer<BallotBox> consumer) {
		Inflater inflater = new Inflater();
		try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
				new InflaterInputStream(new ByteArrayInputStream(block), inflater), 8192))) {
			int count = in.readInt();
			for (int i = 0; i < count; i++) {
				String box = text(in);
				String station = text(in);
				BoxType type = TYPES[in.readByte()];
				long issued = in.readLong();
				long verified = in.readLong();
				consumer.accept(new BallotBox(constituencyCode, box, station, type, issued, verified, text(in), text(in)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("a damaged box block of " + constituencyCode, ex);
		}
		finally {
			inflater.end();
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

	private static String text(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0) {
			return null;
		}
		byte[] utf8 = new byte[length];
		in.readFully(utf8);
		return new String(utf8, StandardCharsets.UTF_8);
	}
}
