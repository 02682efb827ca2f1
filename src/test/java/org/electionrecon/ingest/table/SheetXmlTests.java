package org.electionrecon.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.util.XMLHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sheet XML reader against POI's StAX parser: the same elements, attributes and text for
 * well-formed XML, read whole or one byte at a time, and a failure wherever StAX fails.
 */
class SheetXmlTests {

	private static final String SHEET = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";

	@ParameterizedTest
	@ValueSource(strings = {
			"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + SHEET
					+ "<sheetData><row r=\"1\"><c r=\"A1\" s=\"3\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>46169</v></c></row>"
					+ "</sheetData></worksheet>",
			"\uFEFF<?xml version='1.0' encoding='utf-8'?><!-- a comment --><?pi data?>\r\n" + SHEET
					+ "<sheetData><row r='2' spans=\"1:3\"><c r='C2' t='inlineStr'><is><t xml:space=\"preserve\"> a\r\nb &amp; &lt;c&gt; &quot;d&apos; &#65;&#x42; </t></is></c>"
					+ "<c r=\"D2\" t=\"str\"><f>SUM(A1:B1)&gt;0</f><v>1</v></c></row></sheetData></worksheet>",
			SHEET + "<sheetData><row><c t=\"inlineStr\"><is><t>Ynys Môn – ŵ ’ 𝄞 中文</t></is></c><c/><c r=\"B3\"/></row>"
					+ "<row r=\"4\"><c><v><![CDATA[12<3]]></v></c><c t=\"inlineStr\"><is><r><t>rich </t></r><r><t>text</t></r></is></c></row>"
					+ "</sheetData></worksheet>\n<!-- after -->\n",
			"<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>"
					+ "<x:row r=\"1\" ><x:c r=\"A1\" t=\"n\" ><x:v >7</x:v ></x:c></x:row></x:sheetData></x:worksheet>",
			SHEET + "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>tab\there, attr next</t></is></c>"
					+ "<c r=\"B1\" s=\"&#49;\" t=\"in&#108;ineStr\" z=\"a\tb\nc\r\nd\"><is><t>x</t></is></c></row></sheetData></worksheet>" })
	void readsWhatStaxReads(String xml) throws Exception {
		byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
		List<String> expected = stax(bytes);
		assertThat(events(new ByteArrayInputStream(bytes))).isEqualTo(expected);
		assertThat(events(new OneByteAtATime(bytes))).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = {
			SHEET + "<sheetData><row></sheetData></worksheet>", // end tags out of order
			SHEET + "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", // cut short
			SHEET + "<sheetData><row r=\"1\" r=\"2\"/></sheetData></worksheet>", // a repeated attribute
			SHEET + "<sheetData><row r=1/></sheetData></worksheet>", // no quotes
			SHEET + "<sheetData><row r=\"<\"/></sheetData></worksheet>",
			SHEET + "<sheetData><c><v>&nbsp;</v></c></sheetData></worksheet>", // an undeclared entity
			SHEET + "<sheetData><c><v>&#0;</v></c></sheetData></worksheet>",
			SHEET + "<sheetData><c><v>a & b</v></c></sheetData></worksheet>",
			SHEET + "<sheetData><c><v>\u0001</v></c></sheetData></worksheet>", // a control character
			SHEET + "<sheetData><c><v>a ]]> b</v></c></sheetData></worksheet>",
			SHEET + "<sheetData><c rr=\"1\"r=\"2\"/></sheetData></worksheet>", // no space between attributes
			SHEET + "<sheetData><1c/></sheetData></worksheet>", // not a name
			SHEET + "<!-- a -- b --><sheetData/></worksheet>",
			SHEET + "<sheetData/></worksheet><worksheet/>", // a second root
			SHEET + "<sheetData/></worksheet>text after",
			"text before" + SHEET + "<sheetData/></worksheet>",
			SHEET + "<sheetData/><!DOCTYPE x></worksheet>" })
	void failsWhereStaxFails(String xml) {
		byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
		assertThatThrownBy(() -> stax(bytes)).as("StAX").isInstanceOf(Exception.class);
		assertThatThrownBy(() -> events(new ByteArrayInputStream(bytes))).isInstanceOf(SheetXml.MalformedSheetException.class)
			.hasMessageStartingWith("malformed XML at byte ");
		assertThatThrownBy(() -> events(new OneByteAtATime(bytes))).isInstanceOf(SheetXml.MalformedSheetException.class);
	}

	@Test
	void failsOnInvalidUtf8AtTheByteWhereItIs() {
		byte[] start = (SHEET + "<sheetData><c><v>ab").getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[start.length + 40];
		System.arraycopy(start, 0, bytes, 0, start.length);
		bytes[start.length] = (byte) 0xC3; // a lead byte without its continuation
		System.arraycopy("x</v></c></sheetData></worksheet>".getBytes(StandardCharsets.UTF_8), 0, bytes, start.length + 1, 33);
		byte[] document = java.util.Arrays.copyOf(bytes, start.length + 34);
		assertThatThrownBy(() -> stax(document)).isInstanceOf(Exception.class);
		assertThatThrownBy(() -> events(new ByteArrayInputStream(document)))
			.hasMessage("malformed XML at byte " + (start.length + 1) + " of the sheet: invalid UTF-8 (byte 0x78)");
	}

	/** Text and tags longer than the reader's buffer, and across its refills, come out whole. */
	@Test
	void readsTextAndTagsLongerThanItsBuffer() throws Exception {
		String longText = "x".repeat(200_000) + "é" + "y".repeat(70_000);
		String longAttribute = "z".repeat(100_000);
		StringBuilder xml = new StringBuilder(SHEET).append("<sheetData>");
		for (int i = 1; i <= 3_000; i++) {
			xml.append("<row r=\"").append(i).append("\"><c r=\"A").append(i).append("\"><v>").append(i).append("</v></c></row>");
		}
		xml.append("<row r=\"3001\" note=\"").append(longAttribute).append("\"><c r=\"A3001\" t=\"inlineStr\"><is><t>")
			.append(longText).append("</t></is></c></row></sheetData></worksheet>");
		byte[] bytes = xml.toString().getBytes(StandardCharsets.UTF_8);
		List<String> events = events(new ByteArrayInputStream(bytes));
		assertThat(events).isEqualTo(stax(bytes));
		assertThat(events).contains("text " + longText);
	}

	/** A single text beyond any cell's size is refused at the reader's bound, not held whole in memory. */
	@Test
	void refusesATextLongerThanItsBound() {
		byte[] start = (SHEET + "<sheetData><row><c t=\"inlineStr\"><is><t>").getBytes(StandardCharsets.UTF_8);
		InputStream endless = new java.io.SequenceInputStream(new ByteArrayInputStream(start), new InputStream() {
			@Override
			public int read() {
				return 'x';
			}

			@Override
			public int read(byte[] into, int offset, int length) {
				Arrays.fill(into, offset, offset + length, (byte) 'x');
				return length;
			}
		});

		assertThatThrownBy(() -> events(endless)).isInstanceOf(SheetXml.MalformedSheetException.class)
			.hasMessageEndingWith("a single text, tag or comment of more than 16 MiB, which no worksheet holds"
					+ " (a cell holds at most 32,767 characters)");
	}

	/** A DOCTYPE, or another encoding than UTF-8, is left to POI's StAX parser, which refuses DTDs. */
	@Test
	void leavesADoctypeOrAnotherEncodingToStax() throws IOException {
		for (byte[] bytes : List.of(
				("<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"b\">]>" + SHEET + "</worksheet>")
					.getBytes(StandardCharsets.UTF_8),
				("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + SHEET + "</worksheet>").getBytes(StandardCharsets.ISO_8859_1),
				("\uFEFF" + SHEET + "</worksheet>").getBytes(StandardCharsets.UTF_16BE),
				(SHEET + "</worksheet>").getBytes(StandardCharsets.UTF_16LE))) {
			assertThat(SheetXml.open(new ByteArrayInputStream(bytes))).isNull();
		}
	}

	@Test
	void readsCellReferencesDigitsAndShortValuesWithoutParsing() throws IOException {
		byte[] bytes = (SHEET + "<row r=\"1048576\"><c r=\"XFD1048576\" s=\"12\" t=\"s\"/><c r=\"a1\" s=\"x\"/><c r=\"AAAA1\"/>"
				+ "<c r=\"A&#49;\"/></row></worksheet>").getBytes(StandardCharsets.UTF_8);
		SheetXml xml = SheetXml.open(new ByteArrayInputStream(bytes));
		assertThat(xml.next()).isEqualTo(SheetXml.START_ELEMENT); // worksheet
		assertThat(xml.next()).isEqualTo(SheetXml.START_ELEMENT);
		assertThat(xml.element()).isEqualTo(SheetXml.ROW);
		assertThat(xml.attributeDigits(0)).isEqualTo(1_048_576);
		assertThat(xml.next()).isEqualTo(SheetXml.START_ELEMENT);
		assertThat(xml.element()).isEqualTo(SheetXml.CELL);
		assertThat(xml.attributeColumn(0)).isEqualTo(16_383);
		assertThat(xml.attributeDigits(1)).isEqualTo(12);
		String type = xml.attributeValue(2);
		assertThat(type).isEqualTo("s");
		assertThat(xml.next()).isEqualTo(SheetXml.END_ELEMENT);
		assertThat(xml.next()).isEqualTo(SheetXml.START_ELEMENT);
		assertThat(xml.attributeColumn(0)).as("lower case: read by POI's CellReference").isEqualTo(-1);
		assertThat(xml.attributeDigits(1)).isEqualTo(-1);
		assertThat(xml.attributeValue(1)).isEqualTo("x");
		xml.next();
		xml.next();
		assertThat(xml.attributeColumn(0)).as("four letters").isEqualTo(-1);
		xml.next();
		xml.next();
		assertThat(xml.attributeColumn(0)).as("a reference").isEqualTo(-1);
		assertThat(xml.attributeValue(0)).isEqualTo("A1");
		xml.next();
		xml.next();
		assertThat(xml.next()).isEqualTo(SheetXml.END_ELEMENT);
		assertThat(xml.next()).isEqualTo(SheetXml.END_OF_DOCUMENT);
	}

	/** A cell type or style that recurs is the same string each time, not a new one per cell. */
	@Test
	void keepsOneStringForAShortValueThatRecurs() throws IOException {
		byte[] bytes = (SHEET + "<c t=\"inlineStr\" s=\"12\"/><c t=\"inlineStr\" s=\"12\"/></worksheet>")
			.getBytes(StandardCharsets.UTF_8);
		SheetXml xml = SheetXml.open(new ByteArrayInputStream(bytes));
		xml.next();
		xml.next();
		String type = xml.attributeValue(0);
		String style = xml.attributeValue(1);
		xml.next();
		xml.next();
		assertThat(xml.attributeValue(0)).isEqualTo("inlineStr").isSameAs(type);
		assertThat(xml.attributeValue(1)).isEqualTo("12").isSameAs(style);
	}

	// ------------------------------------------------------------------ helpers

	private static final String[] ELEMENTS = { "other", "row", "c", "v", "f", "is", "t" };

	/** What SheetXml reads: elements by their code, attributes by local name, text joined. */
	private static List<String> events(InputStream in) throws IOException {
		SheetXml xml = SheetXml.open(in);
		assertThat(xml).isNotNull();
		List<String> events = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		int event;
		while ((event = xml.next()) != SheetXml.END_OF_DOCUMENT) {
			if (event == SheetXml.TEXT) {
				text.append(xml.text());
				continue;
			}
			flushText(events, text);
			if (event == SheetXml.START_ELEMENT) {
				StringBuilder start = new StringBuilder("start ").append(ELEMENTS[xml.element()]);
				for (int i = 0; i < xml.attributeCount(); i++) {
					for (char name : new char[] { 'r', 's', 't', 'z' }) {
						if (xml.attributeIs(i, name)) {
							start.append(' ').append(name).append('=').append(xml.attributeValue(i));
						}
					}
				}
				events.add(start.toString());
			}
			else {
				events.add("end " + ELEMENTS[xml.element()]);
			}
		}
		flushText(events, text);
		return events;
	}

	/** What POI's StAX parser reads, in the same terms. */
	private static List<String> stax(byte[] bytes) throws XMLStreamException {
		XMLStreamReader xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(new ByteArrayInputStream(bytes));
		List<String> events = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		while (xml.hasNext()) {
			int event = xml.next();
			if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
					|| event == XMLStreamConstants.SPACE) {
				if (xml.getEventType() != XMLStreamConstants.SPACE && depth(events) > 0) {
					text.append(xml.getText());
				}
				continue;
			}
			if (event == XMLStreamConstants.START_ELEMENT) {
				flushText(events, text);
				StringBuilder start = new StringBuilder("start ").append(code(xml.getLocalName()));
				for (int i = 0; i < xml.getAttributeCount(); i++) {
					String name = xml.getAttributeLocalName(i);
					if (name.length() == 1 && "rstz".contains(name)) {
						start.append(' ').append(name).append('=').append(xml.getAttributeValue(i));
					}
				}
				events.add(start.toString());
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				flushText(events, text);
				events.add("end " + code(xml.getLocalName()));
			}
		}
		flushText(events, text);
		return events;
	}

	private static int depth(List<String> events) {
		int depth = 0;
		for (String event : events) {
			depth += event.startsWith("start ") ? 1 : event.startsWith("end ") ? -1 : 0;
		}
		return depth;
	}

	private static String code(String localName) {
		return switch (localName) {
			case "row", "c", "v", "f", "is", "t" -> localName;
			default -> "other";
		};
	}

	private static void flushText(List<String> events, StringBuilder text) {
		if (text.length() > 0) {
			events.add("text " + text);
			text.setLength(0);
		}
	}

	/** A stream that gives one byte per read, so that every token crosses the reader's refills. */
	private static final class OneByteAtATime extends InputStream {

		private final byte[] bytes;

		private int next;

		OneByteAtATime(byte[] bytes) {
			this.bytes = bytes;
		}

		@Override
		public int read() {
			return next < bytes.length ? bytes[next++] & 0xff : -1;
		}

		@Override
		public int read(byte[] into, int offset, int length) {
			if (length == 0) {
				return 0;
			}
			int b = read();
			if (b < 0) {
				return -1;
			}
			into[offset] = (byte) b;
			return 1;
		}
	}
}
