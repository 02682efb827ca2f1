package org.electionrecon.report;

import java.util.List;
import java.util.Set;

import javax.xml.namespace.QName;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.Units;
import org.apache.poi.xddf.usermodel.PresetColor;
import org.apache.poi.xddf.usermodel.PresetLineDash;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFPresetLineDash;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.AxisTickLabelPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.electionrecon.model.ConstituencyFigures;
import org.apache.xmlbeans.XmlCursor;
import org.apache.xmlbeans.XmlObject;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTBarChart;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTCatAx;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTChartSpace;

/**
 * The Summary's two charts, each on a page of its own: turnout 2024 against notional 2019 per
 * constituency, and the turnout change sorted with the area's median and the
 * {@code TURNOUT_CHANGE_OUTLIER} band. SXSSF streams cells only; the drawing and chart parts live in
 * the backing XSSFSheet, so each chart carries its values as a cache next to the cell references (the
 * streamed rows cannot be read back to fill it).
 *
 * <p>Each chart spans the Summary's columns A to F (the width the sheet is fitted to) and
 * {@link #CHART_ROWS} rows of default height: with the page fitted to that width, an A4 landscape
 * page holds the chart and the repeated first row, and a row break before and after it keeps it whole.
 */
final class SummaryCharts {

	static final String TURNOUT_TITLE = "Turnout 2024 against notional 2019";

	/** The change chart's title, with the median and the band's half-width it draws. */
	static String changeTitle(TurnoutChangeBand band) {
		String median = "Turnout change against notional 2019, sorted: the area median (" + band.median().toPlainString()
				+ " pts)";
		return band.hasBand() ? median + " and the TURNOUT_CHANGE_OUTLIER band (± " + band.threshold().toPlainString()
				+ " pts)" : median;
	}

	/** The change table's header, which names the chart's series. */
	static final List<String> CHANGE_HEADERS = List.of("Constituency, by turnout change", "Turnout change (pts)",
			"Outside the band (pts)", "Area median change (pts)", "Band low (pts)", "Band high (pts)");

	/** How many rows (of default height) a chart takes: a page of the fitted Summary holds more. */
	static final int CHART_ROWS = 40;

	/** The columns a chart spans: A to F, the Summary's used width. */
	static final int CHART_COLUMNS = 6;

	private SummaryCharts() {
	}

	/**
	 * The chart of turnout 2024 against notional 2019, anchored at {@code top}, over the turnout table
	 * whose header is {@code headerRow} (Constituency, turnout, notional turnout).
	 */
	static void turnout(SXSSFSheet sheet, int top, List<ConstituencyFigures> seats, int headerRow) {
		int first = headerRow + 1;
		int last = headerRow + seats.size();
		String[] names = new String[seats.size()];
		Double[] turnout = new Double[seats.size()];
		Double[] notional = new Double[seats.size()];
		for (int i = 0; i < seats.size(); i++) {
			ConstituencyFigures seat = seats.get(i);
			names[i] = seat.name();
			turnout[i] = number(seat.turnout());
			notional[i] = number(seat.notionalTurnout());
		}
		String sheetName = sheet.getSheetName();
		XDDFCategoryDataSource categories = XDDFDataSourcesFactory.fromArray(names, range(sheetName, first, last, 0));
		XSSFChart chart = chart(sheet, top, TURNOUT_TITLE);
		XDDFCategoryAxis constituencyAxis = chart.createCategoryAxis(AxisPosition.BOTTOM);
		XDDFValueAxis turnoutAxis = chart.createValueAxis(AxisPosition.LEFT);
		turnoutAxis.setTitle("Turnout %");
		turnoutAxis.setCrosses(AxisCrosses.AUTO_ZERO);
		turnoutAxis.setCrossBetween(AxisCrossBetween.BETWEEN);

		XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, constituencyAxis, turnoutAxis);
		bars.setBarDirection(BarDirection.COL);
		bars.setBarGrouping(BarGrouping.CLUSTERED);
		bars.setVaryColors(false);
		bar(bars, categories, values(turnout, sheetName, first, last, 1), SummarySheet.TURNOUT_SERIES,
				titleCell(sheetName, headerRow, 1),
				PresetColor.STEEL_BLUE);
		bar(bars, categories, values(notional, sheetName, first, last, 2), SummarySheet.NOTIONAL_SERIES,
				titleCell(sheetName, headerRow, 2),
				PresetColor.LIGHT_GRAY);
		plot(bars);
		labelEveryConstituency(chart, seats.size());
	}

	/**
	 * The chart of the turnout change, anchored at {@code top}, over the change table whose header is
	 * {@code headerRow}: Constituency (sorted by change), change, change outside the band, median, band
	 * low, band high. The bars of the changes outside the band are drawn again in their own colour over
	 * the others; without a band (no threshold recorded) there are the changes and the median only.
	 */
	static void turnoutChange(SXSSFSheet sheet, int top, TurnoutChangeBand band, int headerRow) {
		List<ConstituencyFigures> seats = band.changes();
		int count = seats.size();
		int first = headerRow + 1;
		int last = headerRow + count;
		String[] names = new String[count];
		Double[] change = new Double[count];
		Double[] outside = new Double[count];
		Double[] median = new Double[count];
		Double[] low = new Double[count];
		Double[] high = new Double[count];
		for (int i = 0; i < count; i++) {
			ConstituencyFigures seat = seats.get(i);
			names[i] = seat.name();
			change[i] = number(seat.turnoutChange());
			outside[i] = band.isOutside(seat) ? change[i] : null;
			median[i] = number(band.median());
			low[i] = number(band.low());
			high[i] = number(band.high());
		}
		String sheetName = sheet.getSheetName();
		XDDFCategoryDataSource categories = XDDFDataSourcesFactory.fromArray(names, range(sheetName, first, last, 0));
		XSSFChart chart = chart(sheet, top, changeTitle(band));
		XDDFCategoryAxis constituencyAxis = chart.createCategoryAxis(AxisPosition.BOTTOM);
		XDDFValueAxis changeAxis = chart.createValueAxis(AxisPosition.LEFT);
		changeAxis.setTitle("Turnout change (pts)");
		changeAxis.setCrosses(AxisCrosses.AUTO_ZERO);
		changeAxis.setCrossBetween(AxisCrossBetween.BETWEEN);
		changeAxis.getOrAddMajorGridProperties()
			.setLineProperties(line(PresetColor.GAINSBORO, 0.5, null));

		XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, constituencyAxis, changeAxis);
		bars.setBarDirection(BarDirection.COL);
		bars.setBarGrouping(BarGrouping.CLUSTERED);
		bars.setVaryColors(false);
		bar(bars, categories, values(change, sheetName, first, last, 1), CHANGE_HEADERS.get(1),
				titleCell(sheetName, headerRow, 1),
				PresetColor.STEEL_BLUE);
		if (band.hasBand()) {
			bar(bars, categories, values(outside, sheetName, first, last, 2), CHANGE_HEADERS.get(2),
				titleCell(sheetName, headerRow, 2),
					PresetColor.CRIMSON);
		}
		plot(bars);
		// the outliers' bars lie exactly over their own change bars
		CTBarChart barChart = chart.getCTChart().getPlotArea().getBarChartArray(0);
		addValueElement(barChart, "gapWidth", "40", Set.of("overlap", "serLines", "axId", "extLst"));
		addValueElement(barChart, "overlap", "100", Set.of("serLines", "axId", "extLst"));

		XDDFLineChartData lines = (XDDFLineChartData) chart.createData(ChartTypes.LINE, constituencyAxis, changeAxis);
		lines.setVaryColors(false);
		line(lines, categories, values(median, sheetName, first, last, 3), CHANGE_HEADERS.get(3),
				titleCell(sheetName, headerRow, 3),
				line(PresetColor.BLACK, 1.5, null));
		if (band.hasBand()) {
			line(lines, categories, values(low, sheetName, first, last, 4), CHANGE_HEADERS.get(4),
				titleCell(sheetName, headerRow, 4),
					line(PresetColor.DARK_ORANGE, 1.5, PresetLineDash.DASH));
			line(lines, categories, values(high, sheetName, first, last, 5), CHANGE_HEADERS.get(5),
				titleCell(sheetName, headerRow, 5),
					line(PresetColor.DARK_ORANGE, 1.5, PresetLineDash.DASH));
		}
		plot(lines);
		labelEveryConstituency(chart, count);
	}

	/**
	 * Writes the data's series into the chart, as {@code XDDFChart.plot} does, without what that also
	 * does for values given as arrays: fill a new in-memory workbook (made for the chart on first use,
	 * a cell object per value) that an {@link XSSFChart} never saves, as it embeds no workbook. That
	 * throwaway workbook was about a third of the Summary's time.
	 */
	static void plot(XDDFChartData data) {
		for (int i = 0; i < data.getSeriesCount(); i++) {
			data.getSeries(i).plot();
		}
	}

	/** A chart of the Summary's width and {@link #CHART_ROWS} tall, its top-left corner at column A of {@code top}. */
	private static XSSFChart chart(SXSSFSheet sheet, int top, String title) {
		sheet.createDrawingPatriarch();
		XSSFDrawing drawing = sheet.getDrawingPatriarch();
		// to the right edge of F, not the left of G: a print range taking in G would shrink every page
		int lastColumn = CHART_COLUMNS - 1;
		int nearlyAcrossF = Units.columnWidthToEMU(sheet.getColumnWidth(lastColumn)) * 9 / 10;
		XSSFClientAnchor anchor = drawing.createAnchor(0, 0, nearlyAcrossF, 0, 0, top, lastColumn, top + CHART_ROWS);
		XSSFChart chart = drawing.createChart(anchor);
		// opaque, so the printed gridlines of the cells under it do not run through it
		CTChartSpace space = chart.getCTChartSpace();
		new XDDFShapeProperties(space.isSetSpPr() ? space.getSpPr() : space.addNewSpPr())
			.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(PresetColor.WHITE)));
		chart.setTitleText(title);
		chart.setTitleOverlay(false);
		chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
		return chart;
	}

	/**
	 * Every constituency's name under its bars, below the plot area whatever the sign of the values,
	 * turned (upright at 91 constituencies) in a font that shrinks with their number.
	 */
	private static void labelEveryConstituency(XSSFChart chart, int count) {
		CTCatAx axis = chart.getCTChart().getPlotArea().getCatAxArray(0);
		XDDFCategoryAxis constituencyAxis = new XDDFCategoryAxis(axis);
		constituencyAxis.setTickLabelPosition(AxisTickLabelPosition.LOW);
		constituencyAxis.getOrAddTextProperties().setFontSize(labelPoints(count));
		axis.getTxPr().getBodyPr().setRot(labelRotation(count));
		// every category's label is shown, none skipped to make room
		addValueElement(axis, "tickLblSkip", "1", Set.of("tickMarkSkip", "noMultiLvlLbl", "extLst"));
	}

	/**
	 * Adds {@code <c:NAME val="VALUE"/>} to a chart element, before the first of the children the schema
	 * puts after it (at the end when there is none): poi-ooxml-lite has no types for some elements
	 * ({@code tickLblSkip}, {@code overlap}), so they go in by cursor.
	 */
	private static void addValueElement(XmlObject parent, String name, String value, Set<String> followers) {
		try (XmlCursor cursor = parent.newCursor()) {
			boolean placed = false;
			if (cursor.toFirstChild()) {
				do {
					if (followers.contains(cursor.getName().getLocalPart())) {
						placed = true;
						break;
					}
				}
				while (cursor.toNextSibling());
			}
			if (!placed) {
				cursor.toParent();
				cursor.toEndToken();
			}
			cursor.beginElement(new QName(CHART_NAMESPACE, name, "c"));
			cursor.insertAttributeWithValue("val", value);
		}
	}

	private static final String CHART_NAMESPACE = "http://schemas.openxmlformats.org/drawingml/2006/chart";

	/** The constituency labels' size in points: smaller as there are more of them. */
	static double labelPoints(int count) {
		return count <= 20 ? 9 : count <= 50 ? 8 : 7;
	}

	/** The labels' rotation in 60,000ths of a degree: slanted for a few, upright (reading upwards) for many. */
	static int labelRotation(int count) {
		return count <= 30 ? -2_700_000 : -5_400_000;
	}

	private static void bar(XDDFBarChartData bars, XDDFCategoryDataSource categories,
			XDDFNumericalDataSource<Double> values, String title, CellReference cell, PresetColor color) {
		XDDFChartData.Series series = bars.addSeries(categories, values);
		series.setTitle(title, cell);
		series.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(color)));
	}

	private static void line(XDDFLineChartData lines, XDDFCategoryDataSource categories,
			XDDFNumericalDataSource<Double> values, String title, CellReference cell, XDDFLineProperties properties) {
		XDDFLineChartData.Series series = (XDDFLineChartData.Series) lines.addSeries(categories, values);
		series.setTitle(title, cell);
		series.setSmooth(false);
		series.setMarkerStyle(MarkerStyle.NONE);
		series.setLineProperties(properties);
	}

	private static XDDFLineProperties line(PresetColor color, double points, PresetLineDash dash) {
		XDDFLineProperties line = new XDDFLineProperties(new XDDFSolidFillProperties(XDDFColor.from(color)));
		line.setWidth(points);
		if (dash != null) {
			line.setPresetDash(new XDDFPresetLineDash(dash));
		}
		return line;
	}

	private static XDDFNumericalDataSource<Double> values(Double[] values, String sheetName, int first, int last,
			int column) {
		return XDDFDataSourcesFactory.fromArray(values, range(sheetName, first, last, column));
	}

	private static Double number(java.math.BigDecimal value) {
		return value == null ? null : value.doubleValue();
	}

	private static CellReference titleCell(String sheetName, int row, int column) {
		return new CellReference(sheetName, row, column, true, true);
	}

	private static String range(String sheetName, int firstRow, int lastRow, int column) {
		return new CellRangeAddress(firstRow, lastRow, column, column).formatAsString(sheetName, true);
	}
}
