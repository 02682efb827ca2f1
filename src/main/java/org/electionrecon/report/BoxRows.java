package org.electionrecon.report;

import java.util.HashMap;
import java.util.Map;

/**
 * Each box's row on the Boxes sheet, for a finding's Box link, without an entry per box: the
 * sheet's rows are in constituency order, so the row of a constituency's first box is kept (one
 * entry per constituency) and a box's place among its constituency's boxes is looked up when a
 * finding names it, from that constituency's boxes alone, read again in the sheet's order
 * ({@link AreaReportData#forEachBoxOf}). The last constituency looked up is kept: findings come
 * grouped by constituency within each severity.
 */
final class BoxRows {

	private final AreaReportData data;

	/** The 0-based row of each constituency's first box, by code. */
	private final Map<String, Integer> firstRows = new HashMap<>();

	private String lastWrittenCode;

	private String lookedUpCode;

	/** The boxes of {@link #lookedUpCode}, each at its place among them (the first, for a label given twice). */
	private Map<String, Integer> lookedUpPlaces = Map.of();

	BoxRows(AreaReportData data) {
		this.data = data;
	}

	/** A box is written on row {@code rowIndex} (0-based) of Boxes. */
	void written(String constituencyCode, int rowIndex) {
		if (constituencyCode == null || constituencyCode.equals(lastWrittenCode)) {
			return;
		}
		lastWrittenCode = constituencyCode;
		firstRows.putIfAbsent(constituencyCode, rowIndex);
	}

	/** The 0-based row of the box on Boxes; {@code null} when it is not there. */
	Integer rowOf(String constituencyCode, String box) {
		if (constituencyCode == null || box == null) {
			return null;
		}
		Integer first = firstRows.get(constituencyCode);
		if (first == null) {
			return null;
		}
		if (!constituencyCode.equals(lookedUpCode)) {
			Map<String, Integer> places = new HashMap<>();
			int[] place = { 0 };
			data.forEachBoxOf(constituencyCode, b -> places.putIfAbsent(b.box(), place[0]++));
			lookedUpCode = constituencyCode;
			lookedUpPlaces = places;
		}
		Integer place = lookedUpPlaces.get(box);
		return place == null ? null : first + place;
	}
}
