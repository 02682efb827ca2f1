package org.electionrecon.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.BoxType;
import org.junit.jupiter.api.Test;

class BoxBlocksTests {

	@Test
	void shouldReadBackEveryFieldOfEveryBoxInOrder() {
		List<BallotBox> boxes = List.of(
				new BallotBox("E14001500", "SA1", "St Mary's Church Hall, Ynys Môn", BoxType.POLLING_STATION, 1_204, 1_203,
						"verification/stafford.xlsx!Stafford!C10", "verification/stafford.xlsx!Stafford!D10"),
				new BallotBox("E14001500", "Postal 3", null, BoxType.POSTAL, 0, 9_876_543_210L, "", "x!y!D11"),
				new BallotBox("E14001500", "Ü – \uD83D\uDDF3", "a\tb\nc", BoxType.POSTAL,
						-1, Long.MAX_VALUE, null, null));
		List<BallotBox> read = new ArrayList<>();

		BoxBlocks.decode("E14001500", BoxBlocks.encode(boxes), read::add);

		assertThat(read).containsExactlyElementsOf(boxes);
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
}
