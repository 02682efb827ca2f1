package org.electionrecon.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.BoxType;
import org.junit.jupiter.api.Test;

class BoxBlocksTests {

	private static final List<BallotBox> BOXES = List.of(
			new BallotBox("E14001500", "SA1", "St Mary's Church Hall, Ynys Môn", BoxType.POLLING_STATION, 1_204, 1_203,
					"'verification/[stafford.xlsx]Stafford'!C10", "'verification/[stafford.xlsx]Stafford'!D10"),
			new BallotBox("E14001500", "Postal 3", null, BoxType.POSTAL, 0, 9_876_543_210L, "", "x!y!D11"),
			new BallotBox("E14001500", "Ü – \uD83D\uDDF3", "a\tb\nc", BoxType.POSTAL,
					-1, Long.MAX_VALUE, null, null),
			new BallotBox("E14001500", "東京 ŵ", "", BoxType.POLLING_STATION, Long.MIN_VALUE, -9_876_543_210L, "’", "é"));

	@Test
	void shouldReadBackEveryFieldOfEveryBoxInOrder() {
		List<BallotBox> read = new ArrayList<>();

		BoxBlocks.decode("E14001500", BoxBlocks.encode(BOXES), read::add);

		assertThat(read).containsExactlyElementsOf(BOXES);
	}

	@Test
	void shouldGiveTheCodeOfTheRowToEveryBox() {
		byte[] block = BoxBlocks.encode(List.of(new BallotBox("E1", "B1", "S", BoxType.POLLING_STATION, 1, 2, "a", "b")));
		List<BallotBox> read = new ArrayList<>();

		BoxBlocks.decode("S14000001", block, read::add);

		assertThat(read).extracting(BallotBox::constituencyCode).containsExactly("S14000001");
	}

	@Test
	void shouldHoldAnEmptyBlock() {
		List<BallotBox> read = new ArrayList<>();

		BoxBlocks.decode("E1", BoxBlocks.encode(List.of()), read::add);

		assertThat(read).isEmpty();
	}

	private static final List<BallotBox> THOUSANDS = IntStream.range(0, 5_000)
		.mapToObj(i -> new BallotBox("E1", "SA" + i, i % 3 == 0 ? null : "Polling station " + i % 7,
				BoxType.values()[i % 2], i, i - 1, "'verification/[a-long-file-name-that-repeats.xlsx]Sheet'!C" + i,
				i % 5 == 0 ? "" : "'verification/[a-long-file-name-that-repeats.xlsx]Sheet'!D" + i))
		.toList();

	/** Thousands of boxes whose texts share their start with the box before (or are none, or empty). */
	@Test
	void shouldReadBackABlockOfThousandsOfBoxes() {
		byte[] block = BoxBlocks.encode(THOUSANDS);
		List<BallotBox> read = new ArrayList<>();

		BoxBlocks.decode("E1", block, read::add);

		assertThat(read).containsExactlyElementsOf(THOUSANDS);
		// each box's sources take a few bytes, not their 60 characters each
		assertThat(plain(block).length).isLessThan(THOUSANDS.size() * 40);
	}

	/** Blocks staged before the second format read as they were written, also when they inflate to many times their size. */
	@Test
	void shouldReadBlocksOfTheFirstFormat() {
		byte[] block = deflated(firstFormat(THOUSANDS));
		List<BallotBox> read = new ArrayList<>();

		BoxBlocks.decode("E1", block, read::add);

		assertThat(plain(block).length).isGreaterThan(block.length * 6);
		assertThat(read).containsExactlyElementsOf(THOUSANDS);
		List<BallotBox> few = new ArrayList<>();
		BoxBlocks.decode("E14001500", deflated(firstFormat(BOXES)), few::add);
		assertThat(few).containsExactlyElementsOf(BOXES);
	}

	/** The plain bytes as a DataOutputStream writes them, read by the format's own description. */
	@Test
	void shouldReadTheFormatAsDataOutputStreamWritesIt() throws IOException {
		ByteArrayOutputStream plain = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(plain)) {
			out.writeInt(1);
			out.writeInt(2);
			out.write("B1".getBytes(StandardCharsets.UTF_8));
			out.writeInt(-1);
			out.writeByte(BoxType.POSTAL.ordinal());
			out.writeLong(0x0102_0304_0506_0708L);
			out.writeLong(-2L);
			out.writeInt(4);
			out.write("Môn".getBytes(StandardCharsets.UTF_8));
			out.writeInt(0);
		}
		List<BallotBox> read = new ArrayList<>();

		BoxBlocks.decode("E1", deflated(plain.toByteArray()), read::add);

		assertThat(read).containsExactly(new BallotBox("E1", "B1", null, BoxType.POSTAL, 0x0102_0304_0506_0708L, -2L,
				"Môn", ""));
	}

	@Test
	void shouldRefuseABlockCutShortAnywhere() {
		byte[] block = BoxBlocks.encode(BOXES);
		for (int length = 0; length < block.length; length++) {
			byte[] cut = Arrays.copyOf(block, length);
			List<BallotBox> read = new ArrayList<>();

			assertThatThrownBy(() -> BoxBlocks.decode("E1", cut, read::add)).as("cut to %d bytes", length)
				.isInstanceOf(UncheckedIOException.class)
				.hasMessage("a damaged box block of E1");
			assertThat(read).as("boxes read from a block cut to %d bytes", length).isEmpty();
		}
	}

	@Test
	void shouldRefuseABlockWithAnyByteChanged() {
		byte[] block = BoxBlocks.encode(BOXES);
		for (int i = 0; i < block.length; i++) {
			byte[] changed = block.clone();
			changed[i] ^= (byte) 0xFF;

			assertThatThrownBy(() -> BoxBlocks.decode("E1", changed, box -> {
			})).as("byte %d changed", i).isInstanceOf(UncheckedIOException.class).hasMessage("a damaged box block of E1");
		}
	}

	/** A well deflated block whose plain bytes stop inside a box, wherever that is. */
	@Test
	void shouldRefuseBoxesCutShortAnywhere() {
		for (byte[] plain : List.of(plain(BoxBlocks.encode(BOXES)), firstFormat(BOXES))) {
			for (int length = 0; length < plain.length; length++) {
				byte[] cut = deflated(Arrays.copyOf(plain, length));

				assertThatThrownBy(() -> BoxBlocks.decode("E1", cut, box -> {
				})).as("plain bytes cut to %d", length).isInstanceOf(UncheckedIOException.class)
					.hasMessage("a damaged box block of E1");
			}
		}
	}

	@Test
	void shouldRefuseBytesAfterTheLastBox() {
		for (byte[] plain : List.of(plain(BoxBlocks.encode(BOXES)), firstFormat(BOXES))) {
			byte[] longer = deflated(Arrays.copyOf(plain, plain.length + 1));

			assertThatThrownBy(() -> BoxBlocks.decode("E1", longer, box -> {
			})).isInstanceOf(UncheckedIOException.class)
				.hasMessage("a damaged box block of E1")
				.cause()
				.hasMessage("bytes follow the block's last box: 1");
		}
	}

	@Test
	void shouldRefuseASecondFormatBlockWithATypeANumberOrASharedTextNoBoxHas() {
		List<BallotBox> one = List.of(new BallotBox("E1", "B1", null, BoxType.POSTAL, 5, -5, "a", "b"));
		byte[] plain = plain(BoxBlocks.encode(one));
		// the mark (4 bytes), the count (1), "B1" (tag 1, length 2, 2 bytes), no station (0), the type
		int type = 4 + 1 + 4 + 1;
		assertThat(Arrays.copyOfRange(plain, 0, type + 1)).containsExactly(0xFF, 0xFF, 0xFF, 0xFE, 1, 1, 2, 'B', '1', 0,
				BoxType.POSTAL.ordinal());
		byte[] badType = plain.clone();
		badType[type] = (byte) BoxType.values().length;
		byte[] longNumber = new byte[plain.length + 10];
		System.arraycopy(plain, 0, longNumber, 0, type + 1);
		Arrays.fill(longNumber, type + 1, type + 12, (byte) 0x80);
		byte[] sharesTooMuch = plain.clone();
		sharesTooMuch[5] = 2; // "B1" sharing a byte with the field's last text, which there is none of
		byte[] badMark = plain.clone();
		badMark[3] = (byte) 0xFD;

		assertThatThrownBy(() -> BoxBlocks.decode("E1", deflated(badType), box -> {
		})).hasMessage("a damaged box block of E1").cause()
			.hasMessage("box type number 2 at byte " + type + ", where there are 2 types");
		assertThatThrownBy(() -> BoxBlocks.decode("E1", deflated(longNumber), box -> {
		})).hasMessage("a damaged box block of E1").cause()
			.hasMessage("a number of more than ten bytes at byte " + (type + 11));
		assertThatThrownBy(() -> BoxBlocks.decode("E1", deflated(sharesTooMuch), box -> {
		})).hasMessage("a damaged box block of E1").cause().hasMessage("a text sharing 1 bytes of one of 0 at byte 6");
		assertThatThrownBy(() -> BoxBlocks.decode("E1", deflated(badMark), box -> {
		})).hasMessage("a damaged box block of E1").cause()
			.hasMessage("a block that starts with -3, neither a count nor a format's mark");
	}

	@Test
	void shouldRefuseATypeOrALengthNoBoxHas() {
		byte[] plain = firstFormat(BOXES.subList(0, 1));
		// The first box: the count, then "SA1" (4 + 3 bytes), then its station's length.
		int stationLength = 4 + 4 + 3;
		int type = stationLength + 4 + "St Mary's Church Hall, Ynys Môn".getBytes(StandardCharsets.UTF_8).length;
		byte[] badType = plain.clone();
		badType[type] = (byte) BoxType.values().length;
		byte[] negativeType = plain.clone();
		negativeType[type] = (byte) -1;
		byte[] badLength = plain.clone();
		badLength[stationLength] = (byte) 0xFF;
		badLength[stationLength + 3] = (byte) 0xFE;

		assertThatThrownBy(() -> BoxBlocks.decode("E1", deflated(badType), box -> {
		})).hasMessage("a damaged box block of E1").cause()
			.hasMessage("box type number 2 at byte " + type + ", where there are 2 types");
		assertThatThrownBy(() -> BoxBlocks.decode("E1", deflated(negativeType), box -> {
		})).hasMessage("a damaged box block of E1").cause()
			.hasMessage("box type number -1 at byte " + type + ", where there are 2 types");
		assertThatThrownBy(() -> BoxBlocks.decode("E1", deflated(badLength), box -> {
		})).hasMessage("a damaged box block of E1").cause()
			.hasMessage("a text of length " + 0xFF00_00FE + " at byte " + stationLength);
	}

	/** The plain bytes of a block as the first format had them. */
	private static byte[] firstFormat(List<BallotBox> boxes) {
		ByteArrayOutputStream plain = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(plain)) {
			out.writeInt(boxes.size());
			for (BallotBox box : boxes) {
				firstFormatText(out, box.box());
				firstFormatText(out, box.station());
				out.writeByte(box.type().ordinal());
				out.writeLong(box.issued());
				out.writeLong(box.verified());
				firstFormatText(out, box.issuedSource());
				firstFormatText(out, box.verifiedSource());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return plain.toByteArray();
	}

	private static void firstFormatText(DataOutputStream out, String text) throws IOException {
		if (text == null) {
			out.writeInt(-1);
			return;
		}
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		out.writeInt(utf8.length);
		out.write(utf8);
	}

	private static byte[] plain(byte[] block) {
		try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(block))) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] deflated(byte[] plain) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
			out.write(plain);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}
}
