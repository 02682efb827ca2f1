package org.electionrecon.report;

import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The workbook's document properties (report.md, "Navigation and print"): a title naming the area
 * and the election, a subject, the run number (as a keyword and as the custom property "Run"), and
 * the application as creator and as the application that wrote it (not POI's name).
 */
final class DocumentProperties {

	static final String CREATOR = "election-recon";

	static final String SUBJECT = "Reconciliation of declared results against verification and ballot paper accounts";

	static final String RUN_PROPERTY = "Run";

	private DocumentProperties() {
	}

	static void apply(XSSFWorkbook workbook, AreaReportData data) {
		apply(workbook, title(data.area(), data.election()), data.runFacts());
	}

	/** The properties of a workbook of the run with this title (the index's); {@code facts} may be {@code null}. */
	static void apply(XSSFWorkbook workbook, String title, AreaReportData.RunFacts facts) {
		POIXMLProperties properties = workbook.getProperties();
		POIXMLProperties.CoreProperties core = properties.getCoreProperties();
		core.setTitle(title);
		core.setSubjectProperty(SUBJECT);
		core.setCreator(CREATOR);
		properties.getExtendedProperties().setApplication(CREATOR);
		if (facts != null) {
			core.setKeywords("run " + facts.run());
			properties.getCustomProperties().addProperty(RUN_PROPERTY, facts.run());
		}
	}

	/** "North East reconciliation: UK Parliamentary general election, 4 July 2024": the election as the Summary names it. */
	static String title(String area, String election) {
		return area + " reconciliation: " + election;
	}
}
