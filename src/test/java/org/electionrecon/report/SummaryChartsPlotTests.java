package org.electionrecon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.function.Consumer;

import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * {@link SummaryCharts#plot} writes a chart's series exactly as POI's {@code XDDFChart.plot} does
 * (values given as arrays with the cells they stand for, null values among them), and leaves the
 * chart with no embedded workbook, as POI's does for an {@link XSSFChart}.
 */
class SummaryChartsPlotTests {

	@Test
	void shouldWriteTheSameChartXmlAsPoisPlot() throws IOException {
		String byPoi = chartXml(chart -> {
			try {
				plotWithPoi(chart);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		String bySummaryCharts = chartXml(SummaryChartsPlotTests::plotWithSummaryCharts);

		assertThat(bySummaryCharts).isEqualTo(byPoi);
		assertThat(bySummaryCharts).contains(":numCache>", ":strCache>", "Stone", "'Summary'!$B$2:$B$4");
	}

	@Test
	void shouldEmbedNoWorkbookInTheChart() throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			XSSFChart chart = newChart(workbook);
			plotWithSummaryCharts(chart);

			assertThat(chart.getRelationParts()).isEmpty();
		}
	}

	private static void plotWithPoi(XSSFChart chart) throws IOException {
		XDDFChartData[] data = data(chart);
		chart.plot(data[0]);
		chart.plot(data[1]);
	}

	private static void plotWithSummaryCharts(XSSFChart chart) {
		XDDFChartData[] data = data(chart);
		SummaryCharts.plot(data[0]);
		SummaryCharts.plot(data[1]);
	}

	/** A bar chart of two series (one with a missing value) and a line chart of one, over three constituencies. */
	private static XDDFChartData[] data(XSSFChart chart) {
		XDDFCategoryDataSource names = XDDFDataSourcesFactory.fromArray(new String[] { "Ashby", "Burton", "Stone" },
				"'Summary'!$A$2:$A$4");
		XDDFCategoryAxis axis = chart.createCategoryAxis(AxisPosition.BOTTOM);
		XDDFValueAxis values = chart.createValueAxis(AxisPosition.LEFT);
		XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, axis, values);
		bars.setBarDirection(BarDirection.COL);
		bars.addSeries(names, XDDFDataSourcesFactory.fromArray(new Double[] { 61.5, 58.25, 70.0 }, "'Summary'!$B$2:$B$4"))
			.setTitle("Turnout 2024 (%)", null);
		bars.addSeries(names, XDDFDataSourcesFactory.fromArray(new Double[] { 60.0, null, 68.5 }, "'Summary'!$C$2:$C$4"))
			.setTitle("Notional turnout 2019 (%)", null);
		XDDFLineChartData lines = (XDDFLineChartData) chart.createData(ChartTypes.LINE, axis, values);
		lines.addSeries(names, XDDFDataSourcesFactory.fromArray(new Double[] { 1.5, 1.5, 1.5 }, "'Summary'!$D$2:$D$4"))
			.setTitle("Area median change (pts)", null);
		return new XDDFChartData[] { bars, lines };
	}

	private static String chartXml(Consumer<XSSFChart> plot) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			XSSFChart chart = newChart(workbook);
			plot.accept(chart);
			return chart.getCTChartSpace().xmlText();
		}
	}

	private static XSSFChart newChart(XSSFWorkbook workbook) {
		XSSFDrawing drawing = workbook.createSheet("Summary").createDrawingPatriarch();
		return drawing.createChart(drawing.createAnchor(0, 0, 0, 0, 0, 6, 6, 46));
	}
}
