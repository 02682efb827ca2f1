package org.electionrecon.staging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.electionrecon.ingest.StagedItem;
import org.electionrecon.model.BallotBox;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staged ballot boxes, as rows of {@code RECON_BOX_BLOCK}: the boxes of one constituency staged
 * by one chunk, encoded by {@link BoxBlockCodec}. A box is the input's most numerous record (a
 * million in the largest workload); one indexed row per box made the embedded database's index
 * upkeep most of the ingest time, and reading them back most of the report's.
 */
public final class BoxBlocks {

	private BoxBlocks() {
	}

	/**
	 * One row per constituency of the chunk (more when its boxes are over a block's limit), holding
	 * its boxes in source order; a row's sequence number is its first box's, so blocks read back by
	 * sequence keep the sources' order.
	 */
	static void insert(JdbcTemplate jdbc, long runId, List<StagedItem> boxItems) {
		Map<String, List<StagedItem>> byConstituency = boxItems.stream()
			.collect(Collectors.groupingBy(i -> ((BallotBox) i.record()).constituencyCode(),
					java.util.LinkedHashMap::new, Collectors.toList()));
		List<Object[]> rows = new ArrayList<>(byConstituency.size());
		byConstituency.forEach((code, items) -> {
			for (BoxBlockCodec.EncodedBlock block : BoxBlockCodec
				.encode(items.stream().map(i -> (BallotBox) i.record()).toList())) {
				StagedItem first = items.get(block.firstBox());
				rows.add(new Object[] { runId, first.file().firstSeq(), first.seq(), code, block.boxes(), block.data() });
			}
		});
		jdbc.batchUpdate("INSERT INTO RECON_BOX_BLOCK (RUN_ID, FILE_SEQ, SEQ, CONSTITUENCY_CODE, BOXES, DATA) VALUES (?,?,?,?,?,?)",
				rows);
	}

	/** Every staged box of a constituency in a run, in source order, one block at a time. */
	public static void forEachBox(JdbcTemplate jdbc, long runId, String constituencyCode, Consumer<BallotBox> consumer) {
		jdbc.query("SELECT DATA FROM RECON_BOX_BLOCK WHERE RUN_ID = ? AND CONSTITUENCY_CODE = ? ORDER BY SEQ",
				rs -> {
					BoxBlockCodec.decode(constituencyCode, rs.getBytes(1), consumer);
				}, runId, constituencyCode);
	}
}
