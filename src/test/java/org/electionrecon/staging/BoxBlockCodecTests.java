package org.electionrecon.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.BoxType;
import org.junit.jupiter.api.Test;

class BoxBlockCodecTests {

	private static final List<BallotBox> BOXES = List.of(
			new BallotBox("E14001500", "SA1", "St Mary's Church Hall, Ynys Môn", BoxType.POLLING_STATION, 1_204, 1_203,
					"'verification/[stafford.xlsx]Stafford'!C10", "'verification/[stafford.xlsx]Stafford'!D10"),
			new BallotBox("E14001500", "Postal 3", null, BoxType.POSTAL, 0, 9_876_543_210L, "", "x!y!D11"),
			new BallotBox("E14001500", "Ü – \uD83D\uDDF3", "a\tb\nc", BoxType.POSTAL,
					-1, Long.MAX_VALUE, null, null),
			new BallotBox("E14001500", "東京 ŵ", "", BoxType.POLLING_STATION, Long.MIN_VALUE, -9_876_543_210L, "’", "é"));

	private static final List<BallotBox> THOUSANDS = IntStream.range(0, 5_000)
		.mapToObj(i -> new BallotBox("E1", "SA" + i, i % 3 == 0 ? null : "Polling station " + i % 7,
				BoxType.values()[i % 2], i, i - 1, "'verification/[a-long-file-name-that-repeats.xlsx]Sheet'!C" + i,
				i % 5 == 0 ? "" : "'verification/[a-long-file-name-that-repeats.xlsx]Sheet'!D" + i))
		.toList();

	@Test
	void shouldReadBackEveryFieldOfEveryBoxInOrder() {
		List<BallotBox> read = new ArrayList<>();

		BoxBlockCodec.decode("E14001500", single(BOXES), read::add);

		assertThat(read).containsExactlyElementsOf(BOXES);
	}

	@Test
	void shouldGiveTheCodeOfTheRowToEveryBox() {
		byte[] block = single(List.of(new BallotBox("E1", "B1", "S", BoxType.POLLING_STATION, 1, 2, "a", "b")));
		List<BallotBox> read = new ArrayList<>();

		BoxBlockCodec.decode("S14000001", block, read::add);

		assertThat(read).extracting(BallotBox::constituencyCode).containsExactly("S14000001");
	}

	@Test
	void shouldMakeNoBlockOfNoBoxesAndReadAnEmptyBlock() {
		List<BallotBox> read = new ArrayList<>();

		BoxBlockCodec.decode("E1", deflated(header(0)), read::add);

		assertThat(BoxBlockCodec.encode(List.of())).isEmpty();
		assertThat(read).isEmpty();
	}

	/** Thousands of boxes whose texts share their start with the box before (or are none, or empty). */
	@Test
	void shouldReadBackABlockOfThousandsOfBoxes() {
		byte[] block = single(THOUSANDS);
		List<BallotBox> read = new ArrayList<>();

		BoxBlockCodec.decode("E1", block, read::add);

		assertThat(read).containsExactlyElementsOf(THOUSANDS);
		// each box's sources and type take a few bytes, not their 60 and 15 characters each
		assertThat(plain(block).length).isLessThan(THOUSANDS.size() * 40);
	}

	/** The types are stored by name, in the block's table; a box holds its type's place in that table. */
	@Test
	void shouldStoreTheBoxTypeByName() {
		List<BallotBox> two = List.of(new BallotBox("E1", "B1", null, BoxType.POSTAL, 5, -5, "a", "b"),
				new BallotBox("E1", "B2", null, BoxType.POSTAL, 6, 3, "a", "b"));

		byte[] plain = plain(single(two));

		// the mark, the table of types, the count; then "B1" (tag 1, length 2, 2 bytes), no station (0),
		// the type (1: POSTAL), the counts and the sources
		assertThat(plain).containsExactly(0xFF, 0xFF, 0xFF, 0xFD, //
				2, 15, 'P', 'O', 'L', 'L', 'I', 'N', 'G', '_', 'S', 'T', 'A', 'T', 'I', 'O', 'N', 6, 'P', 'O', 'S', 'T', 'A', 'L',
				2, //
				1, 2, 'B', '1', 0, 1, 10, 9, 1, 1, 'a', 1, 1, 'b', //
				2, 1, '2', 0, 1, 12, 6, 2, 0, 2, 0);
	}

	@Test
	void shouldSplitBoxesIntoBlocksWithinTheLimitKeepingTheirOrder() {
		int limit = 16_384;

		List<BoxBlockCodec.EncodedBlock> blocks = BoxBlockCodec.encode(THOUSANDS, limit);

		List<BallotBox> read = new ArrayList<>();
		int next = 0;
		for (BoxBlockCodec.EncodedBlock block : blocks) {
			assertThat(block.firstBox()).isEqualTo(next);
			assertThat(plain(block.data()).length).isLessThanOrEqualTo(limit);
			List<BallotBox> inBlock = new ArrayList<>();
			BoxBlockCodec.decode("E1", block.data(), limit, inBlock::add);
			assertThat(inBlock).hasSize(block.boxes());
			read.addAll(inBlock);
			next += block.boxes();
		}
		assertThat(read).containsExactlyElementsOf(THOUSANDS);
		// every block but the last is full: the next box (a few hundred bytes at most) did not fit
		for (BoxBlockCodec.EncodedBlock block : blocks.subList(0, blocks.size() - 1)) {
			assertThat(plain(block.data()).length).isGreaterThan(limit - 300);
		}
		assertThat(blocks.size()).isGreaterThan(plain(single(THOUSANDS)).length / limit);
		assertThat(BoxBlockCodec.encode(THOUSANDS)).hasSize(1);
	}

	@Test
	void shouldRefuseABoxOverTheLimitOnItsOwn() {
		List<BallotBox> big = List.of(new BallotBox("E1", "B1", "x".repeat(2_000), BoxType.POSTAL, 1, 1, "a", "b"));

		assertThatThrownBy(() -> BoxBlockCodec.encode(big, 1_000)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("box B1 of E1: one box's staged texts is over the limit of 1,000 bytes");
	}

	/** A block that inflates beyond the limit is refused before it takes more than the limit's memory. */
	@Test
	void shouldRefuseABlockThatInflatesBeyondTheLimit() {
		byte[] bomb = deflated(new byte[BoxBlockCodec.MAX_PLAIN_BYTES + 1]);
		byte[] justOver = single(THOUSANDS);
		int size = plain(justOver).length;

		assertThat(bomb.length).isLessThan(10_000);
		assertThatThrownBy(() -> BoxBlockCodec.decode("E1", bomb, box -> {
		})).isInstanceOf(UncheckedIOException.class)
			.hasMessage("a damaged box block of E1")
			.cause()
			.hasMessage("the block's plain bytes is over the limit of 4,194,304 bytes");
		assertThatThrownBy(() -> BoxBlockCodec.decode("E1", justOver, size - 1, box -> {
		})).hasMessage("a damaged box block of E1")
			.cause()
			.hasMessage(String.format(java.util.Locale.ROOT,
					"the block's plain bytes is over the limit of %,d bytes", size - 1));
		List<BallotBox> read = new ArrayList<>();
		BoxBlockCodec.decode("E1", justOver, size, read::add);
		assertThat(read).hasSize(THOUSANDS.size());
	}

	@Test
	void shouldRefuseABlockCutShortAnywhere() {
		byte[] block = single(BOXES);
		for (int length = 0; length < block.length; length++) {
			byte[] cut = Arrays.copyOf(block, length);
			List<BallotBox> read = new ArrayList<>();

			assertThatThrownBy(() -> BoxBlockCodec.decode("E1", cut, read::add)).as("cut to %d bytes", length)
				.isInstanceOf(UncheckedIOException.class)
				.hasMessage("a damaged box block of E1");
			assertThat(read).as("boxes read from a block cut to %d bytes", length).isEmpty();
		}
	}

	@Test
	void shouldRefuseABlockWithAnyByteChanged() {
		byte[] block = single(BOXES);
		for (int i = 0; i < block.length; i++) {
			byte[] changed = block.clone();
			changed[i] ^= (byte) 0xFF;

			assertThatThrownBy(() -> BoxBlockCodec.decode("E1", changed, box -> {
			})).as("byte %d changed", i).isInstanceOf(UncheckedIOException.class).hasMessage("a damaged box block of E1");
		}
	}

	/** A well deflated block whose plain bytes stop inside a box, wherever that is. */
	@Test
	void shouldRefuseBoxesCutShortAnywhere() {
		byte[] plain = plain(single(BOXES));
		for (int length = 0; length < plain.length; length++) {
			byte[] cut = deflated(Arrays.copyOf(plain, length));

			assertThatThrownBy(() -> BoxBlockCodec.decode("E1", cut, box -> {
			})).as("plain bytes cut to %d", length).isInstanceOf(UncheckedIOException.class)
				.hasMessage("a damaged box block of E1");
		}
	}

	@Test
	void shouldRefuseBytesAfterTheLastBox() {
		byte[] plain = plain(single(BOXES));
		byte[] longer = deflated(Arrays.copyOf(plain, plain.length + 1));

		assertThatThrownBy(() -> BoxBlockCodec.decode("E1", longer, box -> {
		})).isInstanceOf(UncheckedIOException.class)
			.hasMessage("a damaged box block of E1")
			.cause()
			.hasMessage("bytes follow the block's last box: 1");
	}

	@Test
	void shouldRefuseATypeANumberASharedTextOrAMarkNoBlockHas() {
		List<BallotBox> one = List.of(new BallotBox("E1", "B1", null, BoxType.POSTAL, 5, -5, "a", "b"));
		byte[] plain = plain(single(one));
		// the header (mark 4 bytes, table 24, count 1), "B1" (tag 1, length 2, 2 bytes), no station (0), the type
		int firstBox = header(1).length;
		int type = firstBox + 4 + 1;
		assertThat(plain[type]).isEqualTo((byte) 1);
		byte[] otherName = plain.clone();
		otherName[4 + 1 + 1 + 15 + 1] = 'Q'; // POSTAL in the table
		byte[] beyondTable = plain.clone();
		beyondTable[type] = 2;
		byte[] longNumber = new byte[plain.length + 10];
		System.arraycopy(plain, 0, longNumber, 0, type + 1);
		Arrays.fill(longNumber, type + 1, type + 12, (byte) 0x80);
		byte[] sharesTooMuch = plain.clone();
		sharesTooMuch[firstBox] = 2; // "B1" sharing a byte with the field's last text, which there is none of
		byte[] oldMark = plain.clone();
		oldMark[3] = (byte) 0xFE;
		byte[] oldFirstFormat = plain.clone();
		oldFirstFormat[0] = oldFirstFormat[1] = oldFirstFormat[2] = 0;
		oldFirstFormat[3] = 1;
		byte[] manyTypes = plain.clone();
		manyTypes[4] = 65;

		assertThatThrownBy(() -> BoxBlockCodec.decode("E1", deflated(otherName), box -> {
		})).hasMessage("a damaged box block of E1").cause()
			.hasMessage("box type 'QOSTAL' in the block's table, not one of [POLLING_STATION, POSTAL]");
		assertThatThrownBy(() -> BoxBlockCodec.decode("E1", deflated(beyondTable), box -> {
		})).hasMessage("a damaged box block of E1").cause()
			.hasMessage("box type number 2 at byte " + type + ", where the block's table has 2");
		assertThatThrownBy(() -> BoxBlockCodec.decode("E1", deflated(longNumber), box -> {
		})).hasMessage("a damaged box block of E1").cause()
			.hasMessage("a number of more than ten bytes at byte " + (type + 11));
		assertThatThrownBy(() -> BoxBlockCodec.decode("E1", deflated(sharesTooMuch), box -> {
		})).hasMessage("a damaged box block of E1").cause()
			.hasMessage("a text sharing 1 bytes of one of 0 at byte " + (firstBox + 1));
		assertThatThrownBy(() -> BoxBlockCodec.decode("E1", deflated(oldMark), box -> {
		})).hasMessage("a damaged box block of E1").cause()
			.hasMessage("a block that starts with -2, not this format's mark -3");
		assertThatThrownBy(() -> BoxBlockCodec.decode("E1", deflated(oldFirstFormat), box -> {
		})).hasMessage("a damaged box block of E1").cause()
			.hasMessage("a block that starts with 1, not this format's mark -3");
		assertThatThrownBy(() -> BoxBlockCodec.decode("E1", deflated(manyTypes), box -> {
		})).hasMessage("a damaged box block of E1").cause().hasMessage("a table of 65 box types at byte 4");
	}

	@Test
	void shouldRefuseACountLargerThanTheBytesCanHold() {
		byte[] header = header(0);
		byte[] plain = Arrays.copyOf(header, header.length + 4);
		plain[header.length - 1] = (byte) 0xFF;
		plain[header.length] = (byte) 0xFF;
		plain[header.length + 1] = (byte) 0xFF;
		plain[header.length + 2] = (byte) 0xFF;
		plain[header.length + 3] = 0x07;

		assertThatThrownBy(() -> BoxBlockCodec.decode("E1", deflated(plain), box -> {
		})).hasMessage("a damaged box block of E1").cause().hasMessage("a count of 2147483647 boxes in the 0 bytes left");
	}

	/** A block's plain header: the mark, the table of the two types by name, and a count below 128. */
	private static byte[] header(int count) {
		ByteArrayOutputStream header = new ByteArrayOutputStream();
		header.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFD, 2, 15 });
		header.writeBytes("POLLING_STATION".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		header.write(6);
		header.writeBytes("POSTAL".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		header.write(count);
		return header.toByteArray();
	}

	private static byte[] single(List<BallotBox> boxes) {
		List<BoxBlockCodec.EncodedBlock> blocks = BoxBlockCodec.encode(boxes);
		assertThat(blocks).hasSize(1);
		assertThat(blocks.get(0).firstBox()).isZero();
		assertThat(blocks.get(0).boxes()).isEqualTo(boxes.size());
		return blocks.get(0).data();
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
