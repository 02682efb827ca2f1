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
					"verification/stafford.xlsx!Stafford!C10", "verification/stafford.xlsx!Stafford!D10"),
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

	/** Thousands of boxes whose sources repeat: a block that inflates to many times its size. */
	@Test
	void shouldReadBackABlockOfThousandsOfBoxes() {
		List<BallotBox> boxes = IntStream.range(0, 5_000)
			.mapToObj(i -> new BallotBox("E1", "SA" + i, "Polling station " + i % 7, BoxType.POLLING_STATION, i,
					i - 1, "verification/a-long-file-name-that-repeats.xlsx!Sheet!C" + i,
					"verification/a-long-file-name-that-repeats.xlsx!Sheet!D" + i))
			.toList();
		byte[] block = BoxBlocks.encode(boxes);
		List<BallotBox> read = new ArrayList<>();

		BoxBlocks.decode("E1", block, read::add);

		assertThat(plain(block).length).isGreaterThan(block.length * 6);
		assertThat(read).containsExactlyElementsOf(boxes);
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
		byte[] plain = plain(BoxBlocks.encode(BOXES));
		for (int length = 0; length < plain.length; length++) {
			byte[] cut = deflated(Arrays.copyOf(plain, length));

			assertThatThrownBy(() -> BoxBlocks.decode("E1", cut, box -> {
			})).as("plain bytes cut to %d", length).isInstanceOf(UncheckedIOException.class)
				.hasMessage("a damaged box block of E1");
		}
	}

	@Test
	void shouldRefuseBytesAfterTheLastBox() {
		byte[] plain = plain(BoxBlocks.encode(BOXES));
		byte[] longer = deflated(Arrays.copyOf(plain, plain.length + 1));

		assertThatThrownBy(() -> BoxBlocks.decode("E1", longer, box -> {
		})).isInstanceOf(UncheckedIOException.class)
			.hasMessage("a damaged box block of E1")
			.cause()
			.hasMessage("bytes follow the block's last box: 1");
	}

	@Test
	void shouldRefuseATypeOrALengthNoBoxHas() {
		byte[] plain = plain(BoxBlocks.encode(BOXES.subList(0, 1)));
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
