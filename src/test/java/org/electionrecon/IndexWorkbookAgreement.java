package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFHyperlink;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.electionrecon.report.IndexWorkbookWriter;
import org.electionrecon.report.ReportWorkbookWriter;

/**
 * The index workbook read back against the area workbooks beside it, as a script that follows
 * its links would: each Areas row's counts are its workbook's Summary counts, and each
 * Constituencies row's link opens the row of its area workbook that holds its code.
 */
final class IndexWorkbookAgreement {

	private IndexWorkbookAgreement() {
	}

	/**
	 * @return the constituency rows checked
	 */
	static int assertIndexAgreesWithAreaWorkbooks(Path output, List<String> areas) throws Exception {
		Path index = output.resolve(IndexWorkbookWriter.FILE_NAME);
		int checked = 0;
		try (ReportWorkbookReader reader = new ReportWorkbookReader(index)) {
			List<Map<String, Object>> areaRows = reader.rows("Areas");
			assertThat(areaRows).extracting(row -> row.get("Area")).containsExactlyElementsOf(areas);
			Map<String, List<Object[]>> constituenciesByArea = new LinkedHashMap<>();
			XSSFSheet constituencies = (XSSFSheet) reader.sheet("Constituencies");
			List<Map<String, Object>> constituencyRows = reader.rows("Constituencies");
			for (int i = 0; i < constituencyRows.size(); i++) {
				Map<String, Object> row = constituencyRows.get(i);
				XSSFHyperlink link = constituencies.getHyperlink(i + 1, 2);
				assertThat(link).as("the link of %s", row.get("Code")).isNotNull();
				constituenciesByArea.computeIfAbsent((String) row.get("Area"), a -> new ArrayList<>())
					.add(new Object[] { row, link.getAddress(), link.getLocation() });
			}
			assertThat(constituenciesByArea.keySet()).containsExactlyElementsOf(areas);
			Sheet areaSheet = reader.sheet("Areas");
			for (int i = 0; i < areaRows.size(); i++) {
				Map<String, Object> area = areaRows.get(i);
				String workbook = ReportWorkbookWriter.fileName((String) area.get("Area"));
				assertThat(area.get("Workbook")).isEqualTo(workbook);
				assertThat(((XSSFSheet) areaSheet).getHyperlink(i + 1, 1).getAddress()).isEqualTo(workbook);
				try (ReportWorkbookReader report = new ReportWorkbookReader(output.resolve(workbook))) {
					List<List<Object>> bySeverity = report.summarySection("Findings by severity");
					assertThat(bySeverity.get(0).get(0)).isEqualTo("ERROR");
					assertThat(bySeverity.get(3).get(0)).isEqualTo("All");
					assertThat(area).as(workbook)
						.containsEntry("Constituencies", label(report, "Constituencies"))
						.containsEntry("Errors", bySeverity.get(0).get(1))
						.containsEntry("Warnings", bySeverity.get(1).get(1))
						.containsEntry("Info", bySeverity.get(2).get(1))
						.containsEntry("Explained", bySeverity.get(3).get(2))
						.containsEntry("Turnout %", label(report, "Turnout %"))
						.containsEntry("Seats waiting", label(report, "Seats waiting"));
					List<Map<String, Object>> seats = report.rows("Constituencies");
					List<List<Object>> countNight = countNight(report, seats.size());
					List<Object[]> listed = constituenciesByArea.get(area.get("Area"));
					assertThat(listed).as(workbook).hasSize(seats.size());
					Map<String, Integer> firstRow = new HashMap<>();
					for (int s = 0; s < seats.size(); s++) {
						firstRow.putIfAbsent((String) seats.get(s).get("Code"), s + 2);
					}
					for (int s = 0; s < listed.size(); s++) {
						@SuppressWarnings("unchecked")
						Map<String, Object> row = (Map<String, Object>) listed.get(s)[0];
						Map<String, Object> seat = seats.get(s);
						// in the order of the area workbook's sheet, with its counts
						assertThat(row.get("Code")).isEqualTo(seat.get("Code"));
						assertThat(row.get("Constituency")).isEqualTo(seat.get("Constituency"));
						assertThat(row.get("Errors")).isEqualTo(seat.get("Errors"));
						assertThat(row.get("Warnings")).isEqualTo(seat.get("Warnings"));
						// the Summary's Count night row of it: the same receipts and count status
						assertThat(Arrays.asList(row.get("Constituency"), row.get("Verification received"),
								row.get("Declaration received"), row.get("Count status")))
							.as("count night of %s", row.get("Code")).isEqualTo(countNight.get(s));
						String location = (String) listed.get(s)[2];
						// POI reads the relationship's target and the location as one address
						assertThat(listed.get(s)[1]).isEqualTo(workbook + "#" + location);
						assertThat(location).startsWith("'Constituencies'!A");
						int target = new CellReference(location.substring(location.indexOf('!') + 1)).getRow();
						// the linked row of the area workbook holds the code, and is the first that does
						assertThat(ReportWorkbookReader.value(report.sheet("Constituencies").getRow(target).getCell(0)))
							.isEqualTo(row.get("Code"));
						assertThat(target + 1).isEqualTo(firstRow.get(row.get("Code")));
						checked++;
					}
				}
			}
		}
		return checked;
	}

	/** The rows of the Summary's Count night table (under its header), {@code count} of them. */
	private static List<List<Object>> countNight(ReportWorkbookReader report, int count) {
		Sheet summary = report.sheet("Summary");
		for (Row row : summary) {
			Cell first = row.getCell(0);
			Cell second = row.getCell(1);
			if (first != null && second != null && second.getCellType() == CellType.STRING
					&& "Verification received".equals(second.getStringCellValue())) {
				List<List<Object>> rows = new ArrayList<>();
				for (int r = row.getRowNum() + 1; r <= row.getRowNum() + count; r++) {
					Row seat = summary.getRow(r);
					rows.add(Arrays.asList(ReportWorkbookReader.value(seat.getCell(0)),
							ReportWorkbookReader.value(seat.getCell(1)), ReportWorkbookReader.value(seat.getCell(2)),
							ReportWorkbookReader.value(seat.getCell(3))));
				}
				return rows;
			}
		}
		throw new AssertionError("No Count night table on Summary");
	}

	private static Object label(ReportWorkbookReader report, String label) {
		return ReportWorkbookReader.value(report.summaryRow(label).getCell(1));
	}
}
